import { detectFileType, type DetectedFileType } from './detect-file-type';
import { extractDocxText } from './docx';
import { ExtractionError } from './errors';
import { createOcrEngine, type OcrEngine } from './ocr';
import { imageCoverage, openPdf, readTextLayer, renderPageToPng } from './pdf';
import { convertTcvn3ToUnicode, looksLikeTcvn3 } from './legacy-encodings';
import { decodePlainText } from './plain-text';
import { prepareImageForOcr, rotateHalfTurn } from './prepare-image';

export type PageMethod = 'text-layer' | 'ocr' | 'docx' | 'plain';

export interface ExtractedPage {
  /** 1-based. */
  number: number;
  text: string;
  method: PageMethod;
  /** OCR only: Tesseract's mean word confidence, 0–100. */
  confidence?: number;
}

export interface ExtractedDocument {
  /** NFC text of all pages, pages separated by a blank line. */
  text: string;
  pages: ExtractedPage[];
  /** The method of every page, or 'mixed' when a PDF has both text-layer and scanned pages. */
  method: PageMethod | 'mixed';
  /** The detected type (from the bytes). */
  fileType: 'pdf' | 'docx' | 'image' | 'text';
  /** Plain text only: the character set it was decoded from. */
  charset?: string;
  warnings: string[];
}

export interface ExtractionProgress {
  completedPages: number;
  pageCount: number;
  /** Method of the page just completed (absent on the first, 0-page event). */
  method?: PageMethod;
}

export interface ExtractDocumentTextOptions {
  bytes: Uint8Array;
  /** Used only to warn when it contradicts the content. */
  fileName?: string;
  /** Used only to warn when it contradicts the content. */
  mimeType?: string;
  /** Called once the page count is known and after each page. */
  onProgress?: (progress: ExtractionProgress) => void;
  /** Refuse longer documents with TOO_MANY_PAGES (default 300). */
  maxPages?: number;
  /**
   * 'auto' (default): OCR pages without a usable text layer, and images; 'off': never OCR; 'always': OCR every
   * PDF page even when it has a text layer (a text layer that is wrong, or to measure OCR).
   */
  ocr?: 'auto' | 'off' | 'always';
  /** Rendering resolution of scanned PDF pages for OCR (default 300). */
  ocrDpi?: number;
  /**
   * Tesseract workers for scanned PDF pages (default 1, at most 4). Each worker is a thread using one core
   * and about 100 MB; 2 halves the time of a long scan on an otherwise idle 2-core machine.
   */
  ocrConcurrency?: number;
  /** Checked before each page: a cancelled job or a shutting-down worker stops between pages. */
  signal?: AbortSignal;
}

export const DEFAULT_MAX_PAGES = 300;
const DEFAULT_OCR_DPI = 300;
const MAX_RENDER_PIXELS = 16_000_000;
/** A page whose text layer has fewer letters than this is treated as scanned. */
const MIN_TEXT_LAYER_LETTERS = 20;
/**
 * A page with fewer letters than this whose area is mostly an image is a scan with a small text layer (a
 * digital-signature stamp, a page number): OCR it. A typed A4 page has well over 1,000 letters.
 */
const SPARSE_TEXT_LAYER_LETTERS = 300;
const SCAN_IMAGE_COVERAGE = 0.5;
/** A document with fewer letters than this in total has no text. */
const MIN_DOCUMENT_LETTERS = 10;
/** Below this mean confidence, OCR of a page with little text is noise (a photo), not text. */
const MIN_OCR_CONFIDENCE = 45;
const MIN_CONFIDENT_OCR_LETTERS = 40;
/** Below this mean confidence a page with letters is also read upside down (Tesseract gives ~37 for one). */
const UPSIDE_DOWN_RETRY_CONFIDENCE = 60;

