/**
 * Per-code-unit lookup tables for scanning text without regular expressions or per-token strings: the
 * Unicode class a tokenizer needs (letter, combining mark, number, whitespace) and the accent fold of each
 * BMP character. Built once, lazily (about 10 ms), from the same Unicode properties the regular expressions
 * of `tokenize.ts` / `topic-features.ts` use, so scanners over these tables split text exactly as those expressions do.
 * Surrogates get their own class: scanners fall back to the regular expressions for astral characters.
 * Pure, no I/O.
 */

/** Bit flags of `charClasses()[code]`. */
export const LETTER = 1;
export const MARK = 2;
export const NUMBER = 4;
/** `\s` of JavaScript regular expressions. */
export const SPACE = 8;
export const SURROGATE = 16;

let classes: Uint8Array | undefined;

/**
 * Class flags of every UTF-16 code unit (`\p{L}`, `\p{M}`, `\p{N}`, `\s`, surrogate).
 * @example charClasses()['a'.charCodeAt(0)] & LETTER // 1
 */
export function charClasses(): Uint8Array {
  if (classes) return classes;
  const table = new Uint8Array(0x10000);
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  const number = /\p{N}/u;
  const space = /\s/u;
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) {
      table[code] = SURROGATE;
      continue;
    }
    const ch = String.fromCharCode(code);
    let flags = 0;
    if (letter.test(ch)) flags |= LETTER;
    if (mark.test(ch)) flags |= MARK;
    if (number.test(ch)) flags |= NUMBER;
    if (space.test(ch)) flags |= SPACE;
    table[code] = flags;
  }
  classes = table;
  return table;
}
