import { describe, expect, it } from 'vitest';
import { syllables, tokenize } from './tokenize';

describe('tokenize', () => {
  it('splits syllables, numbers, dates, punctuation and URLs with offsets', () => {
    const text = 'Ngày 31/3/2022, Bộ TT&TT công bố 1.234 văn bản (xem https://mic.gov.vn).';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['Ngày', '31/3/2022', ',', 'Bộ', 'TT', '&', 'TT', 'công', 'bố', '1.234', 'văn', 'bản', '(', 'xem', 'https://mic.gov.vn', ')', '.']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens[1]!.kind).toBe('number');
    expect(tokens.find((t) => t.text.startsWith('https'))!.kind).toBe('url');
  });
  it('never fails on emoji, other scripts or control characters', () => {
    expect(tokenize('😀 Привет 你好 \u0000').map((t) => t.kind)).toEqual(['symbol', 'word', 'word', 'symbol']);
    expect(syllables('Thủ tướng Chính phủ!')).toEqual(['thủ', 'tướng', 'chính', 'phủ']);
    expect(tokenize('')).toEqual([]);
  });
});
