import { describe, expect, it } from 'vitest';
import { buildTsvector } from './text-features';
import { toSearchLexemes } from './ingest';

describe('search lexemes', () => {
  it('keeps each lexeme once without positions and marks title lexemes with t:', () => {
    const vector = buildTsvector(['hoc', 'phi', 'tang'], ['hoc', 'phi', 'dai', 'hoc', '2026']);
    expect(toSearchLexemes(vector)).toBe("'hoc' 't:hoc' 'phi' 't:phi' 'tang' 't:tang' 'dai' '2026'");
    expect(toSearchLexemes(buildTsvector([], ['a', 'b', 'a']))).toBe("'a' 'b'");
    expect(toSearchLexemes('')).toBe('');
  });
});
