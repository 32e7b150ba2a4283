import { describe, expect, it } from 'vitest';
import { convertTcvn3ToUnicode, convertUnicodeToTcvn3, looksLikeTcvn3 } from './legacy-encodings';

describe('TCVN3 (ABC) text read as Latin-1', () => {
  it('converts the well-known garbles of the state heading and motto', () => {
    expect(convertTcvn3ToUnicode('Céng hoµ x· héi chñ nghÜa ViÖt Nam')).toBe('Cộng hoà xã hội chủ nghĩa Việt Nam');
    expect(convertTcvn3ToUnicode('§éc lËp - Tù do - H¹nh phóc')).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(convertTcvn3ToUnicode('Bé Tµi chÝnh')).toBe('Bộ Tài chính');
  });

  it('is detected in legacy text and not in Unicode Vietnamese or English', () => {
    expect(looksLikeTcvn3('Céng hoµ x· héi chñ nghÜa ViÖt Nam §éc lËp - Tù do - H¹nh phóc')).toBe(true);
    expect(looksLikeTcvn3('Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Café, résumé.')).toBe(false);
    expect(looksLikeTcvn3('The Ministry of Health, 2022 — price: 5 €.')).toBe(false);
  });

  it('round-trips lower-case Vietnamese', () => {
    const text = 'truyền thông chính sách; ủy ban nhân dân các tỉnh, thành phố; quý ii/2022';
    expect(convertTcvn3ToUnicode(convertUnicodeToTcvn3(text))).toBe(text);
  });
});
