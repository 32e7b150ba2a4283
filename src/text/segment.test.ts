import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConllu, scoreSegmentation } from './evaluate';
import { loadTextModels } from './models';
import { segmentWords, trainSegmenter, createSegmenter } from './segment';

const models = loadTextModels();

describe('segmentWords', () => {
  it('groups the syllables of multi-syllable words', () => {
    expect(segmentWords('Tăng cường công tác truyền thông chính sách', models.segmenter)).toEqual([
      'Tăng cường',
      'công tác',
      'truyền thông',
      'chính sách',
    ]);
    expect(segmentWords('Thủ tướng Chính phủ yêu cầu các bộ, ngành', models.segmenter)).toEqual([
      'Thủ tướng',
      'Chính phủ',
      'yêu cầu',
      'các',
      'bộ',
      ',',
      'ngành',
    ]);
  });

  it('scores above 0.9 word F1 on UD Vietnamese-VTB dev (first 300 sentences)', () => {
    const dev = parseConllu(
      readFileSync(join(import.meta.dirname, '../../../shared/data/ud-vtb/vi_vtb-ud-dev.conllu'), 'utf8'),
    ).slice(0, 300);
    expect(scoreSegmentation(dev, models.segmenter).wordF1).toBeGreaterThan(0.9);
  });

  it('trains deterministically', () => {
    const data = [
      [['chính', 'sách'], ['mới']],
      [
        ['truyền', 'thông'],
        ['chính', 'sách'],
      ],
    ];
    const a = trainSegmenter(data, { epochs: 3, seed: 1 });
    expect(trainSegmenter(data, { epochs: 3, seed: 1 })).toEqual(a);
    expect(segmentWords('chính sách mới', createSegmenter(a))).toEqual(['chính sách', 'mới']);
  });
});
