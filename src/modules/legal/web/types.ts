/** UI-side shapes of the legal register API (see /api/openapi.json: LegalDocument, LegalDocumentInput). */
import type { UserRole } from '../../../web/types';

/**
 * Kind codes of `src/modules/legal/identity.ts` (`KIND_CODES`), in the order of the legal hierarchy rather than
 * of matching; their names are in `locales/<language>/legal.json` under `kinds` (checked by `kinds.test.ts`).
 */
export const legalDocumentKinds = [
  'luat',
  'phap-lenh',
  'nghi-quyet',
  'nghi-dinh',
  'quyet-dinh',
  'chi-thi',
  'thong-tu',
  'cong-van',
  'ke-hoach',
  'thong-bao',
] as const;
export type LegalDocumentKind = (typeof legalDocumentKinds)[number];

/** Who may add and edit register entries (`canEditLegalRegister`: the network-wide roles). */
export const legalRegisterEditors: readonly UserRole[] = ['administrator', 'coordinator'];

/** 'issued', or 'draft' (dự thảo): a policy before adoption, with no number yet. */
export type LegalDocumentStatus = 'issued' | 'draft';

/**
 * A register entry; dates are 'YYYY-MM-DD' or null, links are document ids. A draft's dates say when it stands
 * for its policy (from when it was made public to the day before the document adopted from it applies).
 */
export interface LegalDocument {
  id: string;
  kind: string;
  status: LegalDocumentStatus;
  /** Null for a draft. */
  numberSymbol: string | null;
  title: string;
  aliases: string[];
  issuer: string | null;
  issuedOn: string | null;
  effectiveFrom: string | null;
  /** Last day in force (inclusive). */
  effectiveTo: string | null;
  isReference: boolean;
  notes: string | null;
  /** Ids of the documents this one replaces. */
  predecessors: string[];
  /** Ids of the documents that replace this one. */
  successors: string[];
}

/** The body of `PATCH /api/legal-documents/{id}`: fields given replace the current ones. */
export interface LegalDocumentChanges {
  numberSymbol?: string | null;
  title?: string;
  aliases?: string[];
  issuer?: string | null;
  issuedOn?: string | null;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  notes?: string | null;
  /** Ids of the documents this one replaces (a draft: the document adopted from it is its successor); the list replaces the current one. */
  predecessors?: string[];
  /** Ids of the documents that replace this one. */
  successors?: string[];
}

/** The body of `POST /api/legal-documents`. */
export interface LegalDocumentInput extends LegalDocumentChanges {
  kind: LegalDocumentKind;
  status: LegalDocumentStatus;
  title: string;
}
