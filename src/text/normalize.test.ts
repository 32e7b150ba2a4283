import { describe, expect, it } from 'vitest';
import {
  applyTone,
  findVietnameseDates,
  foldDiacritics,
  foldKey,
  normalizeText,
  normalizeToneMark,
  normalizeToneMarks,
  parseVietnameseDate,
  parseVietnameseNumber,
} from './normalize';

describe('normalizeText', () => {
  it('applies the old-style tone placement (hòa, thúy, khỏe) whatever the input style', () => {
    expect(normalizeText('Cộng hoà xã hội chủ nghĩa, thuý, khoẻ mạnh')).toBe('Cộng hòa xã hội chủ nghĩa, thúy, khỏe mạnh');
    expect(normalizeToneMark('HOÀ')).toBe('HÒA');
    // rhymes with a final consonant or a marked vowel are unaffected by the convention
    for (const w of ['hoàng', 'tuấn', 'người', 'giữa', 'quốc', 'khuỷu', 'gì', 'quý']) expect(normalizeToneMark(w)).toBe(w);
  });

  it('composes NFD input and cleans quotes, dashes, spaces, zero-width and look-alike letters', () => {
    const nfd = 'Thu\u0309 tu\u031bo\u031b\u0301ng';
    expect(normalizeText(nfd)).toBe('Thủ tướng');
    expect(normalizeText('“Chính  phủ”\u00a0–\u200b  ‘điện tử’…')).toBe('"Chính phủ" - \'điện tử\'...');
    // Cyrillic "о" and "с" inside a Latin word
    expect(normalizeText('Thông tin cơ sở\u043e'.replace('o', '\u043e'))).toContain('Thông tin');
    expect(normalizeText('ch\u0456nh s\u0430ch')).toBe('chinh sach');
    expect(normalizeText('\u0441\u043e\u043a')).toBe('\u0441\u043e\u043a');
  });

  it('applies the tone convention to rebuilt syllables', () => {
    expect(applyTone('thuy', 2)).toBe('thúy');
    expect(applyTone('nguoi', 1)).toBe('nguoi'.replace('o', 'ò')); // no marked vowel: the rule still applies
    expect(applyTone('thươ', 3)).toBe('thưở');
  });
});

describe('normalizeToneMarks', () => {
  it('re-places the tones of words of up to 7 letters, words split as letter runs', () => {
    expect(normalizeToneMarks('Uỷ ban hoà giải, HOÀ, hoàx, khoẻmạnhx')).toBe('Ủy ban hòa giải, HÒA, hoàx, khoẻmạnhx');
    // an astral letter is part of its word; an emoji is not
    expect(normalizeToneMarks('hoà𝐀 hoà😀')).toBe('hoà𝐀 hòa😀');
    const text = 'Không có gì';
    expect(normalizeToneMarks(text)).toBe(text);
  });
});

describe('foldDiacritics', () => {
  it('strips tones and vowel marks and maps đ to d, keeping case', () => {
    expect(foldDiacritics('Học phí Đà Nẵng')).toBe('Hoc phi Da Nang');
    expect(foldKey('HỌC PHÍ')).toBe('hoc phi');
  });
  it('makes unaccented queries match accented text', () => {
    expect(foldKey('học phí')).toBe(foldKey('hoc phi'));
    expect(foldKey('Truyền thông chính sách')).toBe('truyen thong chinh sach');
  });
});

describe('parseVietnameseDate', () => {
  it('reads numeric and spelled-out dates, day first', () => {
    expect(parseVietnameseDate('hạn chót 31/3/2022')?.date).toBe('2022-03-31');
    expect(parseVietnameseDate('Hà Nội, ngày 21 tháng 3 năm 2023')?.date).toBe('2023-03-21');
    expect(parseVietnameseDate('ngay 9 thang 3 nam 2022')?.date).toBe('2022-03-09');
    expect(parseVietnameseDate('31-12-2024')?.granularity).toBe('day');
  });
  it('resolves quarters, months and years to their last day', () => {
    const q = parseVietnameseDate('hoàn thành trong Quý II/2022');
    expect(q).toMatchObject({ date: '2022-06-30', start: '2022-04-01', granularity: 'quarter' });
    expect(parseVietnameseDate('quý 4 năm 2023')?.date).toBe('2023-12-31');
    expect(parseVietnameseDate('tháng 2/2024')?.date).toBe('2024-02-29');
    expect(parseVietnameseDate('6 tháng đầu năm 2024')?.date).toBe('2024-06-30');
    expect(parseVietnameseDate('trong năm 2025')?.date).toBe('2025-12-31');
  });
  it('rejects impossible dates and finds several in order', () => {
    expect(parseVietnameseDate('31/2/2022')).toBeNull();
    expect(parseVietnameseDate('không có ngày')).toBeNull();
    const all = findVietnameseDates('Chỉ thị 07/CT-TTg ngày 21/3/2023, báo cáo trước Quý II/2023');
    expect(all.map((d) => d.date)).toEqual(['2023-03-21', '2023-06-30']);
  });
});

describe('parseVietnameseNumber', () => {
  it('reads Vietnamese separators and scale words', () => {
    expect(parseVietnameseNumber('1.234.567')).toBe(1234567);
    expect(parseVietnameseNumber('1,5 tỷ')).toBe(1.5e9);
    expect(parseVietnameseNumber('300 nghìn')).toBe(300000);
    expect(parseVietnameseNumber('abc')).toBeNull();
  });
});
