import { describe, expect, it } from 'vitest';
import { detectToxicity } from './toxicity';

describe('detectToxicity', () => {
  it('flags insults and profanity with reasons', () => {
    const r = detectToxicity('Thằng ngu này nói láo vcl');
    expect(r.label).toBe('toxic');
    expect(r.reasons.map((x) => x.text)).toEqual(expect.arrayContaining(['thằng ngu', 'vcl']));
    expect(detectToxicity('đồ óc chó').label).toBe('toxic');
    expect(detectToxicity('do oc cho').label).toBe('toxic');
  });
  it('sees through teen code and filter-dodging', () => {
    expect(detectToxicity('đ.m lại tăng giá').label).toBe('toxic');
    expect(detectToxicity('nguuuu thế').label).toBe('toxic');
    expect(detectToxicity('dkm thang nao chay au').label).toBe('toxic');
  });
  it('leaves civil criticism and unaccented homographs clean', () => {
    expect(detectToxicity('Cán bộ làm việc chậm, đề nghị xem xét kỷ luật.').label).toBe('clean');
    expect(detectToxicity('di ngu thoi, mai di lam som').label).toBe('clean');
    expect(detectToxicity('').label).toBe('clean');
  });
});
