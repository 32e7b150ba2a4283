import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';

/** Lower-case, without Vietnamese tone and vowel marks ("Luật Báo chí" → "luat bao chi"; đ → d). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/**
 * A Select / Autocomplete filter that finds options with or without diacritics: every word typed must occur in the
 * option's label ("luat bao chi" and "126/2025" both find "Luật Báo chí 126/2025/QH15").
 */
export const foldedOptionsFilter: OptionsFilter = ({ options, search }) => {
  const words = foldForSearch(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return options;
  const matches = (item: ComboboxParsedItem) => {
    if ('group' in item) return false;
    const label = foldForSearch((item as ComboboxItem).label);
    return words.every((word) => label.includes(word));
  };
  return options.flatMap((item): ComboboxParsedItem[] => {
    if ('group' in item) {
      const items = item.items.filter(matches) as ComboboxItem[];
      return items.length > 0 ? [{ ...item, items }] : [];
    }
    return matches(item) ? [item] : [];
  });
};
