import mammoth from 'mammoth';
import { ExtractionError } from './errors';

/** The text of a DOCX file (paragraphs and table cells, one per line) and mammoth's warnings. */
export async function extractDocxText(bytes: Uint8Array): Promise<{ text: string; warnings: string[] }> {
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  } catch (error) {
    throw new ExtractionError(
      'CORRUPT_FILE',
      { cause: (error as Error).message },
      'Không đọc được tệp DOCX.',
      'The DOCX could not be read.',
    );
  }
  // mammoth separates paragraphs with a blank line; one line per paragraph is what the parser expects.
  const text = result.value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  return { text, warnings: result.messages.map((message) => `docx: ${message.message}`) };
}
