import type { Clause, Span } from './types';

/**
 * Order of point letters in Vietnamese legal and administrative texts: the Vietnamese alphabet
 * without the doubled vowels, "đ" after "d" (Decree 30/2020/NĐ-CP, Appendix I, item II.6: "điểm"
 * are marked a, b, c, …; Law on Promulgation of Legal Documents 2015, Art. 61).
 */
export const POINT_LETTERS = [
  'a',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'g',
  'h',
  'i',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'v',
  'x',
  'y',
];

const ROMANS = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv'];

interface Marker {
  level: Clause['level'];
  /** Offset of the marker in the text. */
  start: number;
  /** Offset where the clause's text starts (after the marker). */
  bodyStart: number;
  label: string;
  number: number;
}

interface State {
  section: number;
  article: number;
  clause: number;
  subclause: number;
  point: number;
}

/**
 * Splits a document body into its clause tree by line-leading markers ("I.", "Điều 3.", "1.", "1.2.",
 * "a)"). Each level must continue its sequence (or restart at its first value under a new parent), which
 * keeps lines that merely begin with a number ("56 106/2020/NĐ-CP …" in OCR) out of the tree.
 */
export function splitClauses(
  text: string,
  folded: string,
  bodyStart: number,
  bodyEnd: number,
  stops: readonly number[] = [],
  softStops: readonly number[] = [],
): Clause[] {
  const markers: Marker[] = [];
  const state: State = { section: 0, article: 0, clause: 0, subclause: 0, point: 0 };
  const lineRe = /(^|\n)([ \t\u00a0|*#>"'“‘`]{0,6})/g;
  lineRe.lastIndex = bodyStart;
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(folded)) !== null) {
    const lineStart = m.index + m[1]!.length + m[2]!.length;
    if (lineStart >= bodyEnd) break;
    if (m[0].length === 0) lineRe.lastIndex += 1;
    const marker = readMarker(text, folded, lineStart, state);
    if (marker) markers.push(marker);
  }
  return buildClauses(
    text,
    markers,
    bodyEnd,
    [...stops].sort((a, b) => a - b),
    [...softStops].sort((a, b) => a - b),
  );
}

