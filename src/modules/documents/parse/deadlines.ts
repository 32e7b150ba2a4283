import { findVietnameseDates } from '../../../text/normalize';
import { foldForMatching } from './fold';
import type { Recurrence, Span } from './types';

export interface Deadline {
  dueOn: string;
  /** Offsets inside the searched text. */
  span: Span;
  text: string;
}

// Words that make a following date a deadline rather than a reference ("Nghị định … ngày 01/6/2020").
const CUE_BEFORE =
  /(?:truoc|cham nhat(?: la)?|han(?: chot)?|hoan thanh|xong|trong|den het|khong qua|thoi gian hoan thanh|thoi han(?: hoan thanh)?|thoi han bao cao|truoc thoi diem)\s*(?:la\s*)?[:,]?\s*(?:ngay|thang|nam)?\s*[:,]?\s*$/;

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(date: string, days: number, workingDaysOnly: boolean): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (!workingDaysOnly) {
    d.setUTCDate(d.getUTCDate() + days);
  } else {
    // Working days skip Saturdays and Sundays (Labour Code 2019, Art. 111); public holidays are not known here.
    let left = days;
    while (left > 0) {
      d.setUTCDate(d.getUTCDate() + 1);
      const weekday = d.getUTCDay();
      if (weekday !== 0 && weekday !== 6) left -= 1;
    }
  }
  return d.toISOString().slice(0, 10);
}

const NUMBER_WORDS: Record<string, number> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
  'muoi lam': 15,
  'muoi nam': 15,
  'hai muoi': 20,
  'ba muoi': 30,
};

function readCount(token: string): number | null {
  const digits = /^\d+/.exec(token);
  if (digits) return +digits[0];
  return NUMBER_WORDS[token.trim()] ?? null;
}

/**
 * Deadlines in a clause: exact dates, months, quarters and half-years after a deadline word ("trước ngày
 * 31/3/2022", "Thời hạn hoàn thành: Quý II/2022"), year-less dates taken in the issuing year, and periods
 * counted from signature ("trong vòng 15 ngày kể từ ngày ký"). Dates before `issuedOn` are references,
 * not deadlines. Nothing found → empty, never a guess.
 */
