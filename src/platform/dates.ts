/** The calendar date (YYYY-MM-DD) in Vietnam (UTC+7 all year, no daylight saving) of a moment; by default, today. */
export function dateInVietnam(moment: Date = new Date()): string {
  return new Date(moment.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
