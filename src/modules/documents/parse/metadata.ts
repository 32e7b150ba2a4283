import type { DocumentType, DocumentTypeKey, Span } from './types';

/**
 * Names of document types (Law on Promulgation of Legal Documents 2015, Art. 4; Decree 30/2020/NĐ-CP,
 * Art. 7 and Appendix III for administrative documents and their abbreviations in the number symbol).
 * Longest first so "thông tư liên tịch" wins over "thông tư".
 */
const TYPES: { folded: string; name: string; key: DocumentTypeKey; symbol?: string }[] = [
  { folded: 'thong tu lien tich', name: 'Thông tư liên tịch', key: 'jointCircular', symbol: 'ttlt' },
  { folded: 'van ban hop nhat', name: 'Văn bản hợp nhất', key: 'consolidatedText', symbol: 'vbhn' },
  { folded: 'nghi quyet', name: 'Nghị quyết', key: 'resolution', symbol: 'nq' },
  { folded: 'nghi dinh', name: 'Nghị định', key: 'decree', symbol: 'nd' },
  { folded: 'quyet dinh', name: 'Quyết định', key: 'decision', symbol: 'qd' },
  { folded: 'thong tu', name: 'Thông tư', key: 'circular', symbol: 'tt' },
  { folded: 'chi thi', name: 'Chỉ thị', key: 'directive', symbol: 'ct' },
  { folded: 'ke hoach', name: 'Kế hoạch', key: 'plan', symbol: 'kh' },
  { folded: 'thong bao', name: 'Thông báo', key: 'notice', symbol: 'tb' },
  { folded: 'bao cao', name: 'Báo cáo', key: 'report', symbol: 'bc' },
  { folded: 'cong dien', name: 'Công điện', key: 'dispatch', symbol: 'cd' },
  { folded: 'phap lenh', name: 'Pháp lệnh', key: 'ordinance' },
  { folded: 'chuong trinh', name: 'Chương trình', key: 'programme', symbol: 'ctr' },
  { folded: 'quy che', name: 'Quy chế', key: 'regulation', symbol: 'qc' },
  { folded: 'quy dinh', name: 'Quy định', key: 'regulation', symbol: 'qyd' },
  { folded: 'cong van', name: 'Công văn', key: 'officialLetter' },
  { folded: 'luat', name: 'Luật', key: 'law' },
];

export const UNKNOWN_TYPE: DocumentType = { name: 'Không xác định', key: 'unknown' };

export interface HeaderFields {
  type: DocumentType;
  number: string | null;
  issuerText: string | null;
  issuedOn: string | null;
  place: string | null;
  subject: string | null;
  /** End of the heading block (number, date, title, subject), where the body may begin. */
  headerEnd: number;
  recipientBlock: { text: string; span: Span } | null;
}

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1945 || year > 2100) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * The number and symbol as written after "Số:" ("837/BTTTT-CBC"). Numbers below 10 get their leading
 * zero back (Decree 30/2020/NĐ-CP, Appendix I, I.4: "số nhỏ hơn 10 phải ghi thêm số 0 phía trước"), which
 * OCR often drops.
 */
