import { MAX_POSITION } from './tsvector';

/**
 * PostgreSQL's binary form of a tsvector (`tsvectorsend` / `tsvectorrecv`): the lexeme count (int32), then per
 * lexeme its UTF-8 bytes and a zero byte, its position count (uint16) and each position (uint16: weight in the top
 * two bits, A = 3, and the position below). The ingest COPYs search rows in binary: PostgreSQL then copies lexemes
 * and positions instead of parsing the text form (≈ 17 µs of its CPU a document, measured). `tsvectorrecv` wants
 * each lexeme's positions strictly increasing, so positions clamped to the same 16,383 are written once.
 */

/** The weight bits of a title (A) position. */
export const WEIGHT_A = 0xc000;

/**
 * The binary form of a tsvector written in its text form by `buildTsvector` (lexemes in PostgreSQL's order,
 * `'lexeme':1A,5`): the fallback for texts whose token facts `summarizeTokens` cannot use.
 * @example tsvectorTextToBinary("'a':1A").length // 4 + 2 + 2 + 2
 */
export function tsvectorTextToBinary(text: string): Uint8Array {
  if (text === '') return Uint8Array.of(0, 0, 0, 0);
  const entries = text.split(' ');
  const bytes = Buffer.allocUnsafe(4 + Buffer.byteLength(text, 'utf8') + entries.length * 3 + 2 * countPositions(text));
  let at = bytes.writeInt32BE(entries.length, 0);
  for (const entry of entries) {
    const colon = entry.lastIndexOf("':");
    at += bytes.write(entry.slice(1, colon), at, 'utf8');
    bytes[at++] = 0;
    const countAt = at;
    at += 2;
    let count = 0;
    let previous = -1;
    for (const written of entry.slice(colon + 2).split(',')) {
      const isTitle = written.endsWith('A');
      const position = Math.min(Number(isTitle ? written.slice(0, -1) : written), MAX_POSITION);
      if (position <= previous) continue;
      previous = position;
      at = bytes.writeUInt16BE(isTitle ? WEIGHT_A | position : position, at);
      count++;
    }
    bytes.writeUInt16BE(count, countAt);
  }
  return new Uint8Array(bytes.subarray(0, at));
}

function countPositions(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x3a || text.charCodeAt(i) === 0x2c) count++;
  return count;
}

/**
 * The text form of a binary tsvector, as PostgreSQL prints it (`'lexeme':1A,5`): for tests and the processing
 * check, which compare vectors as text.
 */
export function tsvectorBinaryToText(binary: Uint8Array): string {
  const bytes = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength);
  const lexemes = bytes.readInt32BE(0);
  let at = 4;
  const entries: string[] = [];
  for (let i = 0; i < lexemes; i++) {
    const end = bytes.indexOf(0, at);
    const lexeme = bytes.toString('utf8', at, end);
    at = end + 1;
    const count = bytes.readUInt16BE(at);
    at += 2;
    const positions: string[] = [];
    for (let k = 0; k < count; k++, at += 2) {
      const value = bytes.readUInt16BE(at);
      positions.push(`${value & 0x3fff}${value & WEIGHT_A ? 'A' : ''}`);
    }
    entries.push(count > 0 ? `'${lexeme}':${positions.join(',')}` : `'${lexeme}'`);
  }
  return entries.join(' ');
}
