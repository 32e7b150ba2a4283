import { describe, expect, it } from 'vitest';
import { foldedOptionsFilter, foldForSearch } from './folded-options-filter';

describe('folded options filter', () => {
  it('finds options with or without diacritics, by every word typed', () => {
    const options = [
      { value: 'a', label: 'Luật Báo chí 126/2025/QH15' },
      { value: 'b', label: 'Nghị định 13/2023/NĐ-CP' },
      { value: 'c', label: 'Luật Đất đai 31/2024/QH15' },
    ];
    const found = (search: string) =>
      foldedOptionsFilter({ options, search, limit: 100 }).map((item) => ('value' in item ? item.value : ''));
    expect(found('luat bao chi')).toEqual(['a']);
    expect(found('Đất')).toEqual(['c']);
    expect(found('dat dai')).toEqual(['c']);
    expect(found('nd-cp')).toEqual(['b']);
    expect(found('qh15 luat')).toEqual(['a', 'c']);
    expect(found('  ')).toEqual(['a', 'b', 'c']);
    expect(foldForSearch('Đường Hồ Chí Minh')).toBe('duong ho chi minh');
  });
});