export function findDeadlines(text: string, issuedOn: string | null): Deadline[] {
  const folded = foldForMatching(text);
  const found: Deadline[] = [];
  const taken: Span[] = [];
  for (const date of findVietnameseDates(text)) {
    const before = folded.slice(Math.max(0, date.index - 45), date.index);
    const own = foldForMatching(date.text);
    // "trong tháng 6/2022", "Quý II/2022": the cue may be inside the matched expression's own lead word.
    const hasCue =
      CUE_BEFORE.test(before) ||
      (/^(?:quy|6 thang)/.test(own) && /(?:trong|truoc|han|hoan thanh|xong|den het|:)\s*$/.test(before));
    if (!hasCue) continue;
    if (date.granularity === 'year' && !/(?:trong|truoc|hoan thanh|xong|den het)\s*(?:nam)?\s*$/.test(before)) continue;
    if (issuedOn && date.date < issuedOn) continue;
    // "trong năm 2014 và các năm tiếp theo" is a period, not a deadline.
    if (
      date.granularity === 'year' &&
      /^\s*(?:va|den|-)\s*(?:cac|nhung)?\s*nam\b/.test(
        folded.slice(date.index + date.text.length, date.index + date.text.length + 30),
      )
    )
      continue;
    const span: Span = [date.index, date.index + date.text.length];
    found.push({ dueOn: date.date, span, text: date.text });
    taken.push(span);
  }
  // Year-less day ("trước ngày 28/2"): the issuing year, or the next one if already past.
  if (issuedOn) {
    const yearless =
      /(?:truoc|cham nhat(?: la)?|han(?: chot)?|hoan thanh(?: truoc)?)\s*(?:la\s*)?(?:ngay\s+)(\d{1,2})\s*\/\s*(\d{1,2})(?!\s*\/\s*\d|\d)/g;
    let m: RegExpExecArray | null;
    while ((m = yearless.exec(folded)) !== null) {
      const start = m.index + m[0].indexOf(m[1]!);
      if (taken.some(([a, b]) => start >= a && start < b)) continue;
      const day = +m[1]!;
      const month = +m[2]!;
      if (month < 1 || month > 12 || day < 1 || day > 31) continue;
      let year = +issuedOn.slice(0, 4);
      if (iso(year, month, day) < issuedOn) year += 1;
      found.push({
        dueOn: iso(year, month, day),
        span: [start, m.index + m[0].length],
        text: text.slice(start, m.index + m[0].length),
      });
    }
    const relative =
      /trong\s+(?:vong|thoi han|thoi gian|thoi gian khong qua)?\s*(\d+|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi(?: lam| nam)?|hai muoi|ba muoi)\s*(?:\(\s*[a-z\s]+\))?\s*(ngay lam viec|ngay|tuan|thang)\s*,?\s*(?:ke tu|tinh tu)\s*(?:ngay|khi)\s*(ky|ban hanh|[a-z]+ nay (?:co hieu luc|duoc ban hanh)|ky ban hanh)/g;
    while ((m = relative.exec(folded)) !== null) {
      const count = readCount(m[1]!);
      if (count === null) continue;
      const unit = m[2]!;
      let dueOn: string;
      if (unit === 'thang') {
        const d = new Date(`${issuedOn}T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() + count);
        dueOn = d.toISOString().slice(0, 10);
      } else {
        dueOn = addDays(issuedOn, unit === 'tuan' ? count * 7 : count, unit === 'ngay lam viec');
      }
      found.push({ dueOn, span: [m.index, m.index + m[0].length], text: text.slice(m.index, m.index + m[0].length) });
    }
  }
  return found.sort((a, b) => a.span[0] - b.span[0]);
}

export interface RecurrenceMatch {
  recurrence: Recurrence;
  span: Span;
  /** Day of the month for "trước ngày 25 hằng tháng". */
  dayOfMonth: number | null;
}

const RECURRENCES: { re: RegExp; recurrence: Recurrence }[] = [
  {
    re: /\b(?:dinh ky\s+)?(?:6|sau)\s+thang\s+(?:mot|1)\s+lan\b|\bdinh ky\s+(?:6|sau)\s+thang\b|\b(?:hang|hang)\s+(?:6|sau)\s+thang\b|\bnua nam mot lan\b/,
    recurrence: 'half-yearly',
  },
  { re: /\b(?:hang|moi)\s+quy\b|\bdinh ky\s+(?:hang\s+)?quy\b|\bquy\s+(?:mot|1)\s+lan\b/, recurrence: 'quarterly' },
  { re: /\b(?:hang|moi)\s+thang\b|\bdinh ky\s+(?:hang\s+)?thang\b|\bthang\s+(?:mot|1)\s+lan\b/, recurrence: 'monthly' },
  { re: /\b(?:hang|moi)\s+nam\b|\bdinh ky\s+(?:hang\s+)?nam\b|\bnam\s+(?:mot|1)\s+lan\b/, recurrence: 'yearly' },
];

/** Recurrence words ("hằng năm", "định kỳ 6 tháng", "hằng quý", "hằng tháng"); "hàng" is the common variant spelling. */
export function findRecurrence(text: string): RecurrenceMatch | null {
  const folded = foldForMatching(text);
  let best: RecurrenceMatch | null = null;
  for (const { re, recurrence } of RECURRENCES) {
    const m = re.exec(folded);
    if (m && (!best || m.index < best.span[0])) {
      const day = recurrence === 'monthly' ? /ngay\s+(\d{1,2})\s+$/.exec(folded.slice(Math.max(0, m.index - 12), m.index)) : null;
      best = { recurrence, span: [m.index, m.index + m[0].length], dayOfMonth: day ? +day[1]! : null };
    }
  }
  return best;
}

/** First day-of-month occurrence on or after `from` ("trước ngày 25 hằng tháng" issued on 15/11 → 25/11). */
export function nextMonthlyDay(from: string, day: number): string {
  const year = +from.slice(0, 4);
  const month = +from.slice(5, 7);
  const candidate = iso(year, month, day);
  if (candidate >= from) return candidate;
  return month === 12 ? iso(year + 1, 1, day) : iso(year, month + 1, day);
}
