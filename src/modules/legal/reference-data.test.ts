import { describe, expect, it } from 'vitest';
import { draftLegalDocumentId, KIND_CODES, legalDocumentIdOf } from './identity';
import { referenceLegalDocumentLinks, referenceLegalDocuments } from './reference-data';

const byId = new Map(referenceLegalDocuments.map((document) => [document.id, document]));
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The day before an ISO date. */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

describe('reference legal documents', () => {
  it('have unique ids computed from kind and number/symbol (drafts: title), known kinds, NFC text and ordered dates', () => {
    expect(byId.size).toBe(referenceLegalDocuments.length);
    for (const document of referenceLegalDocuments) {
      expect(KIND_CODES).toContain(document.kind);
      expect(document.id).toBe(
        document.status === 'draft'
          ? draftLegalDocumentId(document.kind, document.title)
          : legalDocumentIdOf(document.kind, document.numberSymbol ?? ''),
      );
      expect(document.numberSymbol === null).toBe(document.status === 'draft');
      for (const text of [document.title, document.numberSymbol ?? '', document.issuer ?? '', ...document.aliases]) {
        expect(text).toBe(text.normalize('NFC'));
      }
      for (const date of [document.issuedOn, document.effectiveFrom, document.effectiveTo]) {
        if (date !== null) expect(date).toMatch(isoDate);
      }
      if (document.effectiveFrom && document.effectiveTo) expect(document.effectiveFrom < document.effectiveTo).toBe(true);
    }
  });

  it('link a predecessor that ends the day before its successor starts', () => {
    expect(referenceLegalDocumentLinks).toHaveLength(4);
    for (const link of referenceLegalDocumentLinks) {
      const predecessor = byId.get(link.predecessorId);
      const successor = byId.get(link.successorId);
      expect(predecessor, link.predecessorId).toBeDefined();
      expect(successor, link.successorId).toBeDefined();
      expect(successor!.effectiveFrom).toBe(link.effectiveOn);
      expect(predecessor!.effectiveTo).toBe(dayBefore(link.effectiveOn));
    }
  });

  it('say where a title or a date still needs checking against the official text', () => {
    for (const id of [
      'policy:nghi-dinh:356/2025/nd-cp',
      'policy:nghi-dinh:244/2026/nd-cp',
      'policy:quyet-dinh:407/qd-ttg',
      'policy:luat:du-thao/bao-chi-sua-doi',
    ]) {
      expect(byId.get(id)!.notes, id).toContain('cần đối chiếu văn bản chính thức');
    }
    const accessToInformation = byId.get('policy:luat:104/2016/qh13')!;
    expect(accessToInformation).toMatchObject({ issuedOn: null, effectiveFrom: null, effectiveTo: null });
    expect(accessToInformation.notes).toContain('01/09/2026');
  });
});
