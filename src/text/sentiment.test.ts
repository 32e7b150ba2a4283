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

  it('learns the distinctive words of long corrected articles, not the common ones, numbers, bias or lexicon', async () => {
    const { loadModel } = await import('./models');
    const { ngramIdf } = await import('./topic-features');
    const shipped = loadModel('sentiment');
    const idf = ngramIdf(loadModel('topic'));
    // news reports of thefts an officer marks negative: long, full of common words and numbers
    const report = (place: string, day: number) =>
      `Ngày ${day}/12, công an ${place} cho biết đã tiếp nhận tin báo của người dân về việc kẻ gian lẻn vào nhà, ` +
      `nạy cửa và lấy đi tài sản trị giá khoảng ${day * 3} triệu đồng. Theo người dân, trong ${day} ngày qua ` +
      `nhiều gia đình trong khu phố cũng bị mất xe máy, điện thoại. Công an đang xác minh, làm rõ vụ việc. `.repeat(2);
    const corrections = ['quận 1', 'huyện Gia Lâm', 'thành phố Thủ Đức', 'quận Hai Bà Trưng'].map((place, k) => ({
      text: report(place, k + 2),
      label: 'negative' as const,
    }));
    const learned = trainSentimentModel(corrections, shipped, { distinctive: { count: 30, idf } });
    const changed = (label: 'negative' | 'neutral' | 'positive') =>
      Object.keys(learned.weights[label]).filter((key) => learned.weights[label][key] !== shipped.weights[label][key]);
    const moved = [...new Set([...changed('negative'), ...changed('neutral'), ...changed('positive')])];
    expect(moved.length).toBeGreaterThan(0);
    for (const { text } of corrections) expect(analyzeSentiment(text, shipped).label).not.toBe('negative');
    for (const { text } of corrections) expect(analyzeSentiment(text, learned).label).toBe('negative');
    // a report of the same kind from elsewhere follows the corrections
    expect(analyzeSentiment(report('huyện Đông Anh', 9), learned).label).toBe('negative');
    // only word features moved, none of them a number or one of the words every article has
    for (const key of moved) {
      expect(key, key).toMatch(/^[ub]:/);
      expect(key, key).not.toMatch(/\d/);
      expect(idf(key.slice(2)), key).toBeGreaterThan(4);
    }
    for (const label of ['negative', 'neutral', 'positive'] as const)
      for (const key of ['bias', 'lex:pos', 'lex:neg']) expect(learned.weights[label][key]).toBe(shipped.weights[label][key]);
    // the news of other kinds reads as it did
    const otherNews = [
      `Ngày 3/12, đội tuyển bóng đá giành chiến thắng 2-0, hàng nghìn người dân cổ vũ trong trận đấu tại sân Mỹ Đình. `.repeat(3),
      `Trong 2 ngày qua, thành phố tổ chức lễ hội ẩm thực với khoảng 30 gian hàng của người dân và doanh nghiệp. `.repeat(3),
    ];
    for (const text of otherNews) expect(analyzeSentiment(text, learned).label, text).toBe(analyzeSentiment(text, shipped).label);
  });
});
