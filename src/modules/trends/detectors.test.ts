import { describe, expect, it } from 'vitest';
import {
  binomialTailScore,
  detectNegativeShareSurge,
  detectVolumeSurge,
  poissonTailScore,
  risingPhrases,
  seasonalBaseline,
  type HourlySeries,
} from './detectors';
import { backtest, forecastHourly } from './forecast';
import { titlePhrases } from './phrases';
import { HOUR_MS, vietnamHourOfWeek } from './time';

/** Deterministic pseudo-random numbers (mulberry32) so the synthetic series are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(lambda: number, next: () => number): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const u = next();
  while (u > s && k < 10_000) {
    k++;
    p *= lambda / k;
    s += p;
  }
  return k;
}

/** Working-hours rhythm (peak 9–11 and 14–16 Vietnam time), weekends at 40 %. */
function rate(t: number, base: number): number {
  const how = vietnamHourOfWeek(t);
  const hod = how % 24;
  const weekend = Math.floor(how / 24) >= 5 ? 0.4 : 1;
  const shape = hod < 6 ? 0.15 : hod < 8 ? 0.6 : hod < 12 ? 1.6 : hod < 13 ? 0.9 : hod < 17 ? 1.4 : hod < 22 ? 0.8 : 0.35;
  return base * shape * weekend;
}

const START = Date.UTC(2026, 8, 6, 17); // Monday 7/9/2026 00:00 in Vietnam

function series(weeks: number, base: number, seed: number): { values: number[]; series: HourlySeries } {
  const next = random(seed);
  const values = Array.from({ length: weeks * 168 }, (_, i) => poisson(rate(START + i * HOUR_MS, base), next));
  return { values, series: { counts: new Map(values.map((v, i) => [START + i * HOUR_MS, v])), startHour: START } };
}

describe('tail scores', () => {
  it('matches known Poisson and binomial tails', () => {
    // P(X ≥ 10 | λ = 2) ≈ 4.65e-5
    expect(poissonTailScore(10, 2)).toBeCloseTo(-Math.log10(4.65e-5), 1);
    expect(poissonTailScore(0, 2)).toBe(0);
    // P(X ≥ 8 | n = 10, p = 0.25) ≈ 4.16e-4
    expect(binomialTailScore(8, 10, 0.25)).toBeCloseTo(-Math.log10(4.158e-4), 1);
    expect(poissonTailScore(5000, 100)).toBe(50);
  });
});

describe('seasonal baseline and surge detector', () => {
  it('expects the Monday-morning rise and the quiet weekend night', () => {
    const { series: s } = series(4, 10, 1);
    const mondayTen = START + 4 * 168 * HOUR_MS - 168 * HOUR_MS + 10 * HOUR_MS; // Monday 10:00, week 4
    const sundayThree = START + 4 * 168 * HOUR_MS - 21 * HOUR_MS; // Sunday 03:00, week 4
    const monday = seasonalBaseline(s, mondayTen)!;
    const sunday = seasonalBaseline(s, sundayThree)!;
    expect(monday.expected).toBeGreaterThan(10);
    expect(sunday.expected).toBeLessThan(3);
    expect(seasonalBaseline({ counts: new Map(), startHour: START }, START + 10 * HOUR_MS)).toBeNull();
  });

  it('finds injected spikes and stays quiet on normal weeks', () => {
    let falseAlarms = 0;
    let found = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const { series: s } = series(5, 6, seed);
      // Quiet 5th week: count alarms.
      for (let i = 4 * 168; i < 5 * 168; i++) if (detectVolumeSurge(s, START + i * HOUR_MS)) falseAlarms++;
      // Inject a spike of 4× the expected rate (at least +25) at Tuesday 20:00 of week 5 and check it is found.
      const at = START + (4 * 168 + 24 + 20) * HOUR_MS;
      s.counts.set(at, (s.counts.get(at) ?? 0) + Math.max(25, Math.round(rate(at, 6) * 3)));
      if (detectVolumeSurge(s, at)) found++;
    }
    expect(found).toBe(10);
    expect(falseAlarms / 10).toBeLessThanOrEqual(1);
  });

  it('flags a negative-share surge only with enough mentions and a real lift', () => {
    expect(detectNegativeShareSurge({ negative: 15, total: 20 }, { negative: 30, total: 300 })).not.toBeNull();
    expect(detectNegativeShareSurge({ negative: 3, total: 4 }, { negative: 30, total: 300 })).toBeNull();
    expect(detectNegativeShareSurge({ negative: 12, total: 40 }, { negative: 90, total: 300 })).toBeNull();
  });
});

describe('emerging phrases', () => {
  it('folds headline n-grams and keeps phrases that rise sharply', () => {
    expect(titlePhrases('Học phí đại học tăng mạnh')).toEqual(expect.arrayContaining(['hoc phi', 'dai hoc', 'hoc phi dai']));
    expect(titlePhrases('Của và là')).toEqual([]);
    const rising = risingPhrases(
      new Map([
        ['sap nhap tinh', 40],
        ['thoi tiet', 12],
      ]),
      new Map([['thoi tiet', [10, 12, 11, 9, 13, 10, 12]]]),
    );
    expect(rising.map((r) => r.phrase)).toEqual(['sap nhap tinh']);
  });
});

describe('forecast', () => {
  it('beats seasonal naive on a rhythmic series and covers about 90 % with its interval', () => {
    const { values } = series(6, 8, 7);
    const train = values.slice(0, 5 * 168);
    const result = forecastHourly(train, START, { horizon: 72 });
    expect(result.points).toHaveLength(72);
    expect(result.points.every((p) => p.lower <= p.mean && p.mean <= p.upper && p.lower >= 0)).toBe(true);
    const test = values.slice(5 * 168, 5 * 168 + 72);
    const inside = test.filter((y, h) => y >= result.points[h]!.lower && y <= result.points[h]!.upper).length / test.length;
    expect(inside).toBeGreaterThan(0.75);
    const bt = backtest(values, START);
    expect(bt.mase).not.toBeNull();
    expect(bt.mase!).toBeLessThan(bt.seasonalNaiveMase!);
  });

  it('handles an empty or very short history', () => {
    expect(forecastHourly([], START, { horizon: 24 }).points.every((p) => p.mean === 0)).toBe(true);
    expect(forecastHourly([1, 2, 3], START, { horizon: 24 }).backtest.folds).toBe(0);
  });
});
