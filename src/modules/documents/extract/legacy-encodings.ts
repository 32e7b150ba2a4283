/**
 * TCVN3 (ABC, TCVN 5712:1993 "VN3") text read as Latin-1: documents typed with the .VnTime fonts before
 * Unicode became mandatory for state documents. Their PDFs have a text layer like "Céng hoµ x· héi chñ
 * nghÜa ViÖt Nam" and their text exports the same bytes. The table maps the VN3 code points (read as
 * Latin-1) to Unicode; uppercase .VnTimeH fonts reuse the lowercase codes, so their case is lost (lower).
 * Source: the VN3 code chart of TCVN 5712:1993 as reproduced in common converters (verify against the
 * standard); checked on the well-known garbles of the national motto and the state heading.
 */
// prettier-ignore -- laid out like the code chart
const TCVN3_TO_UNICODE: Record<string, string> = {
  '\u00A1': 'Ă',
  '\u00A2': 'Â',
  '\u00A3': 'Ê',
  '\u00A4': 'Ô',
  '\u00A5': 'Ơ',
  '\u00A6': 'Ư',
  '\u00A7': 'Đ',
  '\u00A8': 'ă',
  '\u00A9': 'â',
  '\u00AA': 'ê',
  '\u00AB': 'ô',
  '\u00AC': 'ơ',
  '\u00AD': 'ư',
  '\u00AE': 'đ',
  '\u00B5': 'à',
  '\u00B6': 'ả',
  '\u00B7': 'ã',
  '\u00B8': 'á',
  '\u00B9': 'ạ',
  '\u00BB': 'ằ',
  '\u00BC': 'ẳ',
  '\u00BD': 'ẵ',
  '\u00BE': 'ắ',
  '\u00C6': 'ặ',
  '\u00C7': 'ầ',
  '\u00C8': 'ẩ',
  '\u00C9': 'ẫ',
  '\u00CA': 'ấ',
  '\u00CB': 'ậ',
  '\u00CC': 'è',
  '\u00CE': 'ẻ',
  '\u00CF': 'ẽ',
  '\u00D0': 'é',
  '\u00D1': 'ẹ',
  '\u00D2': 'ề',
  '\u00D3': 'ể',
  '\u00D4': 'ễ',
  '\u00D5': 'ế',
  '\u00D6': 'ệ',
  '\u00D7': 'ì',
  '\u00D8': 'ỉ',
  '\u00DC': 'ĩ',
  '\u00DD': 'í',
  '\u00DE': 'ị',
  '\u00DF': 'ò',
  '\u00E1': 'ỏ',
  '\u00E2': 'õ',
  '\u00E3': 'ó',
  '\u00E4': 'ọ',
  '\u00E5': 'ồ',
  '\u00E6': 'ổ',
  '\u00E7': 'ỗ',
  '\u00E8': 'ố',
  '\u00E9': 'ộ',
  '\u00EA': 'ờ',
  '\u00EB': 'ở',
  '\u00EC': 'ỡ',
  '\u00ED': 'ớ',
  '\u00EE': 'ợ',
  '\u00EF': 'ù',
  '\u00F1': 'ủ',
  '\u00F2': 'ũ',
  '\u00F3': 'ú',
  '\u00F4': 'ụ',
  '\u00F5': 'ừ',
  '\u00F6': 'ử',
  '\u00F7': 'ữ',
  '\u00F8': 'ứ',
  '\u00F9': 'ự',
  '\u00FA': 'ỳ',
  '\u00FB': 'ỷ',
  '\u00FC': 'ỹ',
  '\u00FD': 'ý',
  '\u00FE': 'ỵ',
};

/** VN3 code points that never occur in Unicode Vietnamese text (so they betray TCVN3). */
const TCVN3_ONLY = new Set('§¨©ª«¬®µ¶·¸¹»¼½¾ÆÇÈËÌÎÏÐÑÖ×ØÜÞßäåæçëîïñö÷øûüþ');
const UNICODE_VIETNAMESE = /[ăâêôơưđĂÂÊÔƠƯĐ\u1EA0-\u1EF9]/g;

/** Whether `text` is TCVN3 read as Latin-1: many VN3-only characters and few Unicode Vietnamese letters. */
export function looksLikeTcvn3(text: string): boolean {
  let markers = 0;
  for (const character of text) if (TCVN3_ONLY.has(character)) markers++;
  const unicodeLetters = text.match(UNICODE_VIETNAMESE)?.length ?? 0;
  return markers >= 5 && markers > 3 * unicodeLetters;
}

/**
 * Converts TCVN3-as-Latin-1 text to Unicode (NFC).
 * @example convertTcvn3ToUnicode('§éc lËp - Tù do - H¹nh phóc') // 'Độc lập - Tự do - Hạnh phúc'
 */
export function convertTcvn3ToUnicode(text: string): string {
  let out = '';
  for (const character of text) out += TCVN3_TO_UNICODE[character] ?? character;
  return out.normalize('NFC');
}

/**
 * The reverse mapping, for fixtures and tests: Unicode Vietnamese to TCVN3 read as Latin-1. Toned capitals,
 * which VN3 lacks, become the toned lower-case letter (as in .VnTimeH text layers).
 * @example convertUnicodeToTcvn3('Độc lập') // '§éc lËp'
 */
export function convertUnicodeToTcvn3(text: string): string {
  const reverse = new Map(Object.entries(TCVN3_TO_UNICODE).map(([tcvn3, unicode]) => [unicode, tcvn3]));
  let out = '';
  for (const character of text.normalize('NFC')) {
    out += reverse.get(character) ?? reverse.get(character.toLowerCase()) ?? character;
  }
  return out;
}
