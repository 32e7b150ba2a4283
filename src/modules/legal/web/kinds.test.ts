import { describe, expect, it } from 'vitest';
import englishLegal from '../../../../locales/en/legal.json';
import vietnameseLegal from '../../../../locales/vi/legal.json';
import { KIND_CODES, KIND_NAMES, kindName } from '../identity';
import { legalDocumentKinds } from './types';

// The web app declares the kinds itself (web code never imports server modules); this keeps the two in step.
describe('kinds of the legal register pages', () => {
  it('are exactly the kinds of identity.ts', () => {
    expect([...legalDocumentKinds].sort()).toEqual([...KIND_CODES].sort());
  });

  it('are named in both languages, in Vietnamese as the register names them', () => {
    for (const kind of legalDocumentKinds) {
      const vietnameseName = vietnameseLegal.kinds[kind];
      expect(KIND_NAMES).toContain(vietnameseName);
      expect(vietnameseName).toBe(kindName(kind));
      expect(englishLegal.kinds[kind]).toBeTruthy();
    }
  });
});