function readNumber(text: string, folded: string, limit: number): { number: string; end: number } | null {
  const symbol =
    '(\\d{1,5}(?:\\s*\\/\\s*\\d{4})?\\s*\\/\\s*[a-z][a-z0-9&]*(?:\\s*[-–]\\s*[a-z0-9&]+)*(?:\\s*\\/\\s*[a-z][a-z0-9&-]*)?)';
  // "Số: 837/BTTTT-CBC" (OCR: "$6: 7/CT-TTg"), else "Pháp lệnh số: 02/2020/UBTVQH14" in the heading.
  const patterns = [
    new RegExp(`(?:^|[\\s|])(?:so(?:\\s+hieu)?|s[o06]|\\$[o06])\\s*:\\s*${symbol}`, 'g'),
    new RegExp(`(?:^|[\\s|])(?:so|[a-z]+\\s+so)\\s*:?\\s*${symbol}`, 'g'),
  ];
  for (const re of patterns) {
    let m: RegExpExecArray | null;
    while ((m = re.exec(folded)) !== null) {
      if (m.index > limit) break;
      // A markdown title line ("# Hướng dẫn … Quyết định số 20/2000/QĐ-TTg") cites other documents.
      const lineStart = folded.lastIndexOf('\n', m.index) + 1;
      if (folded[lineStart] === '#') continue;
      const start = m.index + m[0].length - m[1]!.length;
      let raw = text
        .slice(start, start + m[1]!.length)
        .replace(/\s+/g, '')
        .replace(/–/g, '-');
      raw = raw.replace(/-$/, '');
      raw = raw.replace(/^(\d)\//, '0$1/');
      // Unaccented input: the type abbreviations with Đ are unambiguous ("QD-TTg" → "QĐ-TTg").
      raw = raw.replace(
        /\/(QD|ND|TTLT|CD)(?=-)/,
        (_, t: string) => `/${t === 'QD' ? 'QĐ' : t === 'ND' ? 'NĐ' : t === 'CD' ? 'CĐ' : t}`,
      );
      return { number: raw, end: start + m[1]!.length };
    }
  }
  return null;
}

function typeFromSymbol(number: string): DocumentType | null {
  const parts = number.split('/').slice(1);
  const symbol = parts.filter((p) => !/^\d{4}$/.test(p)).join('/');
  const first = symbol.split('-')[0] ?? '';
  const foldedFirst = first.toLowerCase().replace(/đ/g, 'd').replace(/Đ/g, 'd');
  const byAbbreviation = TYPES.find((t) => t.symbol && t.symbol === foldedFirst);
  if (byAbbreviation) return { name: byAbbreviation.name, key: byAbbreviation.key };
  if (/^(?:ubtvqh|qh)\d*$/.test(foldedFirst)) return null;
  // A letter's symbol is the issuer's abbreviation and the drafting unit, with no type abbreviation
  // (Decree 30/2020/NĐ-CP, Appendix I, I.4.b).
  if (symbol.length > 0) return { name: 'Công văn', key: 'officialLetter' };
  return null;
}

/** Reads the heading block of a document laid out per Decree 30/2020/NĐ-CP, Appendix I. */
export function readHeader(text: string, folded: string): HeaderFields {
  // The heading ends where the legal bases ("Căn cứ …") or the first article begin.
  const bodyMark = /\n[ \t#|]*(?:can cu\s|dieu 1\s*\.|chuong i\b)/.exec(folded);
  const headLimit = Math.min(text.length, 4000, bodyMark ? bodyMark.index : Infinity);
  let headerEnd = 0;
  const numberMatch = readNumber(text, folded, headLimit);
  if (numberMatch) headerEnd = Math.max(headerEnd, numberMatch.end);

  // Place and date: "Hà Nội, ngày 09 tháng 3 năm 2022".
  let issuedOn: string | null = null;
  let place: string | null = null;
  // OCR garbles the vowels ("théng", "ndm"): any vowel in ngày / tháng / năm.
  const dateRe = /,\s*ng[a-z]{1,2}y?\s+(\d{1,2})\s+th[a-z]{1,2}ng\s+(\d\s?\d?)\s+n[a-z]{1,2}m\s+(\d{4})/g;
  let dm: RegExpExecArray | null;
  while ((dm = dateRe.exec(folded)) !== null && dm.index < headLimit) {
    const value = iso(+dm[3]!, +dm[2]!.replace(/\s/g, ''), +dm[1]!);
    if (!value) continue;
    issuedOn = value;
    const lineStart =
      Math.max(
        folded.lastIndexOf('\n', dm.index),
        folded.lastIndexOf('|', dm.index),
        numberMatch && numberMatch.end < dm.index ? numberMatch.end - 1 : -1,
      ) + 1;
    const before = text.slice(lineStart, dm.index).replace(/^.*\b(?:Số|So)\s*:\s*\S+\s*/u, '');
    const words = before.trim().split(/\s+/).filter(Boolean);
    const placeWords: string[] = [];
    for (let i = words.length - 1; i >= 0 && placeWords.length < 6; i--) {
      const w = words[i]!;
      if (/[0-9/$]/.test(w)) break;
      placeWords.unshift(w);
    }
    place = placeWords.join(' ') || null;
    headerEnd = Math.max(headerEnd, dm.index + dm[0].length);
    break;
  }

  // Type: a heading line that is just the type name ("CHỈ THỊ", "QUYẾT ĐỊNH"), else "<Type> số", else the symbol.
  let type: DocumentType | null = null;
  let typeLineEnd = -1;
  const lines = lineIndex(text, headLimit);
  for (const line of lines) {
    const f = folded
      .slice(line.start, line.end)
      .replace(/[^a-z\s]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const cleaned = f.replace(/^(?:[a-z]\s)+/, '').replace(/(?:\s[a-z])+$/, '');
    const original = text.slice(line.start, line.end);
    const found = TYPES.find((t) => cleaned === t.folded);
    if (found && original === original.toUpperCase()) {
      type = { name: found.name, key: found.key };
      typeLineEnd = line.end;
      break;
    }
  }
  if (!type && numberMatch) type = typeFromSymbol(numberMatch.number);
  if (!type) {
    const typeNumber = /(?:^|[\s#|])([a-z]+(?: [a-z]+){0,3})\s+so\s*:?\s*\d/.exec(folded.slice(0, Math.min(headLimit, 800)));
    if (typeNumber) {
      const found = TYPES.find((t) => typeNumber[1]!.endsWith(t.folded));
      if (found) type = { name: found.name, key: found.key };
    }
  }
  if (!type && numberMatch) type = typeFromSymbol(numberMatch.number);

  // Subject: "V/v …" / "Về việc …" for letters, else the title line(s) under the type line.
  let subject: string | null = null;
  const vv = /(?:^|[\s|])(v\s*\/\s*v|v[^\s\w]?\s+vi[a-z]{1,2}c?|ve viec)\s*[:.]?\s*/g;
  let vm: RegExpExecArray | null;
  while ((vm = vv.exec(folded)) !== null && vm.index < headLimit) {
    const start = vm.index + vm[0].length;
    const rest = text.slice(start, Math.min(text.length, start + 400));
    const stop = rest.search(/\||\n\s*\n|\n\s*(?:Kính gửi|Hà Nội|Số)|\s{2,}\S+,\s*ngày|\n[^\n]*,\s*ngày\s+\d/u);
    subject = (stop >= 0 ? rest.slice(0, stop) : rest.split('\n')[0]!).replace(/\s+/g, ' ').trim();
    // "Về việc …" stays in the subject (OCR may garble it: "V& viée"); "V/v" is only a label.
    if (!vm[1]!.includes('/')) subject = `Về việc ${subject}`;
    headerEnd = Math.max(headerEnd, start + (stop >= 0 ? stop : subject.length));
    break;
  }
  if (!subject && typeLineEnd >= 0) {
    const after = text.slice(typeLineEnd, Math.min(text.length, typeLineEnd + 800));
    const block = after.replace(/^\s+/, '').split(/\n\s*\n/)[0] ?? '';
    if (block && !/^(?:Căn cứ|Can cu)/iu.test(block) && block.length < 600) {
      subject = block.replace(/\s+/g, ' ').trim();
      headerEnd = Math.max(headerEnd, typeLineEnd + after.indexOf(block) + block.length);
    }
  }
  if (typeLineEnd > headerEnd) headerEnd = typeLineEnd;

  // Issuer: the top-left block, before the national motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
  let issuerText: string | null = null;
  const motto = /c[o0]ng\s*h[o0]a\s*x[a-z]?\s/.exec(folded.slice(0, headLimit));
  const issuerEnd = motto ? motto.index : numberMatch ? folded.lastIndexOf('\n', numberMatch.end) : -1;
  if (issuerEnd > 0) {
    const block = text
      .slice(0, issuerEnd)
      .split('\n')
      .filter((line) => !/^\s*#/.test(line))
      .join(' ')
      .replace(/[|*_=]+/g, ' ')
      .replace(/-{2,}/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (block) issuerText = block.replace(/\s+(?:Số|Pháp lệnh số)\s*:.*$/u, '').trim() || null;
  }

  // "Kính gửi: …" with its dash list, up to the first blank line.
  let recipientBlock: HeaderFields['recipientBlock'] = null;
  const kg = /kinh gui\s*[:|]?/.exec(folded.slice(0, Math.min(folded.length, 6000)));
  if (kg) {
    const start = kg.index + kg[0].length;
    const rest = text.slice(start);
    const stopRe = /\n[ \t|]*\n|\n(?![ \t]*[-–+|•]|[ \t]*\|)/g;
    let end = rest.length;
    // The list runs over dash lines; a line without a leading dash ends it unless it is the first line.
    const firstLineEnd = rest.indexOf('\n');
    stopRe.lastIndex = firstLineEnd >= 0 && /^\s*[:|]?\s*$/.test(rest.slice(0, firstLineEnd)) ? firstLineEnd + 1 : 0;
    const stop = stopRe.exec(rest);
    if (stop) end = stop.index;
    const blockText = rest.slice(0, end);
    recipientBlock = { text: blockText, span: [start, start + end] };
    headerEnd = Math.max(headerEnd, start + end);
  }

  return {
    type: type ?? UNKNOWN_TYPE,
    number: numberMatch?.number ?? null,
    issuerText,
    issuedOn,
    place,
    subject,
    headerEnd,
    recipientBlock,
  };
}

function lineIndex(text: string, limit: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  while (start < limit) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    out.push({ start, end });
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

/** Splits a "Kính gửi" or "Nơi nhận" block into its items ("- Bộ Tài chính;"). */
export function splitRecipientItems(block: string, offset: number): { text: string; span: Span }[] {
  const items: { text: string; span: Span }[] = [];
  const re = /[^;\n|]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(block)) !== null) {
    // A table cell may hold the whole list on one line: "- Bộ Tài chính; - Bộ Kế hoạch và Đầu tư".
    for (const part of m[0].split(/\s[-–+•]\s/)) {
      const cleaned = part.replace(/^[\s\-–+•.:]+/, '').replace(/[\s.;,]+$/, '');
      if (cleaned.length < 2) continue;
      const at = offset + m.index + m[0].indexOf(part);
      items.push({ text: cleaned, span: [at, at + part.length] });
    }
  }
  return items;
}

/**
 * Signer and capacity from the signature block: "KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Phạm Anh Tuấn"
 * (Decree 30/2020/NĐ-CP, Art. 13 and Appendix I, item 7: TM., KT., TL., TUQ. before the title).
 */
export function readSigner(text: string, folded: string): { name: string | null; capacity: string | null; start: number } | null {
  // The signature sits beside or just before the "Nơi nhận" list of the main document (appendices follow).
  const noiNhan = /(?:^|[\n|])[ \t|]*noi nhan\s*:/.exec(folded);
  const regionStart = noiNhan ? Math.max(0, noiNhan.index - 800) : Math.max(0, text.length - 2500);
  const regionEnd = noiNhan ? Math.min(text.length, noiNhan.index + 5000) : text.length;
  const region = text.slice(regionStart, regionEnd);
  const word = '(?:(?:TM|KT|TL|TUQ|Q)\\.[ \\t]*)?\\p{Lu}[\\p{Lu}-]*(?!\\p{L})';
  const re = new RegExp(
    `(?<=^|[\\s|])(${word}(?:[ \\t|\\n]+${word}){0,12})[ \\t\\n|]+((?:\\p{Lu}\\p{Ll}+[ \\t]+){1,4}\\p{Lu}\\p{Ll}+)[ \\t]*(?=\\||\\n|$)`,
    'gu',
  );
  for (const m of region.matchAll(re)) {
    const capacity = m[1]!;
    if (!/(?:TRƯỞNG|TỊCH|TƯỚNG|ĐỐC|PHÓ|CHÁNH|TM\.|KT\.|TL\.|TUQ\.)/u.test(capacity)) continue;
    if (capacity.replace(/\s+/g, ' ').length > 120) continue;
    return { capacity: formatCapacity(capacity), name: m[2]!.trim(), start: regionStart + m.index };
  }
  return null;
}

const SECOND_TITLES =
  /(?<!PHÓ|TỔNG)\s+(?=PHÓ\s|(?:THỨ TRƯỞNG|THỦ TƯỚNG|CHỦ TỊCH|CỤC TRƯỞNG|VỤ TRƯỞNG|CHÁNH VĂN PHÒNG|TỔNG CỤC TRƯỞNG|GIÁM ĐỐC|TRƯỞNG BAN)(?:\s|$))/u;

/** "KT. BỘ TRƯỞNG THỨ TRƯỞNG" → "KT. BỘ TRƯỞNG / THỨ TRƯỞNG": one part per line of the signature block. */
function formatCapacity(raw: string): string {
  const parts: string[] = [];
  for (const line of raw.split(/\n|\|/)) {
    for (const segment of line.trim().split(/\s+(?=(?:TM|KT|TL|TUQ|Q)\.)/u)) {
      if (!segment.trim()) continue;
      // Within one table cell the title of the person signing follows the authority's title.
      const prefixed = /^((?:TM|KT|TL|TUQ|Q)\.\s*)(.*)$/u.exec(segment.trim());
      if (prefixed) {
        const [head, ...rest] = prefixed[2]!.split(SECOND_TITLES);
        parts.push(prefixed[1]! + head!.trim(), ...rest.map((r) => r.trim()));
      } else {
        parts.push(segment.trim());
      }
    }
  }
  return parts.filter(Boolean).join(' / ');
}
