/** Today's date (YYYY-MM-DD) in Vietnam (UTC+7, no daylight saving). */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Whole days from `now` until `deadline`, counted on Vietnamese calendar dates (0 on the day itself). */
export function daysUntil(deadline: Date, now: Date = new Date()): number {
  const day = (date: Date) => Date.parse(`${todayInVietnam(date)}T00:00:00Z`);
  return Math.round((day(deadline) - day(now)) / 86_400_000);
}

/** "dd/mm/yyyy" in Vietnam's time zone. */
export function formatVietnameseDate(date: Date): string {
  const [year, month, day] = todayInVietnam(date).split('-');
  return `${day}/${month}/${year}`;
}
