import { describe, expect, it } from 'vitest';
import { SpanInterner, SPAN_HASH_MASK } from './intern';

/** An entry holding its span's characters. */
const entryOf = (input: string, start: number, end: number, hash: number) => ({
  key: input.slice(start, end),
  hash,
  text: input.slice(start, end),
});

function fnv(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

describe('SpanInterner', () => {
  it('returns the same value for the same characters wherever they occur, creating it once', () => {
    const created: string[] = [];
    const interner = new SpanInterner(100, (input, start, end, hash) => {
      const entry = entryOf(input, start, end, hash);
      created.push(entry.text);
      return entry;
    });
    const input = 'học phí học phí Học';
    const spans = [
      [0, 3],
      [4, 7],
      [8, 11],
      [12, 15],
      [16, 19],
    ] as const;
    const values = spans.map(([start, end]) => interner.get(input, start, end, fnv(input, start, end)));
    expect(values.map((value) => value.text)).toEqual(['học', 'phí', 'học', 'phí', 'Học']);
    expect(values[0]).toBe(values[2]);
    expect(values[1]).toBe(values[3]);
    expect(created).toEqual(['học', 'phí', 'Học']);
  });

  it('tells apart spans whose hashes collide', () => {
    const interner = new SpanInterner(100, entryOf);
    // every span gets the same hash: only the characters decide
    const a = interner.get('ab', 0, 2, 7);
    const b = interner.get('ba', 0, 2, 7);
    const c = interner.get('abc', 0, 3, 7);
    expect([a.text, b.text, c.text]).toEqual(['ab', 'ba', 'abc']);
    expect(interner.get('xab', 1, 3, 7)).toBe(a);
  });

  it('starts afresh past its limit and stays correct', () => {
    const interner = new SpanInterner(10, entryOf);
    const words = Array.from({ length: 50 }, (_, i) => `w${i}`);
    for (const word of words) expect(interner.get(word, 0, word.length, fnv(word, 0, word.length)).text).toBe(word);
    for (const word of words) expect(interner.get(word, 0, word.length, fnv(word, 0, word.length)).text).toBe(word);
  });

  it('grows with its entries and finds every one again, each created once', () => {
    let created = 0;
    const interner = new SpanInterner(100_000, (input, start, end, hash) => {
      created++;
      return entryOf(input, start, end, hash);
    });
    // many more spans than the table's first slots, so it is rebuilt several times on the way
    const words = Array.from({ length: 5000 }, (_, i) => `từ${i}`);
    const first = words.map((word) => interner.get(word, 0, word.length, fnv(word, 0, word.length)));
    const again = words.map((word) => interner.get(` ${word}`, 1, word.length + 1, fnv(` ${word}`, 1, word.length + 1)));
    expect(again).toEqual(first);
    again.forEach((entry, i) => expect(entry).toBe(first[i]));
    expect(created).toBe(5000);
  });

  it('compares through a code mapping when given one, keeping the low 30 bits of the hash', () => {
    // a lower-casing table for A–Z
    const codes = Int32Array.from({ length: 0x10000 }, (_, code) => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code));
    const lowered = new SpanInterner(100, (input, start, end, hash) => ({ key: input.slice(start, end).toLowerCase(), hash }));
    const hash = fnv('hoc', 0, 3);
    const first = lowered.get('HOC', 0, 3, hash, codes);
    expect(first.key).toBe('hoc');
    expect(first.hash).toBe(hash & SPAN_HASH_MASK);
    expect(lowered.get('x hoc', 2, 5, hash, codes)).toBe(first);
    expect(lowered.get('HOC', 0, 3, hash)).not.toBe(first);
  });
});