function countLetters(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

/** Share of characters that no real text layer contains: private-use glyph codes, U+FFFD, control codes. */
function garbageRatio(text: string): number {
  const visible = text.replace(/\s/g, '');
  if (visible.length === 0) return 0;
  const garbage = visible.match(/[\uE000-\uF8FF\uFFFD\u0000-\u001F]/g)?.length ?? 0;
  return garbage / visible.length;
}

function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const EXTENSIONS: Record<DetectedFileType['kind'], string[]> = {
  pdf: ['pdf'],
  docx: ['docx'],
  image: ['png', 'jpg', 'jpeg', 'tif', 'tiff', 'bmp', 'webp', 'gif'],
  text: ['txt', 'text', 'md', 'csv'],
  unsupported: [],
};

function declaredTypeWarnings(detected: DetectedFileType, fileName?: string, mimeType?: string): string[] {
  const warnings: string[] = [];
  const extension = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (extension && detected.kind !== 'unsupported' && !EXTENSIONS[detected.kind].includes(extension)) {
    warnings.push(`The file is named ".${extension}" but its content is ${detected.kind}; read as ${detected.kind}.`);
  }
  const mimeKind = mimeType?.includes('pdf')
    ? 'pdf'
    : mimeType?.includes('wordprocessingml')
      ? 'docx'
      : mimeType?.startsWith('image/')
        ? 'image'
        : mimeType?.startsWith('text/')
          ? 'text'
          : undefined;
  if (mimeKind && detected.kind !== 'unsupported' && mimeKind !== detected.kind) {
    warnings.push(`Declared type ${mimeType} but the content is ${detected.kind}; read as ${detected.kind}.`);
  }
  return warnings;
}

/**
 * Turns an uploaded document into text: PDF text layers with pdf.js, scanned PDF pages and images with
 * Tesseract (Vietnamese model from npm, no network; red seals dropped first), DOCX with mammoth, plain text in
 * UTF-8, UTF-16, windows-1258 or TCVN3. The type comes from the bytes, not the name. Throws `ExtractionError` (EMPTY_FILE,
 * UNSUPPORTED_TYPE, ENCRYPTED_PDF, CORRUPT_FILE, TOO_MANY_PAGES, NO_TEXT_FOUND).
 */
export async function extractDocumentText({
  bytes,
  fileName,
  mimeType,
  onProgress,
  maxPages = DEFAULT_MAX_PAGES,
  ocr = 'auto',
  ocrDpi = DEFAULT_OCR_DPI,
  ocrConcurrency = 1,
  signal,
}: ExtractDocumentTextOptions): Promise<ExtractedDocument> {
  signal?.throwIfAborted();
  if (bytes.length === 0) throw new ExtractionError('EMPTY_FILE');
  const detected = detectFileType(bytes);
  const warnings = declaredTypeWarnings(detected, fileName, mimeType);

  let result: Omit<ExtractedDocument, 'text' | 'method' | 'warnings'> & { warnings?: string[] };
  switch (detected.kind) {
    case 'unsupported':
      throw new ExtractionError(
        'UNSUPPORTED_TYPE',
        { detected: detected.description },
        `(Phát hiện: ${detected.description}.)`,
        `(Detected: ${detected.description}.)`,
      );
    case 'text': {
      const { text, charset } = decodePlainText(bytes);
      onProgress?.({ completedPages: 1, pageCount: 1, method: 'plain' });
      result = { fileType: 'text', charset, pages: [{ number: 1, text: cleanText(text), method: 'plain' }] };
      break;
    }
    case 'docx': {
      const docx = await extractDocxText(bytes);
      onProgress?.({ completedPages: 1, pageCount: 1, method: 'docx' });
      result = { fileType: 'docx', pages: [{ number: 1, text: cleanText(docx.text), method: 'docx' }], warnings: docx.warnings };
      break;
    }
    case 'image': {
      if (ocr === 'off')
        throw new ExtractionError(
          'NO_TEXT_FOUND',
          { reason: 'ocr-disabled' },
          'Nhận dạng chữ (OCR) đang tắt.',
          'OCR is disabled.',
        );
      onProgress?.({ completedPages: 0, pageCount: 1 });
      // Decode first: a broken image should fail before a worker is started. TIFF is the one format the
      // canvas cannot decode; Tesseract reads it as it is.
      if (isTruncatedImage(bytes, detected.format)) {
        throw new ExtractionError(
          'CORRUPT_FILE',
          { reason: 'truncated image' },
          'Ảnh bị cắt cụt (tải lên chưa hết?).',
          'The image is truncated (incomplete upload?).',
        );
      }
      const image = detected.format === 'tiff' ? Buffer.from(bytes) : await toOcrPng(bytes);
      const engine = await createOcrEngine();
      try {
        const page = await recognizePage(engine, image, 1, warnings);
        onProgress?.({ completedPages: 1, pageCount: 1, method: 'ocr' });
        result = { fileType: 'image', pages: [page] };
        const tiffPages = detected.format === 'tiff' ? countTiffPages(bytes) : 1;
        if (tiffPages > 1) warnings.push(`TIFF: only the first of ${tiffPages} pages was read; upload multi-page scans as PDF.`);
      } finally {
        await engine.terminate();
      }
      break;
    }
    case 'pdf':
      result = {
        fileType: 'pdf',
        pages: await extractPdfPages({
          bytes,
          maxPages,
          ocr,
          ocrDpi,
          ocrConcurrency: Math.min(4, Math.max(1, Math.floor(ocrConcurrency))),
          onProgress,
          warnings,
          signal,
        }),
      };
      break;
  }

  warnings.push(...(result.warnings ?? []));
  const pages = result.pages;
  const text = pages
    .map((page) => page.text)
    .filter(Boolean)
    .join('\n\n');
  if (countLetters(text) < MIN_DOCUMENT_LETTERS) {
    throw new ExtractionError('NO_TEXT_FOUND', { pageCount: pages.length, fileType: result.fileType, warnings });
  }
  const methods = new Set(pages.filter((page) => page.text).map((page) => page.method));
  const method = methods.size === 1 ? [...methods][0]! : 'mixed';
  return { text, pages, method, fileType: result.fileType, charset: result.charset, warnings };
}

/**
 * PNG ends with an IEND chunk and JPEG with an EOI marker; decoders draw a truncated file's top rows without
 * complaint, which would turn a broken upload into "no text found".
 */
function isTruncatedImage(bytes: Uint8Array, format: string): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024)));
  if (format === 'png') return !tail.includes(Buffer.from('IEND', 'latin1'));
  if (format === 'jpeg') return !tail.includes(Buffer.from([0xff, 0xd9]));
  return false;
}

