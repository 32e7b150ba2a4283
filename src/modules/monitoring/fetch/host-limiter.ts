/**
 * Politeness per host within one worker process: at most `concurrency` requests at a time and at least
 * `minIntervalMs` between request starts. (Across worker processes the queue's singleton key per source
 * keeps one fetch per source at a time.)
 */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; lastStart: number; waiting: (() => void)[] }>();
  constructor(
    private readonly concurrency = 2,
    private readonly minIntervalMs = 500,
  ) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.hosts.get(host) ?? { active: 0, lastStart: 0, waiting: [] };
    this.hosts.set(host, state);
    while (state.active >= this.concurrency) await new Promise<void>((resolve) => state.waiting.push(resolve));
    state.active++;
    const wait = state.lastStart + this.minIntervalMs - Date.now();
    state.lastStart = Math.max(Date.now(), state.lastStart + this.minIntervalMs);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      return await task();
    } finally {
      state.active--;
      state.waiting.shift()?.();
    }
  }
}
