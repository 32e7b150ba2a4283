/**
 * Hourly volume forecasting (pure). Model: level × hour-of-day profile × day-of-week profile (a multiplicative
 * seasonal decomposition; both profiles over the last 4 weeks, lightly smoothed toward flat so that sparse
 * series do not forecast zeros), with the level re-estimated from the last 3 days. Prediction intervals come
 * from the quantiles of standardised residuals of rolling-origin backtests (no distribution assumed).
 */
import { DAY_MS, HOUR_MS, vietnamHourOfWeek } from './time';

export interface ForecastPoint {
  at: number;
  mean: number;
  lower: number;
  upper: number;
}

export interface BacktestResult {
  /** Model MAE / in-sample seasonal-naive MAE (below 1: better than the naive scale). */
  mase: number | null;
  /** The seasonal-naive forecast's own MASE on the same folds (the baseline to beat). */
  seasonalNaiveMase: number | null;
  mae: number | null;
  folds: number;
  /** Share of held-out hours inside the interval. */
  intervalCoverage: number | null;
}

/** Seasonal profile and level fitted on `values` (hour t = start + i h). */
export function fitProfile(values: readonly number[], start: number): { level: number; factor: (t: number) => number } {
  const n = values.length;
  const window = Math.min(n, 28 * 24);
  const from = n - window;
  const hourSums = new Array<number>(24).fill(0);
  const hourCounts = new Array<number>(24).fill(0);
  const daySums = new Array<number>(7).fill(0);
  const dayCounts = new Array<number>(7).fill(0);
  let total = 0;
  for (let i = from; i < n; i++) {
    const how = vietnamHourOfWeek(start + i * HOUR_MS);
    const hour = how % 24;
    const day = Math.floor(how / 24);
    hourSums[hour] = hourSums[hour]! + values[i]!;
    hourCounts[hour] = hourCounts[hour]! + 1;
    daySums[day] = daySums[day]! + values[i]!;
    dayCounts[day] = dayCounts[day]! + 1;
    total += values[i]!;
  }
  const mean = window ? total / window : 0;
  // Shrink toward flat with a pseudo-count of 2 mean-hours per cell.
  const prior = 2;
  const hod = hourSums.map((sum, h) => (mean > 0 ? (sum + prior * mean) / ((hourCounts[h]! + prior) * mean) : 1));
  const hasWeeks = window >= 14 * 24;
  const dow = daySums.map((sum, d) =>
    hasWeeks && mean > 0 ? (sum + prior * 24 * mean) / ((dayCounts[d]! + prior * 24) * mean) : 1,
  );
  const factor = (t: number) => {
    const how = vietnamHourOfWeek(t);
    return Math.max(0.01, hod[how % 24]! * dow[Math.floor(how / 24)]!);
  };
  let recent = 0;
  let expected = 0;
  for (let i = Math.max(0, n - 72); i < n; i++) {
    recent += values[i]!;
    expected += factor(start + i * HOUR_MS);
  }
  return { level: expected > 0 ? recent / expected : mean, factor };
}

function pointForecast(values: readonly number[], start: number, horizon: number): number[] {
  const { level, factor } = fitProfile(values, start);
  const origin = start + values.length * HOUR_MS;
  return Array.from({ length: horizon }, (_, h) => level * factor(origin + h * HOUR_MS));
}