/** Number of images (IFDs) in a TIFF file; 1 when the structure cannot be followed. */
function countTiffPages(bytes: Uint8Array): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isLittleEndian = view[0] === 0x49;
  const read16 = (at: number) => (isLittleEndian ? view.readUInt16LE(at) : view.readUInt16BE(at));
  const read32 = (at: number) => (isLittleEndian ? view.readUInt32LE(at) : view.readUInt32BE(at));
  let pages = 0;
  let offset = read32(4);
  const seen = new Set<number>();
  while (offset > 0 && offset + 2 <= view.length && !seen.has(offset) && pages < 10_000) {
    seen.add(offset);
    pages++;
    const entries = read16(offset);
    const next = offset + 2 + entries * 12;
    if (next + 4 > view.length) break;
    offset = read32(next);
  }
  return Math.max(1, pages);
}

async function toOcrPng(bytes: Uint8Array): Promise<Buffer> {
  try {
    return await prepareImageForOcr(bytes);
  } catch (error) {
    throw new ExtractionError('CORRUPT_FILE', { cause: (error as Error).message });
  }
}

async function recognizePage(
  engine: OcrEngine,
  image: Buffer,
  number: number,
  warnings: string[],
  dpi?: number,
): Promise<ExtractedPage> {
  let recognized;
  try {
    recognized = await engine.recognize(image, { dpi });
  } catch (error) {
    throw new ExtractionError(
      'CORRUPT_FILE',
      { cause: String((error as Error)?.message ?? error), page: number },
      'Không đọc được ảnh.',
      'The image could not be decoded.',
    );
  }
  // Tesseract's layout analysis copes with pages turned by a quarter, not with pages upside down: those read
  // as low-confidence gibberish. Read such a page once more, turned around, and keep the better reading.
  if (recognized.confidence < UPSIDE_DOWN_RETRY_CONFIDENCE && countLetters(recognized.text) > 0) {
    const turned = await rotateHalfTurn(image).catch(() => null); // TIFF cannot be decoded by the canvas
    const second = turned ? await engine.recognize(turned, { dpi }).catch(() => null) : null;
    if (second && second.confidence > recognized.confidence + 15) {
      warnings.push(`Page ${number}: the page was upside down; read turned around.`);
      recognized = second;
    }
  }
  let text = cleanText(recognized.text);
  const letters = countLetters(text);
  // A photo yields a few low-confidence "letters" from edges and textures; that is not text.
  if (letters > 0 && letters < MIN_CONFIDENT_OCR_LETTERS && recognized.confidence < MIN_OCR_CONFIDENCE) {
    warnings.push(`Page ${number}: OCR found only noise (confidence ${Math.round(recognized.confidence)}); ignored.`);
    text = '';
  } else if (letters > 0 && recognized.confidence < MIN_OCR_CONFIDENCE) {
    warnings.push(`Page ${number}: low OCR confidence (${Math.round(recognized.confidence)}); check the text.`);
  }
  return { number, text, method: 'ocr', confidence: recognized.confidence };
}

/**
 * Up to `size` Tesseract workers (each a worker thread). Pages are rendered on the main thread while the
 * workers read the previous ones, so even one worker overlaps rendering with recognition.
 */
class OcrPool {
  private readonly engines: OcrEngine[] = [];
  private readonly idle: OcrEngine[] = [];
  private readonly waiting: ((engine: OcrEngine) => void)[] = [];
  private created = 0;

  constructor(private readonly size: number) {}

