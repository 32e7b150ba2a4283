import { describe, expect, it } from 'vitest';
import { loadTextModels } from './models';
import { analyzeSentiment, createBaseSentimentModel, scoreLexicon, trainSentimentModel } from './sentiment';

const { sentiment: model } = loadTextModels();

describe('analyzeSentiment', () => {
  it('decides with reasons', () => {
    const r = analyzeSentiment('Cán bộ phường làm việc quá chậm, dân bức xúc', model);
    expect(r.label).toBe('negative');
    expect(r.reasons.map((x) => x.text)).toContain('bức xúc');
    expect(analyzeSentiment('Thủ tục nhanh gọn, cán bộ hướng dẫn tận tình, tôi rất hài lòng.', model).label).toBe('positive');
    expect(analyzeSentiment('UBND tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm.', model).label).toBe('neutral');
  });

  it('applies negation, intensifiers and contrast', () => {
    const negated = scoreLexicon('Tôi không hài lòng với cách giải quyết');
    expect(negated.score).toBeLessThan(0);
    expect(negated.reasons[0]).toMatchObject({ text: 'hài lòng', rule: 'negated' });
    expect(scoreLexicon('rất tốt').score).toBeGreaterThan(scoreLexicon('tốt').score);
    expect(analyzeSentiment('Chính sách tốt nhưng thực hiện quá chậm trễ', model).label).toBe('negative');
    expect(scoreLexicon('tai nạn giảm hẳn').score).toBeGreaterThan(0);
  });

  it('works on unaccented text and does not confuse folded homographs', () => {
    expect(analyzeSentiment('can bo lam viec qua te, that vong', model).label).toBe('negative');
    expect(analyzeSentiment('cam on cac anh chi da ho tro nhiet tinh', model).label).toBe('positive');
    // "yeu" is yêu (love) as often as yếu (weak): no evidence from it in unaccented text
    expect(scoreLexicon('toi yeu que huong').score).toBe(0);
  });

  it('gives the same results whichever model ran before and after the table of known words started afresh', () => {
    const text = 'Chính sách tốt nhưng cán bộ làm việc quá chậm, dân bức xúc 😡. Không còn cảnh chen lấn!';
    const trained = analyzeSentiment(text, model);
    const base = analyzeSentiment(text, createBaseSentimentModel());
    expect(analyzeSentiment(text, model)).toEqual(trained);
    // more than 100,000 distinct made-up words: the table of known words empties between two texts
    let seed = 3;
    const letter = () => 'abcdeghiklmnopqrstuvxyđ'[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 23]!;
    for (let t = 0; t < 60; t++)
      scoreLexicon(Array.from({ length: 2000 }, () => Array.from({ length: 6 }, letter).join('')).join(' '));
    expect(analyzeSentiment(text, model)).toEqual(trained);
    expect(analyzeSentiment(text, createBaseSentimentModel())).toEqual(base);
  });

  it('never fails on empty or odd input', () => {
    expect(analyzeSentiment('', model).label).toBe('neutral');
    expect(analyzeSentiment('👍👍', model).label).toBe('positive');
  });
});

describe('trainSentimentModel', () => {
  it('learns from corrections and records its parent version', () => {
    const base = createBaseSentimentModel();
    const corrections = Array.from({ length: 5 }, () => [
      { text: 'lại bị cắt sóng giữa trận', label: 'negative' as const },
      { text: 'đợt này lại treo hồ sơ', label: 'negative' as const },
    ]).flat();
    expect(analyzeSentiment('lại bị cắt sóng', base).label).toBe('neutral');
    const v1 = trainSentimentModel(corrections, base, { learningRate: 0.25 });
    expect(v1.version).toBe('1');
    expect(v1.parentVersion).toBe(base.version);
    expect(analyzeSentiment('lại bị cắt sóng', v1).label).toBe('negative');
    const v2 = trainSentimentModel(corrections, v1);
    expect(v2).toMatchObject({ version: '2', parentVersion: '1' });
    expect(JSON.parse(JSON.stringify(v2))).toEqual(v2);
  });
});
