import { describe, expect, it } from 'vitest';
import { analyzeText, MAX_ANALYZE_CHARS } from './analyze';
import { loadTextModels } from './models';

const models = loadTextModels();

describe('analyzeText', () => {
  it('restores, segments and classifies unaccented text', () => {
    const r = analyzeText('Thu tuong Chinh phu yeu cau tang cuong truyen thong chinh sach', models);
    expect(r.script).toBe('unaccented');
    expect(r.restored).toBe('Thủ tướng Chính phủ yêu cầu tăng cường truyền thông chính sách');
    expect(r.words).toEqual(['Thủ tướng', 'Chính phủ', 'yêu cầu', 'tăng cường', 'truyền thông', 'chính sách']);
    expect(r.topic?.label).toBe('Chinh tri Xa hoi');
  });

  it('gives a sensible answer on bad input', () => {
    const empty = analyzeText('', models);
    expect(empty).toMatchObject({ script: 'empty', topic: null, words: [], restored: '' });
    expect(empty.sentiment.label).toBe('neutral');

    const binary = analyzeText(String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 65536)), models);
    expect(binary.script).toBe('non-vietnamese');
    expect(binary.topic).toBeNull();

    const emoji = analyzeText('😡😡😡', models);
    expect(emoji.sentiment.label).toBe('negative');

    const mixed = analyzeText('Привет мир 你好 hello', models);
    expect(mixed.topic).toBeNull();

    const caps = analyzeText('HỌC PHÍ TĂNG QUÁ CAO, PHỤ HUYNH BỨC XÚC', models);
    expect(caps.sentiment.label).toBe('negative');
    expect(caps.words).toContain('PHỤ HUYNH');
  });

  it('truncates huge input at the documented cap in bounded time', () => {
    const big = 'Giá xăng tăng cao. '.repeat(600_000); // ~11 MB
    const t0 = performance.now();
    const r = analyzeText(big, models);
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(MAX_ANALYZE_CHARS);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
