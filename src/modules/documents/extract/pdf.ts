import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { ExtractionError } from './errors';
import { dropRedInk } from './prepare-image';

const require = createRequire(import.meta.url);
type PdfJs = typeof import('pdfjs-dist');

let pdfjsPromise: Promise<PdfJs> | undefined;

/** pdf.js's legacy build is the one that runs in Node; loaded on first use (it is large). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<PdfJs>;
  return pdfjsPromise;
}

function pdfjsAsset(folder: string): string {
  // pdf.js in Node accepts plain directory paths ending with "/" for its fonts, CMaps, ICC profiles and wasm.
  return join(dirname(require.resolve('pdfjs-dist/package.json')), folder) + '/';
}

/** Opens a PDF, mapping pdf.js failures to extraction codes. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  try {
    return await pdfjs.getDocument({
      // pdf.js takes ownership of (and detaches) the buffer it is given, so give it a copy.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      standardFontDataUrl: pdfjsAsset('standard_fonts'),
      cMapUrl: pdfjsAsset('cmaps'),
      cMapPacked: true,
      iccUrl: pdfjsAsset('iccs'),
      wasmUrl: pdfjsAsset('wasm'),
    }).promise;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException') throw new ExtractionError('ENCRYPTED_PDF', { cause: (error as Error).message });
    throw new ExtractionError('CORRUPT_FILE', { cause: (error as Error).message, pdfjsError: name });
  }
}

/**
 * The text layer of a page, one line per text run that pdf.js marks as ending a line. pdf.js's own Unicode
 * normalization is off because it rewrites TCVN3 code points (µ → μ, soft hyphen → "-") before they can be
 * converted; only the Latin ligatures it would have expanded are expanded here.
 */
export async function readTextLayer(page: PDFPageProxy): Promise<string> {
  const content = await page.getTextContent({ disableNormalization: true });
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  return text.replace(/[\uFB00-\uFB06]/g, (ligature) => ligature.normalize('NFKC'));
}

/**
 * Renders a page to PNG for OCR at `dpi` (red ink dropped, see `dropRedInk`), reduced when the image would exceed `maxPixels` (a 300-dpi A4 page
 * is 8.7 Mpx; a poster-sized page must not exhaust memory).
 */
export async function renderPageToPng(
  page: PDFPageProxy,
  { dpi, maxPixels }: { dpi: number; maxPixels: number },
): Promise<{ png: Buffer; dpi: number }> {
  const base = page.getViewport({ scale: 1 });
  let scale = dpi / 72;
  const pixels = base.width * base.height * scale * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.max(1, Math.ceil(viewport.width)), Math.max(1, Math.ceil(viewport.height)));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    canvasContext: context as unknown as CanvasRenderingContext2D,
    viewport,
  }).promise;
  dropRedInk(context, canvas.width, canvas.height);
  return { png: await canvas.encode('png'), dpi: Math.round(scale * 72) };
}

/**
 * Share of the page area covered by images (0–1). Scanned pages are one full-page image; a scan that was
 * digitally signed also carries a small text layer (the signature stamp), which must not pass for the text.
 * Tracks only the determinant of the transformation matrix: the area scale of a product is the product of
 * the determinants, so the order of concatenation does not matter.
 */
export async function imageCoverage(page: PDFPageProxy): Promise<number> {
  const { OPS } = await loadPdfJs();
  const imageOps = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
    OPS.paintImageXObjectRepeat,
  ]);
  const operators = await page.getOperatorList();
  let scale = 1;
  const stack: number[] = [];
  let area = 0;
  const determinant = (matrix: unknown) => {
    const [a, b, c, d] = (matrix as number[] | null) ?? [1, 0, 0, 1];
    return Math.abs(a! * d! - b! * c!);
  };
  operators.fnArray.forEach((operation, index) => {
    const args = operators.argsArray[index] as unknown[] | null;
    if (operation === OPS.save) stack.push(scale);
    else if (operation === OPS.restore) scale = stack.pop() ?? scale;
    else if (operation === OPS.transform) scale *= determinant(args);
    else if (operation === OPS.paintFormXObjectBegin) {
      stack.push(scale);
      scale *= determinant(args?.[0]);
    } else if (operation === OPS.paintFormXObjectEnd) scale = stack.pop() ?? scale;
    else if (imageOps.has(operation)) area += scale; // images are drawn into the unit square
  });
  const [x0, y0, x1, y1] = page.view;
  const pageArea = Math.abs((x1! - x0!) * (y1! - y0!));
  return pageArea > 0 ? Math.min(1, area / pageArea) : 0;
}
