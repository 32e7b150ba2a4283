import { foldDiacritics } from '../../text/normalize';

/**
 * How a legal or policy document is named and identified everywhere in Nhịp: its kind ("Nghị định") and its
 * number/symbol ("09/2017/NĐ-CP"). The id (`policy:nghi-dinh:09/2017/nd-cp`) is what monitoring records as an
 * entity when a text cites the document, by number or by name, and the register's primary key.
 */

/**
 * Document kinds that introduce a number/symbol, by name. An id carries the folded name with hyphens
 * ("nghi-dinh"); text is matched by the folded name with spaces ("nghi dinh").
 */
export const KIND_NAMES = [
  'Nghị định',
  'Quyết định',
  'Chỉ thị',
  'Thông tư',
  'Nghị quyết',
  'Luật',
  'Pháp lệnh',
  'Công văn',
  'Kế hoạch',
  'Thông báo',
] as const;

const kindWords = (name: string) => foldDiacritics(name.toLowerCase());
const kindCode = (name: string) => kindWords(name).replaceAll(' ', '-');
/** The id code of each kind ("nghi-dinh"), in the order of `KIND_NAMES`. */
export const KIND_CODES = KIND_NAMES.map(kindCode);
/** The id code of each kind, by its folded words ("nghi dinh"). */
export const KIND_CODES_BY_WORDS: ReadonlyMap<string, string> = new Map(
  KIND_NAMES.map((name) => [kindWords(name), kindCode(name)]),
);
/** The name of each kind, by its id code. */
const NAMES_OF_KINDS = new Map<string, string>(KIND_NAMES.map((name) => [kindCode(name), name]));

/** The name of a kind code ("nghi-dinh" → "Nghị định"). */
export function kindName(code: string): string | undefined {
  return NAMES_OF_KINDS.get(code);
}

/**
 * The id of a document from its kind code and the parts of its number/symbol: number (two digits at least),
 * year, symbol folded and lower-cased.
 * @example legalDocumentId('nghi-dinh', '9', '2017', 'NĐ-CP') // 'policy:nghi-dinh:09/2017/nd-cp'
 */
export function legalDocumentId(kind: string, number: string, year: string | undefined, symbol: string): string {
  const digits = String(Number(number)).padStart(2, '0');
  return `policy:${kind}:${digits}/${year ? `${year}/` : ''}${foldDiacritics(symbol.toLowerCase())}`;
}

/** A number/symbol as written: number, optional year, symbol of letters, digits and hyphens. */
const NUMBER_SYMBOL = /^\s*(\d{1,5})\s*\/\s*(?:(\d{4})\s*\/\s*)?(\p{L}[\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*)\s*$/u;

/**
 * The id of a document from its kind code and its number/symbol as written; undefined when the number/symbol is
 * not of the form `number/[year/]SYMBOL`.
 * @example legalDocumentIdOf('luat', '103/2016/QH13') // 'policy:luat:103/2016/qh13'
 */
export function legalDocumentIdOf(kind: string, numberSymbol: string): string | undefined {
  const match = NUMBER_SYMBOL.exec(numberSymbol.normalize('NFC'));
  return match ? legalDocumentId(kind, match[1]!, match[2], match[3]!) : undefined;
}

/** Symbol parts written in their official case and letters (the id keeps them folded and lower-cased). */
const SYMBOL_PARTS: Record<string, string> = {
  nd: 'NĐ',
  qd: 'QĐ',
  ndlt: 'NĐLT',
  ttlt: 'TTLT',
  ttg: 'TTg',
  ct: 'CT',
  tt: 'TT',
  nq: 'NQ',
  cp: 'CP',
  ubnd: 'UBND',
  hdnd: 'HĐND',
  ubtvqh: 'UBTVQH',
  btttt: 'BTTTT',
  vpcp: 'VPCP',
};

/** What a draft's id has where an issued document's has its number/symbol (`policy:luat:du-thao/bao-chi-sua-doi`). */
const DRAFT_PREFIX = 'du-thao/';
/** The longest title words part of a draft's id. */
const DRAFT_WORDS_MAX_CHARS = 120;

/**
 * The id of a draft, which has no number/symbol yet, from its kind and title: the title's words folded, without a
 * leading "dự thảo" and the kind's name. Undefined when the title has no other words.
 * @example draftLegalDocumentId('luat', 'Luật Báo chí (sửa đổi)') // 'policy:luat:du-thao/bao-chi-sua-doi'
 */
export function draftLegalDocumentId(kind: string, title: string): string | undefined {
  const words = kindWords(title.normalize('NFC')).match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words[0] === 'du' && words[1] === 'thao') words.splice(0, 2);
  const name = kindName(kind);
  const nameWords = name ? kindWords(name).split(' ') : [];
  if (nameWords.length > 0 && nameWords.every((word, k) => words[k] === word)) words.splice(0, nameWords.length);
  let slug = words.join('-');
  if (slug.length > DRAFT_WORDS_MAX_CHARS) slug = slug.slice(0, DRAFT_WORDS_MAX_CHARS).replace(/-[^-]*$/, '');
  return slug ? `policy:${kind}:${DRAFT_PREFIX}${slug}` : undefined;
}