  async acquire(): Promise<OcrEngine> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.created < this.size) {
      this.created++; // counted before the await so that concurrent callers never exceed `size`
      const engine = await createOcrEngine();
      this.engines.push(engine);
      return engine;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(engine: OcrEngine): void {
    const next = this.waiting.shift();
    if (next) next(engine);
    else this.idle.push(engine);
  }

  async terminate(): Promise<void> {
    await Promise.allSettled(this.engines.map((engine) => engine.terminate()));
  }
}

async function extractPdfPages({
  bytes,
  maxPages,
  ocr,
  ocrDpi,
  ocrConcurrency,
  onProgress,
  warnings,
  signal,
}: {
  bytes: Uint8Array;
  maxPages: number;
  ocr: 'auto' | 'off' | 'always';
  ocrDpi: number;
  ocrConcurrency: number;
  onProgress?: (progress: ExtractionProgress) => void;
  warnings: string[];
  signal?: AbortSignal;
}): Promise<ExtractedPage[]> {
  const document = await openPdf(bytes);
  const pool = new OcrPool(ocrConcurrency);
  const inFlight = new Set<Promise<void>>();
  let ocrFailure: unknown;
  try {
    const pageCount = document.numPages;
    if (pageCount > maxPages) {
      throw new ExtractionError(
        'TOO_MANY_PAGES',
        { pageCount, maxPages },
        `(${pageCount} trang; tối đa ${maxPages}.)`,
        `(${pageCount} pages; the limit is ${maxPages}.)`,
      );
    }
    onProgress?.({ completedPages: 0, pageCount });
    const pages: ExtractedPage[] = new Array<ExtractedPage>(pageCount);
    let completedPages = 0;
    const complete = (page: ExtractedPage) => {
      pages[page.number - 1] = page;
      completedPages++;
      onProgress?.({ completedPages, pageCount, method: page.method });
    };
    let failedPages = 0;
    for (let number = 1; number <= pageCount; number++) {
      signal?.throwIfAborted();
      if (ocrFailure) throw ocrFailure;
      let page;
      try {
        page = await document.getPage(number);
      } catch (error) {
        failedPages++;
        warnings.push(`Page ${number}: could not be read (${(error as Error).message}).`);
        complete({ number, text: '', method: 'text-layer' });
        continue;
      }
      try {
        let layer = await readTextLayer(page);
        if (looksLikeTcvn3(layer)) {
          layer = convertTcvn3ToUnicode(layer);
          warnings.push(
            `Page ${number}: text in the legacy TCVN3 encoding (.VnTime fonts) converted to Unicode; headings set in capitals may come out in lower case.`,
          );
        }
        const isGarbled = garbageRatio(layer) > 0.2;
        if (isGarbled) warnings.push(`Page ${number}: the text layer is not readable text (fonts without a Unicode map).`);
        const letters = countLetters(layer);
        let isScan = letters < MIN_TEXT_LAYER_LETTERS || isGarbled;
        if (!isScan && letters < SPARSE_TEXT_LAYER_LETTERS && ocr === 'auto') {
          isScan = (await imageCoverage(page)) >= SCAN_IMAGE_COVERAGE;
          if (isScan) warnings.push(`Page ${number}: a scanned page with only ${letters} letters of text layer; read by OCR.`);
        }
        if (ocr !== 'always' && !isScan) {
          complete({ number, text: cleanText(layer), method: 'text-layer' });
        } else if (ocr !== 'off') {
          // Bound the rendered pages waiting for a worker: each is a few megabytes of PNG.
          while (inFlight.size >= ocrConcurrency) await Promise.race(inFlight);
          const { png, dpi } = await renderPageToPng(page, { dpi: ocrDpi, maxPixels: MAX_RENDER_PIXELS });
          const pageNumber = number;
          const task: Promise<void> = (async () => {
            const engine = await pool.acquire();
            try {
              complete(await recognizePage(engine, png, pageNumber, warnings, dpi));
            } finally {
              pool.release(engine);
            }
          })().then(
            () => void inFlight.delete(task),
            (error: unknown) => {
              inFlight.delete(task);
              ocrFailure ??= error;
            },
          );
          inFlight.add(task);
        } else {
          complete({ number, text: isGarbled ? '' : cleanText(layer), method: 'text-layer' });
          warnings.push(`Page ${number}: no text layer and OCR is disabled.`);
        }
      } finally {
        page.cleanup();
      }
    }
    await Promise.all(inFlight);
    if (ocrFailure) throw ocrFailure;
    if (failedPages === pageCount) throw new ExtractionError('CORRUPT_FILE', { pageCount, reason: 'no page could be read' });
    return pages;
  } finally {
    // On failure or abort the workers are stopped at once; a page still being read is abandoned.
    await pool.terminate();
    await document.destroy();
  }
}
