import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ExtractionError, extractDocumentText, type ExtractionErrorCode, type ExtractionProgress } from './index';

const fixtures = join(import.meta.dirname, '../../../../test-data/documents');
const fixture = (name: string) => new Uint8Array(readFileSync(join(fixtures, name)));

/** Accent-folded, lower-cased, single-spaced: OCR checks must tolerate a lost mark or a line break. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

async function extractionErrorOf(promise: Promise<unknown>): Promise<ExtractionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExtractionError) return error;
    throw error;
  }
  throw new Error('expected an ExtractionError');
}

async function expectCode(promise: Promise<unknown>, code: ExtractionErrorCode): Promise<ExtractionError> {
  const error = await extractionErrorOf(promise);
  expect(error.code).toBe(code);
  expect(error.messageVi.length).toBeGreaterThan(10);
  expect(error.messageEn.length).toBeGreaterThan(10);
  return error;
}

describe('extractDocumentText: documents with text', () => {
  it('reads the text layer of a PDF page by page, reporting progress', async () => {
    const progress: ExtractionProgress[] = [];
    const result = await extractDocumentText({
      bytes: fixture('text-layer-837.pdf'),
      fileName: 'cong-van-837.pdf',
      onProgress: (event) => progress.push(event),
    });
    expect(result.fileType).toBe('pdf');
    expect(result.method).toBe('text-layer');
    expect(result.pages).toHaveLength(3);
    expect(result.pages.map((page) => page.method)).toEqual(['text-layer', 'text-layer', 'text-layer']);
    expect(result.text).toContain('Số: 837/BTTTT-CBC');
    expect(result.text).toContain('Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương');
    expect(result.text).toContain('Thời hạn hoàn thành: Quý II/2022');
    expect(result.text).toContain('Phạm Anh Tuấn');
    expect(result.text).toBe(result.text.normalize('NFC'));
    expect(progress).toEqual([
      { completedPages: 0, pageCount: 3 },
      { completedPages: 1, pageCount: 3, method: 'text-layer' },
      { completedPages: 2, pageCount: 3, method: 'text-layer' },
      { completedPages: 3, pageCount: 3, method: 'text-layer' },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('reads a DOCX, including table cells', async () => {
    const result = await extractDocumentText({ bytes: fixture('letter-837.docx') });
    expect(result).toMatchObject({ fileType: 'docx', method: 'docx' });
    expect(result.pages).toEqual([expect.objectContaining({ number: 1, method: 'docx' })]);
    expect(result.text).toContain('V/v xây dựng đội ngũ truyền thông chính sách chuyên trách, chuyên nghiệp');
    expect(result.text).toContain('Quý II/2022');
    expect(result.text).toContain('Kiện toàn đội ngũ');
  });

  it.each([
    ['plain-utf8.txt', 'utf-8'],
    ['plain-utf16le-bom.txt', 'utf-16le'],
    ['plain-windows-1258.txt', 'windows-1258'],
  ])('decodes plain text %s as %s into NFC', async (name, charset) => {
    const result = await extractDocumentText({ bytes: fixture(name) });
    expect(result).toMatchObject({ fileType: 'text', method: 'plain', charset });
    expect(result.text).toContain('Kính gửi: Ủy ban nhân dân các tỉnh, thành phố');
    expect(result.text).toContain('Bổ sung kinh phí cho hoạt động truyền thông');
    expect(result.text).toBe(result.text.normalize('NFC'));
  });

  it('converts TCVN3 (.VnTime) text layers and text files to Unicode', async () => {
    const pdf = await extractDocumentText({ bytes: fixture('text-layer-tcvn3.pdf') });
    expect(pdf.method).toBe('text-layer');
    expect(pdf.text).toContain('Kính gửi: ủy ban nhân dân các tỉnh, thành phố');
    expect(pdf.text).toContain('Bổ sung kinh phí cho hoạt động truyền thông');
    expect(pdf.warnings).toEqual([expect.stringContaining('TCVN3')]);
    const plain = await extractDocumentText({ bytes: fixture('plain-tcvn3.txt') });
    expect(plain.charset).toBe('tcvn3');
    expect(plain.text).toContain('Chỉ đạo rà soát, kiện toàn lại đội ngũ công chức');
  });

  it('reads Latin-1 text without Vietnamese as windows-1252', async () => {
    const result = await extractDocumentText({
      bytes: new Uint8Array(Buffer.from('Résumé of the café meeting, naïve façade.\n', 'latin1')),
    });
    expect(result).toMatchObject({ charset: 'windows-1252', text: 'Résumé of the café meeting, naïve façade.' });
  });

  it('stops between pages when its signal is aborted', async () => {
    const controller = new AbortController();
    const progress: ExtractionProgress[] = [];
    const run = extractDocumentText({
      bytes: fixture('text-layer-837.pdf'),
      signal: controller.signal,
      onProgress: (event) => {
        progress.push(event);
        if (event.completedPages === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress.at(-1)).toMatchObject({ completedPages: 1 });
  });

  it('trusts the bytes over the name and type it was given, with a warning', async () => {
    const result = await extractDocumentText({
      bytes: fixture('text-layer-837.pdf'),
      fileName: 'letter.docx',
      mimeType: 'text/plain',
    });
    expect(result.fileType).toBe('pdf');
    expect(result.warnings).toHaveLength(2);
  });
});

describe('extractDocumentText: OCR (Vietnamese model from npm, no network)', () => {
  const keyPhrases = ['truyen thong chinh sach', 'uy ban nhan dan cac tinh', 'thoi han hoan thanh', 'quy ii/2022', 'kinh phi'];

  it('reads a scanned image', async () => {
    const result = await extractDocumentText({ bytes: fixture('scan-vi.png'), fileName: 'scan.png' });
    expect(result).toMatchObject({ fileType: 'image', method: 'ocr' });
    const folded = fold(result.text);
    for (const phrase of keyPhrases) expect(folded).toContain(phrase);
    expect(result.text).toContain('truyền thông');
    expect(result.pages[0]!.confidence).toBeGreaterThan(60);
  });

  it('renders and reads an image-only PDF page', async () => {
    const progress: ExtractionProgress[] = [];
    const result = await extractDocumentText({ bytes: fixture('scanned-vi.pdf'), onProgress: (event) => progress.push(event) });
    expect(result).toMatchObject({ fileType: 'pdf', method: 'ocr' });
    const folded = fold(result.text);
    for (const phrase of keyPhrases) expect(folded).toContain(phrase);
    expect(progress.at(-1)).toEqual({ completedPages: 1, pageCount: 1, method: 'ocr' });
  });

  it.each([
    ['scan-vi.jpg', 'JPEG'],
    ['scan-vi.tif', 'TIFF'],
  ])('reads a scanned %s image (%s)', async (name) => {
    const result = await extractDocumentText({ bytes: fixture(name) });
    expect(result).toMatchObject({ fileType: 'image', method: 'ocr', warnings: [] });
    expect(fold(result.text)).toContain('truyen thong chinh sach');
  });

  it('reads a WebP image and decodes a GIF before OCR', async () => {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const image = await loadImage(Buffer.from(fixture('scan-vi.png')));
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    const webp = await extractDocumentText({ bytes: new Uint8Array(await canvas.encode('webp', 90)) });
    expect(fold(webp.text)).toContain('kinh phi');
    // A 1×1 GIF: decoded and read, with nothing to find.
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    await expectCode(extractDocumentText({ bytes: new Uint8Array(gif) }), 'NO_TEXT_FOUND');
  });

  it('can OCR a page that has a text layer, on request', async () => {
    const source = await PDFDocument.load(fixture('text-layer-837.pdf'));
    const onePage = await PDFDocument.create();
    const [firstPage] = await onePage.copyPages(source, [0]);
    // Only the header (top 190 pt) is rendered, so the test OCRs a few lines, not a dense A4 page.
    firstPage!.setCropBox(0, firstPage!.getHeight() - 190, firstPage!.getWidth(), 190);
    onePage.addPage(firstPage);
    const result = await extractDocumentText({ bytes: await onePage.save(), ocr: 'always' });
    expect(result).toMatchObject({ method: 'ocr', pages: [expect.objectContaining({ method: 'ocr' })] });
    const folded = fold(result.text);
    for (const phrase of ['cong hoa xa hoi chu nghia viet nam', '837/btttt-cbc', 'ha noi, ngay 09 thang 3 nam 2022'])
      expect(folded).toContain(phrase);
    expect(folded).not.toContain('tran trong');
  });

  it('reads a poor JPEG scan with a red seal over the text, including the words under the seal', async () => {
    const result = await extractDocumentText({ bytes: fixture('scan-degraded-seal.jpg') });
    const folded = fold(result.text);
    for (const phrase of ['uy ban nhan dan cac tinh', 'thoi han hoan thanh', 'quy ii/2022', 'kinh phi'])
      expect(folded).toContain(phrase);
    // These words lie under the seal; without dropping red ink Tesseract garbles them.
    expect(folded).toContain('doi ngu cong chuc');
    expect(folded).toContain('truyen thong tai cac bo');
    expect(result.text).toContain('đội ngũ công chức');
  });

  it('OCRs a scanned page whose only text layer is a digital-signature stamp', async () => {
    const result = await extractDocumentText({ bytes: fixture('signed-scan-vi.pdf') });
    expect(result.method).toBe('ocr');
    const folded = fold(result.text);
    for (const phrase of keyPhrases) expect(folded).toContain(phrase);
    expect(result.warnings).toEqual([expect.stringContaining('scanned page with only')]);
  });

  it('reads scanned pages on two workers, keeping page order', async () => {
    const scan = await PDFDocument.load(fixture('scanned-vi.pdf'));
    const twoPages = await PDFDocument.create();
    const [scanPage] = await twoPages.copyPages(scan, [0]);
    twoPages.addPage(scanPage);
    const embedded = await twoPages.embedJpg(fixture('scan-degraded-seal.jpg'));
    const second = twoPages.addPage([(embedded.width * 72) / 150, (embedded.height * 72) / 150]);
    second.drawImage(embedded, { x: 0, y: 0, width: second.getWidth(), height: second.getHeight() });
    const progress: ExtractionProgress[] = [];
    const result = await extractDocumentText({
      bytes: await twoPages.save(),
      ocrConcurrency: 2,
      onProgress: (event) => progress.push(event),
    });
    expect(result.pages.map((page) => [page.number, page.method])).toEqual([
      [1, 'ocr'],
      [2, 'ocr'],
    ]);
    expect(fold(result.pages[0]!.text)).toContain('truyen thong chinh sach');
    expect(fold(result.pages[1]!.text)).toContain('doi ngu cong chuc');
    expect(progress.map((event) => event.completedPages)).toEqual([0, 1, 2]);
  });

  it('reads a page scanned upside down', async () => {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const image = await loadImage(Buffer.from(fixture('scan-vi.png')));
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.translate(image.width, image.height);
    context.rotate(Math.PI);
    context.drawImage(image, 0, 0);
    const result = await extractDocumentText({ bytes: new Uint8Array(await canvas.encode('png')) });
    expect(fold(result.text)).toContain('truyen thong chinh sach');
    expect(result.warnings).toEqual([expect.stringContaining('upside down')]);
  });

  it('finds no text in a photo', async () => {
    await expectCode(extractDocumentText({ bytes: fixture('photo-no-text.png'), fileName: 'cat.png' }), 'NO_TEXT_FOUND');
  });

  it('does not OCR when OCR is off', async () => {
    await expectCode(extractDocumentText({ bytes: fixture('scanned-vi.pdf'), ocr: 'off' }), 'NO_TEXT_FOUND');
  });
});

describe('extractDocumentText: bad input', () => {
  it('rejects an empty file', async () => {
    await expectCode(extractDocumentText({ bytes: fixture('empty.pdf'), fileName: 'empty.pdf' }), 'EMPTY_FILE');
  });

  it('rejects a password-protected PDF', async () => {
    await expectCode(extractDocumentText({ bytes: fixture('encrypted.pdf') }), 'ENCRYPTED_PDF');
  });

  it('rejects a corrupt PDF', async () => {
    await expectCode(extractDocumentText({ bytes: fixture('corrupt.pdf') }), 'CORRUPT_FILE');
  });

  it('rejects a corrupt DOCX', async () => {
    const docx = fixture('letter-837.docx');
    await expectCode(extractDocumentText({ bytes: docx.subarray(0, 3000) }), 'CORRUPT_FILE');
  });

  it('rejects a truncated image', async () => {
    const started = performance.now();
    await expectCode(extractDocumentText({ bytes: fixture('scan-vi.png').subarray(0, 5000) }), 'CORRUPT_FILE');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('rejects a document over the page limit, before reading any page', async () => {
    const error = await expectCode(extractDocumentText({ bytes: fixture('text-layer-837.pdf'), maxPages: 2 }), 'TOO_MANY_PAGES');
    expect(error.details).toMatchObject({ pageCount: 3, maxPages: 2 });
  });

  it('rejects a 500-page PDF with the default limit', async () => {
    const pdf = await PDFDocument.create();
    for (let index = 0; index < 500; index++) pdf.addPage();
    const progress: ExtractionProgress[] = [];
    const error = await expectCode(
      extractDocumentText({ bytes: await pdf.save(), onProgress: (event) => progress.push(event) }),
      'TOO_MANY_PAGES',
    );
    expect(error.details).toMatchObject({ pageCount: 500, maxPages: 300 });
    expect(progress).toEqual([]);
  });

  it.each([
    ['a spreadsheet', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....xl/workbook.xml')])],
    ['a legacy .doc', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])],
    ['random binary', Buffer.from(Array.from({ length: 2048 }, (_, index) => (index * 7919) % 256))],
    ['an HTML page', Buffer.from('<!DOCTYPE html><html><body>Bộ Y tế</body></html>')],
  ])('rejects %s as UNSUPPORTED_TYPE', async (_, bytes) => {
    const error = await expectCode(
      extractDocumentText({ bytes: new Uint8Array(bytes), fileName: 'upload.pdf' }),
      'UNSUPPORTED_TYPE',
    );
    expect(error.toAppError().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects text without letters', async () => {
    await expectCode(extractDocumentText({ bytes: new Uint8Array(Buffer.from('1234 5678\n---\n')) }), 'NO_TEXT_FOUND');
  });

  it('maps to platform errors with the reason and both messages', async () => {
    const error = await expectCode(extractDocumentText({ bytes: fixture('encrypted.pdf') }), 'ENCRYPTED_PDF');
    const appError = error.toAppError();
    expect(appError.code).toBe('UNPROCESSABLE');
    expect(appError.details?.reason).toBe('ENCRYPTED_PDF');
    expect(appError.details?.messageVi).toContain('mật khẩu');
  });
});