/** Whether a document id is a draft's (`draftLegalDocumentId`). */
export function isDraftLegalDocumentId(entityId: string): boolean {
  return entityId.split(':')[2]?.startsWith(DRAFT_PREFIX) ?? false;
}

/** Whether an entity id names a legal or policy document (not a directory organization or province). */
export function isLegalDocumentId(entityId: string): boolean {
  return entityId.startsWith('policy:');
}

/**
 * A readable name for a document id: its kind and the number/symbol in the usual spelling.
 * @example formatLegalDocumentId('policy:nghi-dinh:09/2017/nd-cp') // 'Nghị định 09/2017/NĐ-CP'
 */
export function formatLegalDocumentId(entityId: string): string {
  const [, kind = '', reference = ''] = entityId.split(':');
  // without its title, a draft is known by its kind and its title's folded words
  if (reference.startsWith(DRAFT_PREFIX))
    return `Dự thảo ${kindName(kind) ?? 'văn bản'} (${reference.slice(DRAFT_PREFIX.length).replaceAll('-', ' ')})`;
  const parts = reference.split('/');
  const symbol = parts.pop() ?? '';
  const written = symbol
    .split('-')
    .map((part) => SYMBOL_PARTS[part] ?? part.toUpperCase())
    .join('-');
  return `${kindName(kind) ?? 'Văn bản'} ${[...parts, written].join('/')}`;
}

/** Kinds whose titles are names ("Luật Báo chí"); the others are known by number and their titles say what about. */
const NAMED_KINDS = new Set(['luat', 'phap-lenh']);

/**
 * How a document is named in lists: a law or ordinance by its register title and number ("Luật Báo chí
 * 103/2016/QH13"), any other document by kind and number ("Nghị định 09/2017/NĐ-CP"; its subject is on its page),
 * a draft as "Dự thảo" and its title.
 * @example legalDocumentName('policy:luat:103/2016/qh13', 'Luật Báo chí') // 'Luật Báo chí 103/2016/QH13'
 * @example legalDocumentName('policy:luat:du-thao/bao-chi-sua-doi', 'Luật Báo chí (sửa đổi)') // 'Dự thảo Luật Báo chí (sửa đổi)'
 */
export function legalDocumentName(entityId: string, title?: string | null): string {
  const formatted = formatLegalDocumentId(entityId);
  const kindCode = entityId.split(':')[1] ?? '';
  const kind = kindName(kindCode);
  if (isDraftLegalDocumentId(entityId)) {
    if (!title) return formatted;
    if (kindWords(title).startsWith('du thao ')) return title;
    return kind && title.startsWith(`${kind} `) ? `Dự thảo ${title}` : `Dự thảo ${kind ?? 'văn bản'}: ${title}`;
  }
  if (!title || !kind || !NAMED_KINDS.has(kindCode) || !title.startsWith(`${kind} `)) return formatted;
  return `${title} ${formatted.slice(kind.length + 1)}`;
}
