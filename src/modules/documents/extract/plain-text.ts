import iconv from 'iconv-lite';
import { isUtf16WithoutBom } from './detect-file-type';

export type TextCharset = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'windows-1252';

/** Bytes of windows-1258 that are combining tone marks (grave, hook above, tilde, acute, dot below). */
const WINDOWS_1258_TONE_BYTES = new Set([0xcc, 0xd2, 0xde, 0xec, 0xf2]);

/**
 * Decodes a plain-text file: a BOM wins; otherwise strict UTF-8; otherwise UTF-16 without BOM; otherwise the
 * legacy Vietnamese Windows code page 1258 when its tone-mark bytes follow letters, else windows-1252.
 * Returns NFC text with "\n" line ends. TCVN3 (ABC) and VNI font encodings are not detected.
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
      charset = looksLikeWindows1258(buffer) ? 'windows-1258' : 'windows-1252';
      text = iconv.decode(buffer, charset === 'windows-1258' ? 'windows1258' : 'windows1252');
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

function looksLikeWindows1258(buffer: Buffer): boolean {
  let toneMarks = 0;
  for (let index = 1; index < buffer.length; index++) {
    const previous = buffer[index - 1]!;
    const isLetter = (previous >= 0x41 && previous <= 0x5a) || (previous >= 0x61 && previous <= 0x7a) || previous >= 0xc0;
    if (WINDOWS_1258_TONE_BYTES.has(buffer[index]!) && isLetter) toneMarks++;
  }
  return toneMarks >= 3;
}
