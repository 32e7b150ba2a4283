import { describe, expect, it } from 'vitest';
import {
  draftLegalDocumentId,
  formatLegalDocumentId,
  isDraftLegalDocumentId,
  legalDocumentIdOf,
  legalDocumentName,
} from './identity';

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

  it('identifies a draft by its kind and title words, and names it as a draft', () => {
    const id = draftLegalDocumentId('luat', 'Luật Báo chí (sửa đổi)');
    expect(id).toBe('policy:luat:du-thao/bao-chi-sua-doi');
    // "dự thảo" and the kind's name, accents and case do not make another draft
    expect(draftLegalDocumentId('luat', 'dự thảo luật báo chí sửa đổi')).toBe(id);
    expect(draftLegalDocumentId('nghi-dinh', 'Nghị định về phát ngôn')).toBe('policy:nghi-dinh:du-thao/ve-phat-ngon');
    expect(draftLegalDocumentId('luat', 'Luật')).toBeUndefined();
    expect(isDraftLegalDocumentId(id!)).toBe(true);
    expect(isDraftLegalDocumentId('policy:luat:103/2016/qh13')).toBe(false);
    expect(legalDocumentName(id!, 'Luật Báo chí (sửa đổi)')).toBe('Dự thảo Luật Báo chí (sửa đổi)');
    expect(legalDocumentName(id!, 'Dự thảo Luật Báo chí (sửa đổi)')).toBe('Dự thảo Luật Báo chí (sửa đổi)');
    expect(legalDocumentName(id!)).toBe('Dự thảo Luật (bao chi sua doi)');
    expect(legalDocumentName('policy:nghi-dinh:du-thao/ve-phat-ngon', 'Quy định về phát ngôn')).toBe(
      'Dự thảo Nghị định: Quy định về phát ngôn',
    );
  });
});
