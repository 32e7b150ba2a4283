import iconv from 'iconv-lite';
import { isUtf16WithoutBom } from './detect-file-type';
import { convertTcvn3ToUnicode, looksLikeTcvn3 } from './legacy-encodings';

export type TextCharset = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'tcvn3' | 'windows-1252';

/** Bytes of windows-1258 that are combining tone marks (grave, hook above, tilde, acute, dot below). */
const WINDOWS_1258_TONE_BYTES = new Set([0xcc, 0xd2, 0xde, 0xec, 0xf2]);

/**
 * Decodes a plain-text file: a BOM wins; otherwise strict UTF-8; otherwise UTF-16 without BOM; otherwise the
 * legacy Vietnamese encodings windows-1258 or TCVN3 (ABC), whichever reads as Vietnamese, else windows-1252.
 * Returns NFC text with "\n" line ends. The VNI encoding is not detected.
 */
export function decodePlainText(bytes: Uint8Array): { text: string; charset: TextCharset } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let charset: TextCharset;
  let text: string;
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    charset = 'utf-8';
    text = buffer.subarray(3).toString('utf8');
  } else if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    charset = 'utf-16le';
    text = buffer.subarray(2).toString('utf16le');
  } else if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    charset = 'utf-16be';
    text = iconv.decode(buffer.subarray(2), 'utf-16be');
  } else {
    const utf16 = isUtf16WithoutBom(buffer.subarray(0, 8192));
    const utf8 = utf16 ? null : decodeStrictUtf8(buffer);
    if (utf8 !== null) {
      charset = 'utf-8';
      text = utf8;
    } else if (utf16) {
      charset = utf16;
      text = iconv.decode(buffer, utf16);
    } else {
      ({ charset, text } = decodeLegacy(buffer));
    }
  }
  return { text: text.normalize('NFC').replace(/\r\n?/g, '\n'), charset };
}

function decodeStrictUtf8(buffer: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return null;
  }
}

/** Frequent Vietnamese words: a decoding that yields more of them is the right one. */
const FREQUENT_WORDS = new Set(
  'của và các được trong người thông không những với này một có là cho theo tại đã để về từ khi đến ngày tháng năm cơ quan nhà nước việc thực hiện quy định bộ tỉnh'.split(
    ' ',
  ),
);

function vietnameseScore(text: string): number {
  let score = 0;
  for (const word of text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}]+/u))
    if (FREQUENT_WORDS.has(word)) score++;
  return score;
}

/**
 * Legacy single-byte files: windows-1258 (tone marks as combining bytes after the vowel), TCVN3 (.VnTime
 * fonts) or windows-1252. The byte ranges overlap, so each candidate is decoded and the one that reads as
 * the most Vietnamese wins; with no Vietnamese at all, windows-1252.
 */
function decodeLegacy(buffer: Buffer): { text: string; charset: TextCharset } {
  const candidates: { text: string; charset: TextCharset }[] = [];
  if (hasWindows1258ToneMarks(buffer))
    candidates.push({ text: iconv.decode(buffer, 'windows1258').normalize('NFC'), charset: 'windows-1258' });
  const latin1 = buffer.toString('latin1');
  if (looksLikeTcvn3(latin1)) candidates.push({ text: convertTcvn3ToUnicode(latin1), charset: 'tcvn3' });
  const fallback = { text: iconv.decode(buffer, 'windows1252'), charset: 'windows-1252' as const };
  let best: { text: string; charset: TextCharset } = fallback;
  let bestScore = 0;
  for (const candidate of candidates) {
    const score = vietnameseScore(candidate.text);
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

function hasWindows1258ToneMarks(buffer: Buffer): boolean {
  let toneMarks = 0;
  for (let index = 1; index < buffer.length; index++) {
    const previous = buffer[index - 1]!;
    const isLetter = (previous >= 0x41 && previous <= 0x5a) || (previous >= 0x61 && previous <= 0x7a) || previous >= 0xc0;
    if (WINDOWS_1258_TONE_BYTES.has(buffer[index]!) && isLetter) toneMarks++;
  }
  return toneMarks >= 3;
}
