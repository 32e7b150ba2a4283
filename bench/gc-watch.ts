import { constants as perfConstants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

/**
 * Counts collections and old-generation growth while a bench loop runs: objects of one document that outlive a young
 * collection (something old holding them) are copied, promoted and left to the full collector, which costs CPU on
 * other threads too.
 */
export function watchGarbageCollection() {
  const oldSpaceUsed = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')?.space_used_size ?? 0;
  const before = oldSpaceUsed();
  const counts = { young: 0, youngMs: 0, full: 0, fullMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) {
        counts.full++;
        counts.fullMs += entry.duration;
      } else if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) {
        counts.young++;
        counts.youngMs += entry.duration;
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      const oldGrowth = oldSpaceUsed() - before;
      // gc entries are delivered asynchronously
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
      return { ...counts, oldGrowth };
    },
  };
}
