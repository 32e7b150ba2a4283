/** Document types recognised in the heading (Decree 30/2020/NĐ-CP, Appendix III lists the abbreviations). */
export type DocumentTypeKey =
  | 'law'
  | 'ordinance'
  | 'decree'
  | 'circular'
  | 'jointCircular'
  | 'decision'
  | 'directive'
  | 'resolution'
  | 'officialLetter'
  | 'plan'
  | 'notice'
  | 'report'
  | 'consolidatedText'
  | 'regulation'
  | 'programme'
  | 'dispatch'
  | 'unknown';

export interface DocumentType {
  /** As written in Vietnamese, e.g. "Chỉ thị". */
  name: string;
  key: DocumentTypeKey;
}

/** One organization as the parser needs it; the directory module owns the real records. */
export interface DirectoryOrganization {
  id: string;
  name: string;
  kind: string;
  aliases?: readonly string[];
  shortName?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

/**
 * What the parser needs from the organization directory. `createReferenceDirectory` adapts the
 * agencies module's pure resolver; tests and callers may pass any implementation.
 */
export interface OrganizationDirectory {
  /** Every organization the directory knows, whatever its dates (the parser does its own OCR-tolerant matching). */
  organizations(): readonly DirectoryOrganization[];
  /** Organizations in force on `date` (YYYY-MM-DD), optionally of some kinds. */
  inForce(date: string, kinds?: readonly string[]): DirectoryOrganization[];
  /** Members of a group phrase ("các bộ, cơ quan ngang bộ…") on `date`, or null when the phrase is no group. */
  resolveGroup(phrase: string, date: string): DirectoryOrganization[] | null;
  /** Bodies that carry on the duties of `id` on `date` (empty when `id` is still in force). */
  successors(id: string, date: string): DirectoryOrganization[];
}

export interface OrganizationRef {
  /** Directory id, or null for a body the directory does not hold (a provincial department, …). */
  id: string | null;
  name: string;
}

export interface AssignedAgency extends OrganizationRef {
  /** Current successors when the body is no longer in force today. */
  successors: OrganizationRef[];
}

export type Recurrence = 'yearly' | 'half-yearly' | 'quarterly' | 'monthly';

export type Span = [number, number];

export interface Clause {
  /** "1", "1.a", "3.đ", "III.1", "Điều 3", "Điều 3.1.a". */
  ref: string;
  level: 'section' | 'article' | 'clause' | 'subclause' | 'point';
  /** The clause's own text, up to its first sub-clause. */
  text: string;
  /** Offsets into `repairedText`. */
  span: Span;
  parentRef: string | null;
}

export interface Assignment {
  clause: string;
  agencies: AssignedAgency[];
  /** The words that named the bodies ("Bộ Tư pháp", "Kính gửi: …"). */
  rawAgencyText: string;
  task: string;
  dueOn: string | null;
  recurrence: Recurrence | null;
  /** How the bodies were found: named in the clause, in a heading above it, or in the document-wide address. */
  source: 'clause' | 'heading' | 'address';
  evidence: { text: string; span: Span };
}

export interface Recipient {
  text: string;
  organizations: OrganizationRef[];
}

export interface ParsedOfficialDocument {
  type: DocumentType;
  number: string | null;
  issuer: { name: string; id?: string } | null;
  issuedOn: string | null;
  place: string | null;
  subject: string | null;
  signer: { name: string | null; capacity: string | null } | null;
  recipients: Recipient[];
  /** "Nơi nhận" list. */
  distribution: Recipient[];
  clauses: Clause[];
  assignments: Assignment[];
  /** The text parsed (after `repairText`), NFC with LF line endings; all spans point into it. */
  repairedText: string;
  /** The input as given, NFC with LF line endings. */
  rawText: string;
  /** UPPER_SNAKE code, colon, explanation: EMPTY_TEXT, NOT_VIETNAMESE, OCR_TEXT, REPAIR_FAILED, NO_DATE, NO_NUMBER, NO_CLAUSES, NO_ASSIGNMENTS. */
  warnings: string[];
}

export interface ParseOfficialDocumentOptions {
  text: string;
  directory: OrganizationDirectory;
  /** Diacritics restoration for OCR output; run before parsing. Must keep the text's line structure. */
  repairText?: (text: string) => string;
  /** "Today" for current successors (YYYY-MM-DD); defaults to the system date. */
  referenceDate?: string;
}
