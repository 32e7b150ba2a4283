import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';

const require = createRequire(import.meta.url);

/**
 * Folder of the Vietnamese LSTM model shipped by the npm package `@tesseract.js-data/vie` (the "best_int"
 * variant: integer LSTM weights, the one tesseract.js itself picks for LSTM-only recognition). Reading it from
 * node_modules means no network at run time.
 */
export function vietnameseLanguagePath(): string {
  return join(dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0_best_int');
}

export interface OcrResult {
  text: string;
  /** Mean word confidence, 0–100, as reported by Tesseract. */
  confidence: number;
}

/** One Tesseract worker loaded with the Vietnamese model; create once per document, terminate after. */
export interface OcrEngine {
  /** `dpi`: the image's resolution when known (a rendered PDF page); Tesseract estimates it otherwise. */
  recognize(image: Buffer, options?: { dpi?: number }): Promise<OcrResult>;
  terminate(): Promise<void>;
}

/** Starts an OCR worker reading Vietnamese (which also covers the Latin letters of English words). */
export async function createOcrEngine(): Promise<OcrEngine> {
  const worker = await Tesseract.createWorker('vie', Tesseract.OEM.LSTM_ONLY, {
    langPath: vietnameseLanguagePath(),
    gzip: true,
    // 'none': neither read nor write a traineddata cache in the working directory.
    cacheMethod: 'none',
  });
  await worker.setParameters({
    tessedit_pageseg_mode: Tesseract.PSM.AUTO,
    preserve_interword_spaces: '1',
    // Tesseract's diagnostics ("Estimating resolution as …") go to stderr otherwise, into CLI output.
    debug_file: '/dev/null',
  });
  return {
    async recognize(image, options) {
      await worker.setParameters({ user_defined_dpi: options?.dpi ? String(options.dpi) : '' });
      const { data } = await worker.recognize(image);
      return { text: data.text, confidence: data.confidence };
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
