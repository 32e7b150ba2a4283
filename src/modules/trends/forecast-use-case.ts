import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import type { Actor } from '../../platform/actor';
import { resolveScope } from './scope';
import { FORECAST_HISTORY_MS, forecastHourly } from './forecast';
import { HOUR_MS, floorHour } from './time';
import type { ForecastView } from './contracts';

/**
 * Forecast of a query's hourly volume for the next 24–72 h (default 48) with a 90 % prediction interval and
 * the rolling backtest error beside it. The current, still-filling hour is left out of the history.
 */
export async function forecastQueryVolume({
  actor,
  queryId,
  horizonHours = 48,
  now = new Date(),
}: {
  actor: Actor;
  queryId: string;
  horizonHours?: number;
  now?: Date;
}): Promise<ForecastView> {
  const scope = await resolveScope({ actor, queryId });
  const end = floorHour(now);
  const db = await getDb();
  const rows = (
    (await db.execute(sql`SELECT hour, sum(mentions)::int AS n FROM trends_hourly WHERE scope = ${scope.scope}
      AND hour >= ${new Date(end - FORECAST_HISTORY_MS).toISOString()}::timestamptz AND hour < ${new Date(end).toISOString()}::timestamptz GROUP BY 1 ORDER BY 1`)) as unknown as {
      rows: { hour: Date; n: number }[];
    }
  ).rows;
  const first = rows[0] ? new Date(rows[0].hour).getTime() : end;
  const counts = new Map(rows.map((row) => [new Date(row.hour).getTime(), Number(row.n)]));
  const values: number[] = [];
  for (let t = first; t < end; t += HOUR_MS) values.push(counts.get(t) ?? 0);
  const isInsufficientHistory = values.length < 72;
  const result = forecastHourly(values, first, { horizon: horizonHours, coverage: 0.9 });
  return {
    queryId: scope.queryId!,
    generatedAt: now.toISOString(),
    horizonHours,
    history: values
      .slice(-7 * 24)
      .map((mentions, i, recent) => ({ at: new Date(end - (recent.length - i) * HOUR_MS).toISOString(), mentions })),
    forecast: result.points.map((p) => ({
      at: new Date(p.at).toISOString(),
      mean: round(p.mean),
      lower: round(p.lower),
      upper: round(p.upper),
    })),
    method:
      'level × hour-of-day × day-of-week profile (4 weeks), level from the last 72 h; 90 % interval from backtest residual quantiles',
    coverage: 0.9,
    backtest: {
      ...result.backtest,
      mase: roundOrNull(result.backtest.mase),
      seasonalNaiveMase: roundOrNull(result.backtest.seasonalNaiveMase),
      mae: roundOrNull(result.backtest.mae),
      intervalCoverage: roundOrNull(result.backtest.intervalCoverage),
    },
    isInsufficientHistory,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
const roundOrNull = (value: number | null) => (value === null ? null : round(value));
