/** Formatters of the web app: Vietnamese conventions (dd/mm/yyyy, Asia/Ho_Chi_Minh, vi-VN numbers). */

export const timeZone = 'Asia/Ho_Chi_Minh';

const dateFormatter = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });

/** A calendar date "YYYY-MM-DD" (no time zone) shown as dd/mm/yyyy. */
export function formatIsoDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** An instant shown as dd/mm/yyyy in Vietnam's time zone. */
export function formatDate(instant: string | Date | null | undefined): string {
  if (!instant) return '';
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '';
  return dateFormatter.format(date);
}

/** An instant shown as "dd/mm/yyyy HH:mm" in Vietnam's time zone. */
export function formatDateTime(instant: string | Date | null | undefined): string {
  if (!instant) return '';
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '';
  return `${dateFormatter.format(date)} ${timeFormatter.format(date)}`;
}

const numberFormatter = new Intl.NumberFormat('vi-VN');

/** A number with Vietnamese grouping (1.234.567). */
export function formatNumber(value: number): string {
  return numberFormatter.format(value);
}

/** A share (0.007) as a Vietnamese percentage with at most one decimal ("0,7 %"); "—" when there is none. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;
}

/** A size in bytes with a binary unit and a decimal comma ("1,5 MB"). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

/** Parses "dd/mm/yyyy" (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) into "YYYY-MM-DD"; undefined when invalid. */
export function parseVietnameseDate(text: string): string | undefined {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today's date in Vietnam as "YYYY-MM-DD". */
export function todayInVietnam(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  return parts;
}

/** Converts a Vietnam-local calendar date to the UTC instant of its start (00:00 +07:00). */
export function startOfVietnamDay(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00+07:00`).toISOString();
}

/** Converts a Vietnam-local calendar date to the UTC instant of its end (23:59:59.999 +07:00). */
export function endOfVietnamDay(isoDate: string): string {
  return new Date(`${isoDate}T23:59:59.999+07:00`).toISOString();
}
