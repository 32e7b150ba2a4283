import { describe, expect, it } from 'vitest';
import { formatLegalDocumentId, legalDocumentIdOf, legalDocumentName } from './identity';

describe('legal document identity', () => {
  it('gives one id to a number/symbol however it is spelled, and spells it back officially', () => {
    expect(legalDocumentIdOf('nghi-dinh', '9/2017/NĐ-CP')).toBe('policy:nghi-dinh:09/2017/nd-cp');
    expect(legalDocumentIdOf('nghi-dinh', ' 09 / 2017 / nd-cp ')).toBe('policy:nghi-dinh:09/2017/nd-cp');
    expect(legalDocumentIdOf('cong-van', '837/BTTTT-CBC')).toBe('policy:cong-van:837/btttt-cbc');
    expect(legalDocumentIdOf('luat', 'Luật Báo chí')).toBeUndefined();
    expect(formatLegalDocumentId('policy:nghi-dinh:09/2017/nd-cp')).toBe('Nghị định 09/2017/NĐ-CP');
  });

  it('names laws by register title and number, other documents by kind and number', () => {
    expect(legalDocumentName('policy:luat:103/2016/qh13', 'Luật Báo chí')).toBe('Luật Báo chí 103/2016/QH13');
    expect(legalDocumentName('policy:luat:103/2016/qh13')).toBe('Luật 103/2016/QH13');
    expect(legalDocumentName('policy:chi-thi:07/ct-ttg', 'Chỉ thị về việc tăng cường công tác truyền thông chính sách')).toBe(
      'Chỉ thị 07/CT-TTg',
    );
    // a title not of the document's kind is not trusted as its name
    expect(legalDocumentName('policy:luat:91/2025/qh15', 'Bảo vệ dữ liệu cá nhân')).toBe('Luật 91/2025/QH15');
  });
});
