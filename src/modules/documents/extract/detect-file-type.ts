/** File kinds told apart by their first bytes (magic numbers), never by the name or the declared MIME type. */
export type DetectedFileType =
  | { kind: 'pdf' }
  | { kind: 'docx' }
  | { kind: 'image'; format: 'png' | 'jpeg' | 'tiff' | 'bmp' | 'webp' | 'gif' }
  | { kind: 'text' }
  | { kind: 'unsupported'; description: string };

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.subarray(start, Math.min(end, bytes.length))).toString('latin1');
}

function containsAscii(bytes: Uint8Array, needle: string, limit = bytes.length): boolean {
  return Buffer.from(bytes.subarray(0, Math.min(limit, bytes.length))).includes(Buffer.from(needle, 'latin1'));
}

/** Whether the bytes look like text: no NUL bytes (outside UTF-16) and few control characters. */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return true;
  let zeros = 0;
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) zeros++;
    else if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  // UTF-16 without BOM: about half the bytes of Latin-script text are zero.
  if (zeros > sample.length * 0.3) return isUtf16WithoutBom(sample) !== false;
  return zeros === 0 && controls <= sample.length * 0.01;
}

/** UTF-16 without BOM: the zero bytes sit mostly on one parity. */
export function isUtf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | false {
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < sample.length; index++) {
    if (sample[index] !== 0) continue;
    if (index % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return false;
}

/**
 * Detects the type of a file from its content.
 * @example detectFileType(Buffer.from('%PDF-1.7 …')) // { kind: 'pdf' }
 */
export function detectFileType(bytes: Uint8Array): DetectedFileType {
  // PDF readers accept a header anywhere in the first kilobyte (ISO 32000-1, annex H.3 note).
  if (containsAscii(bytes, '%PDF-', 1024)) return { kind: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(bytes, 'word/')) return { kind: 'docx' };
    if (containsAscii(bytes, 'xl/')) return { kind: 'unsupported', description: 'spreadsheet (XLSX)' };
    if (containsAscii(bytes, 'ppt/')) return { kind: 'unsupported', description: 'presentation (PPTX)' };
    if (containsAscii(bytes, 'application/vnd.oasis.opendocument'))
      return { kind: 'unsupported', description: 'OpenDocument file' };
    return { kind: 'unsupported', description: 'ZIP archive' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Compound File Binary: legacy Word/Excel, or an encrypted OOXML package.
    const isEncryptedPackage = Buffer.from(bytes).includes(Buffer.from('EncryptedPackage', 'utf16le'));
    return {
      kind: 'unsupported',
      description: isEncryptedPackage ? 'password-protected Office document' : 'legacy Office document (DOC/XLS)',
    };
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return { kind: 'image', format: 'tiff' };
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length > 26) return { kind: 'image', format: 'bmp' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { kind: 'image', format: 'webp' };
  if (ascii(bytes, 0, 4) === 'GIF8') return { kind: 'image', format: 'gif' };
  if (ascii(bytes, 0, 5) === '{\\rtf') return { kind: 'unsupported', description: 'RTF document' };
  if (startsWith(bytes, [0x1f, 0x8b]) || startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf]) || ascii(bytes, 0, 4) === 'Rar!') {
    return { kind: 'unsupported', description: 'compressed archive' };
  }
  if (looksLikeText(bytes)) {
    const head = ascii(bytes, 0, 512).trimStart().toLowerCase();
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) return { kind: 'unsupported', description: 'HTML page' };
    return { kind: 'text' };
  }
  return { kind: 'unsupported', description: 'unknown binary file' };
}
