/**
 * `npm run bench:extract` (or `npx tsx bench/extract.ts`): measured cost of document text extraction.
 * - text-layer PDFs: parse time per page on a 30-page PDF made of copies of test-data/documents/text-layer-837.pdf
 * - OCR: time per page of a light scanned page (test-data/documents/scanned-vi.pdf) and of a dense A4 page
 *   (page 1 of the text-layer PDF rendered at 300 dpi), with the character error rate of OCR against the
 *   text layer of that same page
 * - OCR character error rate on a poor JPEG scan with a red seal, raw Tesseract vs. the pipeline
 * - OCR engine start-up (loading the Vietnamese model)
 * Prints one line per figure; `--json` prints them as one JSON object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { extractDocumentText } from '../src/modules/documents/extract';
import { createOcrEngine } from '../src/modules/documents/extract/ocr';

const fixtures = join(import.meta.dirname, '../test-data/documents');
const asJson = process.argv.includes('--json');
const figures: Record<string, number | string> = {};

function report(name: string, value: number, unit: string): void {
  figures[`${name} (${unit})`] = Math.round(value * 10) / 10;
  if (!asJson) console.log(`${name.padEnd(52)} ${value.toFixed(1).padStart(9)} ${unit}`);
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

/** Levenshtein distance over code points, two rows. */
function editDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[right.length]!;
}

const squash = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

async function main(): Promise<void> {
  const textPdf = readFileSync(join(fixtures, 'text-layer-837.pdf'));
  const source = await PDFDocument.load(textPdf);

  // Text layer: 30 pages, twice (the first run also loads pdf.js).
  const thirtyPages = await PDFDocument.create();
  for (let copy = 0; copy < 10; copy++) {
    for (const page of await thirtyPages.copyPages(source, source.getPageIndices())) thirtyPages.addPage(page);
  }
  const thirtyPageBytes = await thirtyPages.save();
  await extractDocumentText({ bytes: thirtyPageBytes });
  const textRun = await timed(() => extractDocumentText({ bytes: thirtyPageBytes }));
  report('text-layer PDF: parse time per page (30 pages)', textRun.ms / textRun.value.pages.length, 'ms/page');

  const startup = await timed(() => createOcrEngine());
  await startup.value.terminate();
  report('OCR engine start-up (Vietnamese model)', startup.ms, 'ms');

  const scanned = readFileSync(join(fixtures, 'scanned-vi.pdf'));
  const light = await timed(() => extractDocumentText({ bytes: scanned }));
  report('OCR: light scanned page (10 lines), incl. start-up', light.ms, 'ms/page');

  const onePage = await PDFDocument.create();
  const [firstPage] = await onePage.copyPages(source, [0]);
  onePage.addPage(firstPage!);
  const denseBytes = await onePage.save();
  const reference = await extractDocumentText({ bytes: denseBytes });
  const dense = await timed(() => extractDocumentText({ bytes: denseBytes, ocr: 'always', ocrDpi: 300 }));
  report('OCR: dense A4 page at 300 dpi, incl. start-up', dense.ms, 'ms/page');
  const expected = squash(reference.text);
  const recognized = squash(dense.value.text);
  report(
    'OCR: character error rate vs text layer (dense page)',
    (100 * editDistance(recognized, expected)) / expected.length,
    '%',
  );

  const twoPages = await PDFDocument.create();
  for (const page of await twoPages.copyPages(source, [0, 1])) twoPages.addPage(page);
  const twoPageBytes = await twoPages.save();
  const two = await timed(() => extractDocumentText({ bytes: twoPageBytes, ocr: 'always', ocrDpi: 300 }));
  report('OCR: 2 dense A4 pages, per page (start-up amortised)', two.ms / 2, 'ms/page');
  const twoParallel = await timed(() =>
    extractDocumentText({ bytes: twoPageBytes, ocr: 'always', ocrDpi: 300, ocrConcurrency: 2 }),
  );
  report('OCR: 2 dense A4 pages on 2 workers, per page', twoParallel.ms / 2, 'ms/page');

  // A poor JPEG scan with a red seal over four lines: raw Tesseract vs. our pipeline (red ink dropped).
  const degraded = readFileSync(join(fixtures, 'scan-degraded-seal.jpg'));
  const truth = squash(readFileSync(join(fixtures, 'plain-utf8.txt'), 'utf8'));
  const rawEngine = await createOcrEngine();
  const raw = await rawEngine.recognize(degraded);
  await rawEngine.terminate();
  const pipeline = await extractDocumentText({ bytes: degraded });
  report('OCR: CER, poor scan with red seal, raw Tesseract', (100 * editDistance(squash(raw.text), truth)) / truth.length, '%');
  report(
    'OCR: CER, poor scan with red seal, red ink dropped',
    (100 * editDistance(squash(pipeline.text), truth)) / truth.length,
    '%',
  );

  report('resident memory after the runs', process.memoryUsage().rss / 1024 / 1024, 'MiB');
  if (asJson) console.log(JSON.stringify(figures, null, 2));
}

await main();
