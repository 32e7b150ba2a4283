/**
 * Pure detectors on hourly count series (event time). A series is a map from UTC hour start (ms) to count,
 * plus the first hour the scope had data (hours before it are "no history", not zeros).
 */
import { DAY_MS, HOUR_MS, vietnamHourOfWeek } from './time';

export interface HourlySeries {
  counts: Map<number, number>;
  /** First hour with data in this scope; earlier hours are unknown, not zero. */
  startHour: number;
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) by the Lanczos approximation (g = 7), accurate to ~1e-13 for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  LANCZOS.forEach((c, i) => (a += c / (z + i + 1)));
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** −log10 P(X ≥ k) for X ~ Poisson(λ), computed in log space (no underflow for large k). */
export function poissonTailScore(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return 50;
  const logPmf = (i: number) => i * Math.log(lambda) - lambda - logGamma(i + 1);
  // Upper tail summed from k while terms matter; relative to the first term for stability.
  const first = logPmf(k);
  let sum = 0;
  for (let i = k; i < k + 2000; i++) {
    const term = Math.exp(logPmf(i) - first);
    sum += term;
    if (i > lambda && term < 1e-12 * sum) break;
  }
  const logTail = first + Math.log(sum);
  return Math.min(50, Math.max(0, -logTail / Math.LN10));
}

/** −log10 P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialTailScore(k: number, n: number, p: number): number {
  if (k <= 0) return 0;
  if (p <= 0) return 50;
  if (p >= 1) return 0;
  const logChoose = (i: number) => logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1);
  const logPmf = (i: number) => logChoose(i) + i * Math.log(p) + (n - i) * Math.log(1 - p);
  const first = logPmf(k);
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const term = Math.exp(logPmf(i) - first);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return Math.min(50, Math.max(0, -(first + Math.log(sum)) / Math.LN10));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Baseline {
  /** Expected count for the hour. */
  expected: number;
  /** Variance / mean of same-hour residuals (≥ 1): counts are over-dispersed compared with Poisson. */
  dispersion: number;
  /** Hours of history the baseline used. */
  historyHours: number;
}

const count = (series: HourlySeries, t: number) => series.counts.get(t) ?? 0;

/**
 * Seasonal expectation for hour `t`: the median of the same hour on the same kind of day (working day or
 * weekend, Vietnam time) over the last 14 days, blended with the median of the same hour of week over 4 weeks
 * (robust to past spikes; the Monday-morning rise and the quiet Sunday are expected). Returns null with less
 * than 3 days of history.
 */
export function seasonalBaseline(series: HourlySeries, t: number): Baseline | null {
  const historyHours = Math.floor((t - series.startHour) / HOUR_MS);
  if (historyHours < 72) return null;
  const isWeekend = (at: number) => vietnamHourOfWeek(at) >= 5 * 24;
  const weekend = isWeekend(t);
  // Same hour on the same kind of day (working day / weekend) over the last 14 days.
  const sameHour: number[] = [];
  const dayTotals: number[] = [];
  for (let k = 1; k <= 14; k++) {
    const at = t - k * DAY_MS;
    if (at < series.startHour || isWeekend(at) !== weekend) continue;
    sameHour.push(count(series, at));
    let total = 0;
    for (let h = 0; h < 24; h++) total += count(series, at - h * HOUR_MS);
    dayTotals.push(total);
  }
  const hourOfWeek: number[] = [];
  for (let k = 1; k <= 4; k++) if (t - k * 7 * DAY_MS >= series.startHour) hourOfWeek.push(count(series, t - k * 7 * DAY_MS));
  if (sameHour.length === 0 && hourOfWeek.length === 0) return null;
  const byDay = sameHour.length ? median(sameHour) : median(hourOfWeek);
  const byWeek = hourOfWeek.length >= 2 ? median(hourOfWeek) : byDay;
  // Medians of sparse series are often 0: floor with a fraction of the mean hourly rate of such days.
  const meanRate = dayTotals.length ? dayTotals.reduce((a, b) => a + b, 0) / dayTotals.length / 24 : 0;
  const expected = Math.max(0.5 * byDay + 0.5 * byWeek, 0.25 * meanRate, 0.2);
  // Over-dispersion from the same-hour samples around their median (MAD scaled to a standard deviation).
  const centre = median(sameHour);
  const mad = median(sameHour.map((value) => Math.abs(value - centre))) * 1.4826;
  const dispersion = Math.max(1, Math.min(10, (mad * mad) / Math.max(expected, 1)));
  return { expected, dispersion, historyHours };
}

