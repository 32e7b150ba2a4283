import { foldForSearch } from '../../../web/components/folded-options-filter';
import type { LegalDocument } from './types';

/** At most this many names go into a suggested query: title, aliases, number. */
const MAX_NAMES = 6;

/** Names that differ only by case, marks or punctuation are one phrase of an accent-insensitive query. */
function foldedKey(name: string): string {
  return foldForSearch(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A saved query for the press coverage of a register document: its names (title, aliases, and the number/symbol
 * of an issued document) as exact phrases joined by OR, punctuation dropped ("Luật Báo chí (sửa đổi)" →
 * "Luật Báo chí sửa đổi"), each name once however it is accented. The officer reviews it in the editor.
 * @example suggestedQueryOf({ title: 'Luật Báo chí (sửa đổi)', aliases: ['Dự thảo Luật Báo chí'], numberSymbol: null, … }) // '"Luật Báo chí sửa đổi" OR "Dự thảo Luật Báo chí"'
 */
export function suggestedQueryOf(document: Pick<LegalDocument, 'title' | 'aliases' | 'numberSymbol'>): string {
  const phrases = new Map<string, string>();
  for (const name of [document.title, ...document.aliases, ...(document.numberSymbol ? [document.numberSymbol] : [])]) {
    const phrase = name.replace(/[^\p{L}\p{N}/-]+/gu, ' ').trim();
    const key = foldedKey(phrase);
    if (key && !phrases.has(key)) phrases.set(key, phrase);
  }
  return [...phrases.values()]
    .slice(0, MAX_NAMES)
    .map((phrase) => `"${phrase}"`)
    .join(' OR ');
}

/** The query editor, pre-filled to follow a document in the press and linked to it as the query's policy. */
export function monitorPathOf(document: LegalDocument, name: string): string {
  const params = new URLSearchParams({ suggest: suggestedQueryOf(document), name, policy: document.id });
  return `/monitoring/queries?${params.toString()}`;
}
