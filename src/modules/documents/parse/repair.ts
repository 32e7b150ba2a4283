import { createDiacriticsRestorer, restoreDiacritics, type DiacriticsRestorer } from '../../../text/diacritics';
import { loadModel } from '../../../text/models';

let restorer: DiacriticsRestorer | null = null;

/**
 * The `repairText` hook backed by the diacritics model in `models/` (loaded once per process; this is
 * the one file of the parser that reads from disk). OCR-damaged lines are detected by the restorer.
 */
export function repairDocumentText(text: string): string {
  restorer ??= createDiacriticsRestorer(loadModel('diacritics'));
  return restoreDiacritics(text, restorer, { mode: 'auto' });
}
