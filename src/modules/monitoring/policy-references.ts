import { charClasses, LETTER, MARK, SPACE } from '../../text/char-class';
import { foldDiacritics } from '../../text/normalize';
import { KIND_CODES_BY_WORDS, legalDocumentId } from '../legal/identity';

/**
 * References to legal and policy documents in monitored text ("Nghị định 09/2017/NĐ-CP", "Chỉ thị số 07/CT-TTg",
 * "Luật số 91/2025/QH15", "Công văn 837/BTTTT-CBC"): the policies a document talks about, counted as entities
 * next to the directory's organizations and provinces. An entity id is `policy:`, the kind and the number/symbol
 * folded: written with or without accents, with or without "số" and leading zeros, one document is one entity.
 */

/** From a number's first digit: `number/[year/]SYMBOL`, the symbol a letter then letters, digits and hyphens. */
const NUMBER_AND_SYMBOL = /(\d{1,5})\s*\/\s*(?:(\d{4})\s*\/\s*)?(\p{L}[\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*)/uy;

/** The words just before `end` (at most `count`), folded and lower-cased, nearest last; spaces between them. */
function wordsBefore(text: string, end: number, count: number): string[] {
  const classes = charClasses();
  const words: string[] = [];
  let at = end;
  while (words.length < count) {
    while (at > 0 && classes[text.charCodeAt(at - 1)]! & SPACE) at--;
    const wordEnd = at;
    while (at > 0 && classes[text.charCodeAt(at - 1)]! & (LETTER | MARK)) at--;
    if (at === wordEnd) break;
    words.unshift(foldDiacritics(text.slice(at, wordEnd).toLowerCase()));
  }
  return words;
}

/** The kind code of the words before a number ("Nghị định [liên tịch] [số]"), or undefined. */
function kindBefore(text: string, numberStart: number): string | undefined {
  const words = wordsBefore(text, numberStart, 5);
  if (words.at(-1) === 'so') words.pop();
  if (words.length >= 2 && words.at(-2) === 'lien' && words.at(-1) === 'tich') words.length -= 2;
  return (
    (words.length >= 2 ? KIND_CODES_BY_WORDS.get(`${words.at(-2)} ${words.at(-1)}`) : undefined) ??
    KIND_CODES_BY_WORDS.get(words.at(-1) ?? '')
  );
}

/**
 * The policy entity ids referenced in a text, in order of first appearance. Read from each "/" after a number,
 * so a text is scanned once by `indexOf` and only numbers with a slash are looked at closer.
 * @example findPolicyReferences('Theo Nghị định số 9/2017/NĐ-CP và chỉ thị 07/CT-TTg') // ['policy:nghi-dinh:09/2017/nd-cp', 'policy:chi-thi:07/ct-ttg']
 */
export function findPolicyReferences(text: string): string[] {
  let found: Set<string> | undefined;
  for (let slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
    let numberEnd = slash;
    while (numberEnd > 0 && text.charCodeAt(numberEnd - 1) === 0x20) numberEnd--;
    let numberStart = numberEnd;
    while (numberStart > 0 && isDigit(text.charCodeAt(numberStart - 1))) numberStart--;
    if (numberStart === numberEnd || numberEnd - numberStart > 5) continue;
    const kind = kindBefore(text, numberStart);
    if (!kind) continue;
    NUMBER_AND_SYMBOL.lastIndex = numberStart;
    const match = NUMBER_AND_SYMBOL.exec(text);
    if (!match) continue;
    (found ??= new Set()).add(legalDocumentId(kind, match[1]!, match[2], match[3]!));
    // the year's slash belongs to this reference
    slash = numberStart + match[0].length - 1;
  }
  return found ? [...found] : [];
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** `findPolicyReferences` of a title and a text together, each id once. */
export function findPolicyReferencesIn(title: string, text: string): string[] {
  const inTitle = findPolicyReferences(title);
  const inText = findPolicyReferences(text);
  if (inTitle.length === 0) return inText;
  return [...new Set([...inTitle, ...inText])];
}
