/** Today's date (YYYY-MM-DD) in Vietnam (UTC+7 all year, no daylight saving): the default "on" date. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
