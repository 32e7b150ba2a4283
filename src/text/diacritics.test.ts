import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreDiacritics, restoreQuery } from './diacritics';
import { loadTextModels } from './models';
import { normalizeText } from './normalize';

const { restorer } = loadTextModels();
const seed000 = readFileSync(join(import.meta.dirname, '../../../shared/seeds/000_d5d5f98adacd73bb.txt'), 'utf8');

describe('restoreDiacritics', () => {
  it('restores unaccented text, keeping case and punctuation', () => {
    expect(
      restoreDiacritics('Thu tuong Chinh phu yeu cau cac bo, nganh tang cuong cong tac truyen thong chinh sach.', restorer),
    ).toBe('Thủ tướng Chính phủ yêu cầu các bộ, ngành tăng cường công tác truyền thông chính sách.');
  });

  it('repairs the OCR of seed 000 (Directive 07/CT-TTg)', () => {
    const lines = normalizeText(seed000).split('\n');
    const header = lines.find((l) => l.includes('THU TUGNG'))!;
    expect(restoreDiacritics(header, restorer)).toContain('THỦ TƯỚNG CHÍNH PHỦ');
    const title = lines.find((l) => l.includes('truyén thong chinh sich'))!;
    expect(restoreDiacritics(title, restorer, { mode: 'ocr' })).toContain('tăng cường công tác truyền thông chính sách');
    const directive = lines.find((l) => l.includes('Thu tuéng Chinh phi yéu'))!;
    expect(restoreDiacritics(directive, restorer)).toContain('Thủ tướng Chính phủ yêu cầu');
    expect(restoreDiacritics("nhu'ng su cé, khung hoang truyén thong", restorer, { mode: 'ocr' })).toBe(
      'những sự cố, khủng hoảng truyền thông',
    );
    const body = lines.find((l) => l.startsWith('Truyén théng chinh sach'))!;
    expect(restoreDiacritics(body, restorer, { mode: 'ocr' })).toMatch(
      /^Truyền thông chính sách là một nhiệm vụ, một chức năng quan trọng/,
    );
  });

  it('keeps correctly accented text and unknown words', () => {
    const text = 'Bộ Thông tin và Truyền thông phối hợp với Google, Facebook.';
    expect(restoreDiacritics(text, restorer)).toBe(text);
    expect(restoreDiacritics('', restorer)).toBe('');
  });
});

describe('restoreQuery', () => {
  it('turns an unaccented query into accented candidates', () => {
    expect(restoreQuery('hoc phi', restorer, 3)[0]).toBe('học phí');
    expect(restoreQuery('bao hiem y te', restorer)[0]).toBe('bảo hiểm y tế');
  });
});
