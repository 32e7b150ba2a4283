import { describe, expect, it } from 'vitest';
import { monitorPathOf, suggestedQueryOf } from './monitor-link';
import type { LegalDocument } from './types';

const draft: LegalDocument = {
  id: 'policy:luat:du-thao/bao-chi-sua-doi',
  kind: 'luat',
  status: 'draft',
  numberSymbol: null,
  title: 'Luật Báo chí (sửa đổi)',
  aliases: ['Dự thảo Luật Báo chí', 'Dự án Luật Báo chí', 'Dự án Luật Báo chí (sửa đổi)', 'luat bao chi sua doi'],
  issuer: null,
  issuedOn: null,
  effectiveFrom: null,
  effectiveTo: '2026-06-30',
  isReference: true,
  notes: null,
  predecessors: [],
  successors: ['policy:luat:126/2025/qh15'],
};

describe('suggestedQueryOf', () => {
  it('joins a document’s names as phrases, without punctuation, each once however it is accented', () => {
    expect(suggestedQueryOf(draft)).toBe(
      '"Luật Báo chí sửa đổi" OR "Dự thảo Luật Báo chí" OR "Dự án Luật Báo chí" OR "Dự án Luật Báo chí sửa đổi"',
    );
  });

  it('adds the number/symbol of an issued document', () => {
    expect(suggestedQueryOf({ title: 'Luật Báo chí', aliases: ['Luật Báo chí 2025'], numberSymbol: '126/2025/QH15' })).toBe(
      '"Luật Báo chí" OR "Luật Báo chí 2025" OR "126/2025/QH15"',
    );
  });

  it('links the editor to the document as the query’s policy', () => {
    const url = new URL(monitorPathOf(draft, 'Dự thảo Luật Báo chí (sửa đổi)'), 'http://nhip.test');
    expect(url.pathname).toBe('/monitoring/queries');
    expect(url.searchParams.get('policy')).toBe(draft.id);
    expect(url.searchParams.get('name')).toBe('Dự thảo Luật Báo chí (sửa đổi)');
    expect(url.searchParams.get('suggest')).toBe(suggestedQueryOf(draft));
  });
});