function readMarker(text: string, folded: string, at: number, state: State): Marker | null {
  const rest = folded.slice(at, at + 40);
  const original = text.slice(at, at + 40);

  const article = /^d[i1l][eé]u\s+(\d{1,3})\s*[.:]\s*/.exec(rest);
  // "Điều 3." (OCR may lose the bar: "Diéu 3.").
  if (article && /^[ĐD]/.test(original)) {
    const n = +article[1]!;
    // "Điều N." opening a line is a strong marker; consolidated or re-assembled texts need not keep order.
    if (n >= 1 && n !== state.article) {
      state.article = n;
      state.clause = 0;
      state.subclause = 0;
      state.point = 0;
      return { level: 'article', start: at, bodyStart: at + article[0].length, label: `Điều ${n}`, number: n };
    }
    return null;
  }

  const roman = /^(x{0,1}(?:ix|iv|v?i{0,3}))\s*\.\s*(?=\S)/.exec(rest);
  if (roman && roman[1] && original.slice(0, roman[1].length) === original.slice(0, roman[1].length).toUpperCase()) {
    const n = ROMANS.indexOf(roman[1]) + 1;
    if (n > 0 && (n === state.section + 1 || (n === 1 && state.section > 0))) {
      state.section = n;
      state.clause = 0;
      state.subclause = 0;
      state.point = 0;
      return { level: 'section', start: at, bodyStart: at + roman[0].length, label: roman[1].toUpperCase(), number: n };
    }
  }

  // "2.1.a." (some plans letter the points of a sub-clause this way).
  const dottedPoint = /^(\d{1,2})\.(\d{1,2})\.([a-z])[.)]\s*/.exec(rest);
  if (dottedPoint && +dottedPoint[1]! === state.clause && +dottedPoint[2]! === state.subclause) {
    const expected = POINT_LETTERS[state.point];
    if (expected && dottedPoint[3] === (expected === 'đ' ? 'd' : expected)) {
      state.point += 1;
      return { level: 'point', start: at, bodyStart: at + dottedPoint[0].length, label: expected, number: state.point };
    }
  }
  const numbered = /^(\d{1,2})(?:\.(\d{1,2}))?(?:(\s*[.)]\s*)|(\s+)(?=[^\s\d]))/.exec(rest);
  if (numbered) {
    const top = +numbered[1]!;
    const sub = numbered[2] === undefined ? null : +numbered[2];
    const after = rest[numbered[0].length];
    const separator = numbered[3];
    // "1.600.000 đồng", "2020 …": a number marker is followed by text, not by more digits.
    if (after !== undefined && /\d/.test(after)) return null;
    if (separator === undefined) {
      // OCR lost the dot: accept only "4 Bộ …" (capital letter next) continuing the sequence.
      const next = original[numbered[0].length];
      if (sub !== null || !next || next === next.toLowerCase() || top !== state.clause + 1) return null;
    }
    if (sub === null) {
      // One number may be lost to OCR or a page break: "… 2. …" then "4. Bộ …" still continues the list.
      const next = original[numbered[0].length];
      const skipsOne =
        top === state.clause + 2 &&
        separator !== undefined &&
        separator.includes('.') &&
        next !== undefined &&
        next !== next.toLowerCase();
      if (top === state.clause + 1 || skipsOne) {
        state.clause = top;
        state.subclause = 0;
        state.point = 0;
        return { level: 'clause', start: at, bodyStart: at + numbered[0].length, label: String(top), number: top };
      }
      return null;
    }
    if (top === state.clause && sub === state.subclause + 1) {
      state.subclause = sub;
      state.point = 0;
      return { level: 'subclause', start: at, bodyStart: at + numbered[0].length, label: `${top}.${sub}`, number: sub };
    }
    return null;
  }

  // "a)", "đ)"; OCR may turn the letter into a symbol ("¢)", "&)"), which then takes the expected letter.
  const point = /^(\S)\)\s*/.exec(original);
  if (point) {
    const expected = POINT_LETTERS[state.point];
    if (!expected) return null;
    const letter = point[1]!;
    const foldedLetter = folded[at]!;
    const isExpected =
      letter.toLowerCase() === expected ||
      foldedLetter === (expected === 'đ' ? 'd' : expected) ||
      (!/[\p{L}\p{N}]/u.test(letter) && state.point > 0);
    if (!isExpected) return null;
    state.point += 1;
    return { level: 'point', start: at, bodyStart: at + point[0].length, label: expected, number: state.point };
  }
  return null;
}

function buildClauses(text: string, markers: Marker[], bodyEnd: number, stops: number[], softStops: number[]): Clause[] {
  const clauses: Clause[] = [];
  const stack: { level: Clause['level']; ref: string }[] = [];
  const rank: Record<Clause['level'], number> = { section: 0, article: 1, clause: 2, subclause: 3, point: 4 };
  markers.forEach((marker, i) => {
    const nextMarker = i + 1 < markers.length ? markers[i + 1]!.start : bodyEnd;
    // The closing formula, "Nơi nhận" list and signature end the clause that precedes them.
    // A closing paragraph ("… thực hiện nghiêm Chỉ thị này.") ends a numbered duty, not an article,
    // whose unnumbered paragraphs are part of it ("Điều 3. … Chánh Văn phòng … chịu trách nhiệm thi hành").
    const candidates = marker.level === 'article' ? stops : [...stops, ...softStops];
    const stop = candidates.filter((s) => s > marker.bodyStart).sort((a, b) => a - b)[0];
    const end = stop !== undefined && stop < nextMarker ? stop : nextMarker;
    while (stack.length > 0 && rank[stack[stack.length - 1]!.level] >= rank[marker.level]) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    let ref: string;
    if (marker.level === 'subclause') {
      // "1.2" already carries its parent's number.
      const grand = stack.filter((s) => s.level === 'section' || s.level === 'article').pop();
      ref = grand ? `${grand.ref}.${marker.label}` : marker.label;
    } else {
      ref = parent ? `${parent.ref}.${marker.label}` : marker.label;
    }
    const span = trimSpan(text, marker.bodyStart, end);
    clauses.push({
      ref,
      level: marker.level,
      text: text.slice(span[0], span[1]),
      span: [marker.start, span[1]],
      parentRef: parent?.ref ?? null,
    });
    stack.push({ level: marker.level, ref });
  });
  return clauses;
}

function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /[\s|]/.test(text[e - 1]!)) e--;
  return [s, e];
}
