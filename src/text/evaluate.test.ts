import { describe, expect, it } from 'vitest';
import { parseConllu, parseLabelledJsonl, parseUnderscoreSegmented, scoreClassification, scoreDiacritics } from './evaluate';

describe('evaluation helpers', () => {
  it('computes accuracy, macro-F1 and per-class scores', () => {
    const r = scoreClassification(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(r.accuracy).toBe(0.75);
    expect(r.perClass.a).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 });
    expect(r.perClass.b!.precision).toBe(0.6667);
    expect(r.macroF1).toBe(0.7333);
  });
  it('parses CoNLL-U, underscore-segmented text and labelled JSONL', () => {
    expect(parseConllu('# text = x\n1\tchính sách\t_\n2\tmới\t_\n\n')).toEqual([[['chính', 'sách'], ['mới']]]);
    expect(parseUnderscoreSegmented('truyền_thông chính_sách')).toEqual([
      [
        ['truyền', 'thông'],
        ['chính', 'sách'],
      ],
    ]);
    expect(parseLabelledJsonl('{"text":"tốt","label":"positive"}\n\n')).toEqual([{ text: 'tốt', label: 'positive' }]);
    expect(() => parseLabelledJsonl('{oops')).toThrow(/line 1/);
  });
  it('scores diacritics by syllable and sentence', () => {
    const r = scoreDiacritics(['Thủ tướng Chính phủ', 'học phí'], ['Thủ tướng Chính phú', 'học phí']);
    expect(r.syllableAccuracy).toBe(0.8333);
    expect(r.sentenceAccuracy).toBe(0.5);
  });
});
