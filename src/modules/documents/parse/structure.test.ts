import { describe, expect, it } from 'vitest';
import { foldForMatching } from './fold';
import { splitClauses } from './structure';

const refs = (text: string) => splitClauses(text, foldForMatching(text), 0, text.length).map((c) => c.ref);

describe('splitClauses', () => {
  it('points follow the Vietnamese order with đ after d', () => {
    const text = '1. Các bộ:\na) một\nb) hai\nc) ba\nd) bốn\nđ) năm\ne) sáu\ng) bảy\n2. Bộ Tư pháp:\na) tám\n';
    expect(refs(text)).toEqual(['1', '1.a', '1.b', '1.c', '1.d', '1.đ', '1.e', '1.g', '2', '2.a']);
  });
  it('OCR: a lost dot, garbled letters and a lost accent on đ', () => {
    const text = '1. Bộ:\na) x\n" b) y\n¢) z\nd) w\nd) v\n&) u\n2 Bộ Tư pháp }E\na) t\n';
    expect(refs(text)).toEqual(['1', '1.a', '1.b', '1.c', '1.d', '1.đ', '1.e', '2', '2.a']);
  });
  it('a lost clause number does not lose the rest of the list', () => {
    expect(refs('1. Một\n2. Hai\n4. Bộ Tư pháp chủ trì\n5. Năm\n')).toEqual(['1', '2', '4', '5']);
  });
  it('keeps lines that merely start with a number out of the tree', () => {
    const text =
      '1. Bộ Nội vụ:\nPhối hợp theo Nghị định\n56 106/2020/NĐ-CP ngày 10 tháng 9 năm 2020\n2020 là năm\n1.600.000 đồng\n2. Bộ Ngoại giao:\n';
    expect(refs(text)).toEqual(['1', '2']);
  });
  it('articles, clauses and points of legal texts; sections of plans', () => {
    expect(refs('Điều 1. Phạm vi\n1. Một\na) điểm\n2. Hai\nĐiều 2. Hiệu lực\n')).toEqual([
      'Điều 1',
      'Điều 1.1',
      'Điều 1.1.a',
      'Điều 1.2',
      'Điều 2',
    ]);
    expect(refs('I. MỤC ĐÍCH\n1. Một\nII. NHIỆM VỤ\n1. Sở Tài chính\n1.1. Con\n')).toEqual(['I', 'I.1', 'II', 'II.1', 'II.1.1']);
  });
});

describe('splitClauses on OCR of a decision', () => {
  it('reads "Diéu 2." as an article', () => {
    const text = 'Diéu 1. Ban hành kèm theo\nDiéu 2. Giao Sở Tài chính\n1. Chủ trì\n';
    expect(refs(text)).toEqual(['Điều 1', 'Điều 2', 'Điều 2.1']);
  });
});
