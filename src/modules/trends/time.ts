/** Vietnam is UTC+7 all year (no daylight saving since 1975), so local days are fixed offsets of UTC. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Start of the UTC hour containing `date`. */
export function floorHour(date: Date | number): number {
  const t = typeof date === 'number' ? date : date.getTime();
  return Math.floor(t / HOUR_MS) * HOUR_MS;
}

/** Vietnam calendar day of an instant, as YYYY-MM-DD. */
export function vietnamDay(date: Date | number): string {
  const t = typeof date === 'number' ? date : date.getTime();
  return new Date(t + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnam calendar day starts (00:00 in Asia/Ho_Chi_Minh). */
export function vietnamDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS;
}

/** Hour of week in Vietnam time, 0 = Monday 00:00 … 167 = Sunday 23:00. */
export function vietnamHourOfWeek(t: number): number {
  const local = new Date(t + VIETNAM_OFFSET_MS);
  return ((local.getUTCDay() + 6) % 7) * 24 + local.getUTCHours();
}
