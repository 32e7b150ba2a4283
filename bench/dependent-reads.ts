/**
 * Nanoseconds per dependent read of a random cycle through `megabytes` of Int32 slots: what a read of a table that
 * does not stay in the core's caches costs. Processing reads several such tables per article (the topic weights are
 * 8 MB, the token interner grows with the vocabulary), so its speed follows these figures more than a scan's; at
 * 4 MB the figure says whether other tenants are using the shared last-level cache (≈ 30 ns quiet, 100–200 busy).
 */
export function dependentReadNanoseconds(megabytes: number, steps = 20_000_000): number {
  const slots = Math.floor((megabytes * 1024 * 1024) / 4);
  const order = Int32Array.from({ length: slots }, (_, k) => k);
  let seed = 7;
  // Sattolo's shuffle: one cycle through every slot
  for (let k = slots - 1; k > 0; k--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const other = seed % k;
    [order[k], order[other]] = [order[other]!, order[k]!];
  }
  const next = new Int32Array(slots);
  for (let k = 0; k < slots; k++) next[order[k]!] = order[(k + 1) % slots]!;
  let at = 0;
  for (let step = 0; step < 1_000_000; step++) at = next[at]!;
  const started = performance.now();
  for (let step = 0; step < steps; step++) at = next[at]!;
  const nanoseconds = ((performance.now() - started) * 1e6) / steps;
  if (at < 0) throw new Error('unreachable'); // keeps the chain live
  return nanoseconds;
}
