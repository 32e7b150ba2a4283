import { dateInVietnam } from '../../platform/dates';

/** Whole days from `now` until `deadline`, counted on Vietnamese calendar dates (0 on the day itself). */
export function daysUntil(deadline: Date, now: Date = new Date()): number {
  const day = (date: Date) => Date.parse(`${dateInVietnam(date)}T00:00:00Z`);
  return Math.round((day(deadline) - day(now)) / 86_400_000);
}

/** "dd/mm/yyyy" in Vietnam's time zone. */
export function formatVietnameseDate(date: Date): string {
  const [year, month, day] = dateInVietnam(date).split('-');
  return `${day}/${month}/${year}`;
}
