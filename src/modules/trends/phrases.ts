import { foldDiacritics } from '../../text/normalize';

const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * Vietnamese function words that cannot start or end an emerging phrase (they carry no topic). Drawn from
 * the common grammatical words of news headlines (của, và, là, cho, với, …), folded.
 */
const STOP = new Set(
  'va la cua cho voi cac nhung mot trong tai tu den da dang se duoc bi khi thi ma nay do nhu ve theo co khong lai ra vao len nam ngay thang gio tren duoi sau truoc hon rat cung moi con'.split(
    ' ',
  ),
);

/**
 * Folded bigrams and trigrams of a headline, without phrases that start or end with a function word or a number.
 * @example titlePhrases('Học phí đại học tăng mạnh') // ['hoc phi', 'phi dai', 'dai hoc', …, 'hoc phi dai', …]
 */
export function titlePhrases(title: string): string[] {
  const tokens = foldDiacritics(title.normalize('NFC').toLowerCase()).match(TOKEN) ?? [];
  const out = new Set<string>();
  for (let n = 2; n <= 3; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const first = tokens[i]!;
      const last = tokens[i + n - 1]!;
      if (STOP.has(first) || STOP.has(last) || /^\d/.test(first) || /^\d/.test(last) || first.length < 2 || last.length < 2)
        continue;
      out.add(tokens.slice(i, i + n).join(' '));
    }
  }
  return [...out];
}

/** Folds a query or a term the same way as phrases, for "is this phrase already covered" checks. */
export function foldPhrase(text: string): string {
  return (foldDiacritics(text.normalize('NFC').toLowerCase()).match(TOKEN) ?? []).join(' ');
}