export interface SurgeFinding {
  hour: number;
  /** First hour of the window that ran above twice its expectation: when the event started. */
  startHour: number;
  windowHours: number;
  observed: number;
  expected: number;
  score: number;
}

/**
 * Volume surge at hour `t` (a possibly still-filling hour): tested on the hour alone and on the 3 hours ending
 * at it (slower rises), with a quasi-Poisson tail (counts divided by the dispersion). Fires when the score,
 * the count and the ratio to the expectation all pass.
 */
export function detectVolumeSurge(
  series: HourlySeries,
  t: number,
  options: { minScore?: number; minMentions?: number; minRatio?: number } = {},
): SurgeFinding | null {
  const minScore = options.minScore ?? 3;
  const minMentions = options.minMentions ?? 5;
  const minRatio = options.minRatio ?? 2;
  let best: SurgeFinding | null = null;
  for (const windowHours of [1, 3]) {
    let observed = 0;
    let expected = 0;
    let dispersion = 1;
    let startHour = t;
    for (let h = 0; h < windowHours; h++) {
      const at = t - h * HOUR_MS;
      const baseline = seasonalBaseline(series, at);
      if (!baseline) return null;
      observed += count(series, at);
      expected += baseline.expected;
      dispersion = Math.max(dispersion, baseline.dispersion);
      if (count(series, at) > 2 * baseline.expected) startHour = at;
    }
    if (observed < minMentions || observed < minRatio * expected) continue;
    const score = poissonTailScore(Math.floor(observed / dispersion), expected / dispersion);
    if (score >= minScore && (!best || score > best.score)) best = { hour: t, startHour, windowHours, observed, expected, score };
  }
  return best;
}

export interface ShareFinding {
  hour: number;
  negative: number;
  total: number;
  share: number;
  baselineShare: number;
  score: number;
}

/**
 * Negative-share surge: negative mentions in the window against the share of the 7 days before it, with a
 * binomial tail and a weak prior (so a quiet week does not make any negative mention an alarm).
 */
export function detectNegativeShareSurge(
  window: { negative: number; total: number },
  before: { negative: number; total: number },
  options: { minMentions?: number; minShare?: number; minScore?: number; minLift?: number } = {},
): Omit<ShareFinding, 'hour'> | null {
  const minMentions = options.minMentions ?? 10;
  const minScore = options.minScore ?? 3;
  const minLift = options.minLift ?? 0.2;
  if (window.total < minMentions) return null;
  // Beta(2, 6) prior: about a quarter negative when there is no history.
  const baselineShare = (before.negative + 2) / (before.total + 8);
  const share = window.negative / window.total;
  if (share < (options.minShare ?? 0) || share < baselineShare + minLift) return null;
  const score = binomialTailScore(window.negative, window.total, baselineShare);
  return score >= minScore ? { negative: window.negative, total: window.total, share, baselineShare, score } : null;
}

/**
 * Rising phrases: today's count against the mean of the previous days, Poisson tail with a floor of one
 * mention per day. Returns the phrases that pass, strongest first.
 */
export function risingPhrases(
  today: Map<string, number>,
  history: Map<string, number[]>,
  options: { minMentions?: number; minScore?: number; minRatio?: number } = {},
): { phrase: string; mentions: number; baseline: number; score: number }[] {
  const minMentions = options.minMentions ?? 5;
  const minScore = options.minScore ?? 3;
  const minRatio = options.minRatio ?? 3;
  const out: { phrase: string; mentions: number; baseline: number; score: number }[] = [];
  for (const [phrase, mentions] of today) {
    if (mentions < minMentions) continue;
    const days = history.get(phrase) ?? [];
    const baseline = Math.max(1, days.length ? days.reduce((a, b) => a + b, 0) / Math.max(days.length, 7) : 0);
    if (mentions < minRatio * baseline) continue;
    const score = poissonTailScore(mentions, baseline);
    if (score >= minScore) out.push({ phrase, mentions, baseline, score });
  }
  return out.sort((a, b) => b.score - a.score);
}