/** Seasonal naive: the value one season earlier (repeated for horizons beyond one season). */
export function seasonalNaive(values: readonly number[], horizon: number, season: number): number[] {
  return Array.from({ length: horizon }, (_, h) => {
    let index = values.length + h - season;
    while (index >= values.length) index -= season;
    return index >= 0 ? values[index]! : 0;
  });
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** Season used for the naive baseline and the MASE scale: a week with 3+ weeks of data, else a day. */
export function seasonFor(length: number): number {
  return length >= 21 * 24 ? 168 : 24;
}

/**
 * Rolling-origin backtest: origins at the last `folds` day boundaries, each forecasting the next 24 h from the
 * data before it. Returns the errors and the standardised residuals used for intervals.
 */
export function backtest(
  values: readonly number[],
  start: number,
  options: { folds?: number; horizon?: number; coverage?: number } = {},
): BacktestResult & { residuals: number[] } {
  const horizon = options.horizon ?? 24;
  const folds = options.folds ?? 7;
  const season = seasonFor(values.length);
  const residuals: number[] = [];
  let modelError = 0;
  let naiveError = 0;
  let points = 0;
  let done = 0;
  for (let fold = folds; fold >= 1; fold--) {
    const origin = values.length - fold * 24;
    if (origin < Math.max(season + 24, 72)) continue;
    const train = values.slice(0, origin);
    const actual = values.slice(origin, origin + horizon);
    const model = pointForecast(train, start, actual.length);
    const naive = seasonalNaive(train, actual.length, season);
    actual.forEach((y, h) => {
      modelError += Math.abs(y - model[h]!);
      naiveError += Math.abs(y - naive[h]!);
      residuals.push((y - model[h]!) / Math.sqrt(Math.max(model[h]!, 1)));
      points++;
    });
    done++;
  }
  if (points === 0) return { mase: null, seasonalNaiveMase: null, mae: null, folds: 0, intervalCoverage: null, residuals };
  // MASE scale: in-sample one-season naive MAE over the data before the first origin.
  const scaleEnd = values.length - folds * 24;
  let scale = 0;
  let scaleCount = 0;
  for (let i = season; i < Math.max(scaleEnd, season + 1) && i < values.length; i++) {
    scale += Math.abs(values[i]! - values[i - season]!);
    scaleCount++;
  }
  const meanScale = scaleCount ? scale / scaleCount : 0;
  const sorted = [...residuals].sort((a, b) => a - b);
  const coverage = options.coverage ?? 0.9;
  const low = quantile(sorted, (1 - coverage) / 2);
  const high = quantile(sorted, 1 - (1 - coverage) / 2);
  const inside = residuals.filter((r) => r >= low && r <= high).length / residuals.length;
  return {
    mase: meanScale > 0 ? modelError / points / meanScale : null,
    seasonalNaiveMase: meanScale > 0 ? naiveError / points / meanScale : null,
    mae: modelError / points,
    folds: done,
    intervalCoverage: inside,
    residuals,
  };
}

/**
 * Forecast of the next `horizon` hours after the series with a `coverage` prediction interval from backtest
 * residual quantiles (standardised by √mean, so the band widens with volume). Lower bounds are clamped at 0.
 */
export function forecastHourly(
  values: readonly number[],
  start: number,
  options: { horizon?: number; coverage?: number } = {},
): { points: ForecastPoint[]; backtest: BacktestResult } {
  const horizon = options.horizon ?? 48;
  const coverage = options.coverage ?? 0.9;
  const result = backtest(values, start, { coverage });
  const sorted = [...result.residuals].sort((a, b) => a - b);
  // Without backtest residuals, fall back to a Poisson-like ±1.64√mean band.
  const low = sorted.length >= 24 ? quantile(sorted, (1 - coverage) / 2) : -1.64;
  const high = sorted.length >= 24 ? quantile(sorted, 1 - (1 - coverage) / 2) : 1.64;
  const origin = start + values.length * HOUR_MS;
  const means = pointForecast(values, start, horizon);
  const { residuals: _residuals, ...backtestResult } = result;
  return {
    points: means.map((mean, h) => {
      const spread = Math.sqrt(Math.max(mean, 1));
      return {
        at: origin + h * HOUR_MS,
        mean,
        lower: Math.max(0, mean + low * spread),
        upper: Math.max(0, mean + high * spread),
      };
    }),
    backtest: backtestResult,
  };
}

export const FORECAST_HISTORY_MS = 35 * DAY_MS;
