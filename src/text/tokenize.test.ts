import { describe, expect, it } from 'vitest';
import { syllables, tokenize, tokenizeWithExpression } from './tokenize';

describe('tokenize', () => {
  it('splits syllables, numbers, dates, punctuation and URLs with offsets', () => {
    const text = 'Ngày 31/3/2022, Bộ TT&TT công bố 1.234 văn bản (xem https://mic.gov.vn).';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual([
      'Ngày',
      '31/3/2022',
      ',',
      'Bộ',
      'TT',
      '&',
      'TT',
      'công',
      'bố',
      '1.234',
      'văn',
      'bản',
      '(',
      'xem',
      'https://mic.gov.vn',
      ')',
      '.',
    ]);
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

describe('tokenize without the regular expression', () => {
  it('gives exactly the tokens of the reference expression on tricky and random text', () => {
    const fixed = [
      'Liên hệ a.b-c@mic.gov.vn, www.chinhphu.vn.) hoặc https://x.vn/a?b=1!.. http:// HTTP://x',
      'a@b.c x@y.vn.. .x@y.co _@1.ab @a.bc a@.bc a@b..cd 1@2.3 F0 COVID19 1.234,5 31/3/2022 12:30:',
      'Thế à?! "Đúng"... (1), [2]; {3} «4» “5” ‘6’ — – - / \\ … ² ½ \u00a0\u2028 e\u0301 \u0301a',
    ];
    const alphabet = [
      'a',
      'Đ',
      'ộ',
      'E',
      '1',
      '9',
      '.',
      ',',
      '/',
      ':',
      '@',
      '-',
      '_',
      '%',
      '+',
      'h',
      't',
      'p',
      's',
      'w',
      ' ',
      '\n',
      '\u00a0',
      ')',
      '!',
      '?',
      '…',
      '"',
      '&',
      '\u0301',
      'x',
      'https://',
      'www.',
      'http://',
      '@gov.vn',
      '²',
      '\u2028',
      'vn',
      '.vn',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const generated = Array.from({ length: 3000 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join(''),
    );
    for (const text of [...fixed, ...generated]) expect(tokenize(text)).toEqual(tokenizeWithExpression(text));
  });
});
