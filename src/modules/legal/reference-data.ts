/**
 * The legal and policy documents Nhịp encodes rules from (../shared/reference/legal-basis.md), as dated
 * reference data. Pure data, no I/O: `seedReferenceLegalDocuments` inserts what the database lacks, after
 * which administrators edit the rows through the API and their edits win.
 *
 * Only facts the team could source are filled in; an unknown date stays null rather than guessed, and a
 * title the team wrote from a description says "cần đối chiếu văn bản chính thức" (to verify against the official text) in its notes.
 */
import { draftLegalDocumentId, legalDocumentIdOf } from './identity';
import type { LegalDocumentStatus } from './schema';

/** The facts of a register document; dates are 'YYYY-MM-DD' or null. */
export interface ReferenceLegalDocument {
  /** `policy:<kind>:<number/symbol folded>` computed from kind and number/symbol; a draft's from kind and title. */
  id: string;
  /** A kind code of identity.ts ("luat", "nghi-dinh" …). */
  kind: string;
  /** 'issued', or 'draft': no number/symbol yet, and its dates say when it stands for the policy. */
  status: LegalDocumentStatus;
  /** As officially written: "103/2016/QH13"; null for a draft. */
  numberSymbol: string | null;
  title: string;
  /** Other names the press uses. */
  aliases: string[];
  issuer: string | null;
  issuedOn: string | null;
  effectiveFrom: string | null;
  /** Last day in force (inclusive) or null while in force or unknown. */
  effectiveTo: string | null;
  notes: string | null;
}

export interface ReferenceLegalDocumentLink {
  predecessorId: string;
  successorId: string;
  /** First day the successor applies. */
  effectiveOn: string;
}

type OptionalFacts = 'aliases' | 'issuer' | 'issuedOn' | 'effectiveFrom' | 'effectiveTo' | 'notes';
type Facts = Omit<ReferenceLegalDocument, 'id' | 'status' | 'numberSymbol' | OptionalFacts> &
  Partial<Pick<ReferenceLegalDocument, OptionalFacts>>;

function withFacts(id: string, status: LegalDocumentStatus, numberSymbol: string | null, facts: Facts): ReferenceLegalDocument {
  return {
    id,
    kind: facts.kind,
    status,
    numberSymbol,
    title: facts.title.normalize('NFC'),
    aliases: (facts.aliases ?? []).map((alias) => alias.normalize('NFC')),
    issuer: facts.issuer ?? null,
    issuedOn: facts.issuedOn ?? null,
    effectiveFrom: facts.effectiveFrom ?? null,
    effectiveTo: facts.effectiveTo ?? null,
    notes: facts.notes ?? null,
  };
}

function legalDocument(facts: Facts & { numberSymbol: string }): ReferenceLegalDocument {
  const id = legalDocumentIdOf(facts.kind, facts.numberSymbol);
  if (!id) throw new Error(`Reference legal document ${facts.numberSymbol}: number/symbol cannot be parsed`);
  return withFacts(id, 'issued', facts.numberSymbol.normalize('NFC'), facts);
}

function draftDocument(facts: Facts): ReferenceLegalDocument {
  const id = draftLegalDocumentId(facts.kind, facts.title);
  if (!id) throw new Error(`Reference draft ${facts.title}: its title has no words besides its kind`);
  return withFacts(id, 'draft', null, facts);
}

/** The notes of a seeded fact not yet checked against the official text (user-facing, so in Vietnamese). */
const TO_VERIFY = 'Tên văn bản viết theo mô tả: cần đối chiếu văn bản chính thức.';

// Number, issue date (header "Hà Nội, ngày 05 tháng 4 năm 2016") and entry into force (Art. 60.1) checked
// in ../shared/data/laws/luat-bao-chi.txt; last day from legal-basis.md (replaced on 2026-07-01).
const pressLaw2016 = legalDocument({
  kind: 'luat',
  numberSymbol: '103/2016/QH13',
  title: 'Luật Báo chí',
  aliases: ['Luật Báo chí 2016', 'Luật Báo chí năm 2016'],
  issuer: 'Quốc hội',
  issuedOn: '2016-04-05',
  effectiveFrom: '2017-01-01',
  effectiveTo: '2026-06-30',
});

// legal-basis.md: the new Press Law, in force from 2026-07-01; its issue date is not known to the team.
const pressLaw2025 = legalDocument({
  kind: 'luat',
  numberSymbol: '126/2025/QH15',
  title: 'Luật Báo chí',
  aliases: ['Luật Báo chí 2025', 'Luật Báo chí năm 2025', 'Luật Báo chí (sửa đổi)'],
  issuer: 'Quốc hội',
  effectiveFrom: '2026-07-01',
  notes: 'Ngày ban hành: cần đối chiếu văn bản chính thức.',
});

// The draft the 2025 Press Law was adopted from, as the press named it while it was discussed: it stands for the
// policy until the day before the law applies (2026-07-01, legal-basis.md). When it was made public and which
// ministry drafted it are not in the shared sources.
const pressLawDraft = draftDocument({
  kind: 'luat',
  title: 'Luật Báo chí (sửa đổi)',
  aliases: ['Dự thảo Luật Báo chí', 'Dự án Luật Báo chí', 'Dự án Luật Báo chí (sửa đổi)'],
  effectiveTo: '2026-06-30',
  notes:
    'Dự thảo được thông qua thành Luật Báo chí 126/2025/QH15. Cơ quan chủ trì soạn thảo và ngày công bố dự thảo: cần đối chiếu văn bản chính thức.',
});

// legal-basis.md. Not in ../shared/data/laws (no text there cites "104/2016" or "TIẾP CẬN THÔNG TIN"),
// so its dates stay empty.
const accessToInformationLaw = legalDocument({
  kind: 'luat',
  numberSymbol: '104/2016/QH13',
  title: 'Luật Tiếp cận thông tin',
  issuer: 'Quốc hội',
  notes:
    'Số và tên chưa tìm thấy trong kho văn bản luật: ngày ban hành và ngày có hiệu lực cần đối chiếu văn bản chính thức. ' +
    'Được sửa đổi ngày 24/04/2026, có hiệu lực từ 01/09/2026 (số hiệu luật sửa đổi và nội dung cần đối chiếu văn bản chính thức).',
});

// legal-basis.md: in force from 2025-04-01, amended on 2025-06-25.
const promulgationLaw = legalDocument({
  kind: 'luat',
  numberSymbol: '64/2025/QH15',
  title: 'Luật Ban hành văn bản quy phạm pháp luật',
  issuer: 'Quốc hội',
  effectiveFrom: '2025-04-01',
  notes:
    'Được sửa đổi ngày 25/06/2025 (nội dung cần đối chiếu văn bản chính thức). Ngày ban hành: cần đối chiếu văn bản chính thức.',
});

// legal-basis.md: in force from 2026-01-01.
const personalDataLaw = legalDocument({
  kind: 'luat',
  numberSymbol: '91/2025/QH15',
  title: 'Luật Bảo vệ dữ liệu cá nhân',
  issuer: 'Quốc hội',
  effectiveFrom: '2026-01-01',
  notes: 'Ngày ban hành: cần đối chiếu văn bản chính thức.',
});

// legal-basis.md: replaced by Decree 356/2025 from 2026-01-01.
const personalDataDecree2023 = legalDocument({
  kind: 'nghi-dinh',
  numberSymbol: '13/2023/NĐ-CP',
  title: 'Nghị định về bảo vệ dữ liệu cá nhân',
  issuer: 'Chính phủ',
  effectiveTo: '2025-12-31',
  notes: 'Tên văn bản, ngày ban hành và ngày có hiệu lực: cần đối chiếu văn bản chính thức.',
});

// legal-basis.md: implements the Personal Data Protection Law, from 2026-01-01.
const personalDataDecree2025 = legalDocument({
  kind: 'nghi-dinh',
  numberSymbol: '356/2025/NĐ-CP',
  title: 'Nghị định quy định chi tiết Luật Bảo vệ dữ liệu cá nhân',
  issuer: 'Chính phủ',
  effectiveFrom: '2026-01-01',
  notes: TO_VERIFY,
});

// Title and issue date as Directive 07/CT-TTg cites it ("Nghị định số 09/2017/NĐ-CP ngày 09 tháng 02 năm
// 2017 của Chính phủ quy định chi tiết việc phát ngôn …", ../shared/seeds/000, item 1a); last day from
// legal-basis.md (replaced by Decree 244/2026 on 2026-07-01).
const spokespersonDecree2017 = legalDocument({
  kind: 'nghi-dinh',
  numberSymbol: '09/2017/NĐ-CP',
  title: 'Nghị định quy định chi tiết việc phát ngôn và cung cấp thông tin cho báo chí của các cơ quan hành chính nhà nước',
  issuer: 'Chính phủ',
  issuedOn: '2017-02-09',
  effectiveTo: '2026-06-30',
});

// legal-basis.md: implements the 2025 Press Law, from 2026-07-01.
const spokespersonDecree2026 = legalDocument({
  kind: 'nghi-dinh',
  numberSymbol: '244/2026/NĐ-CP',
  title: 'Nghị định về phát ngôn và cung cấp thông tin cho báo chí',
  issuer: 'Chính phủ',
  effectiveFrom: '2026-07-01',
  notes: TO_VERIFY,
});

// Issue date in legal-basis.md; title as Directive 07/CT-TTg cites it (../shared/seeds/000, items 1a and 4a,
// read past the OCR errors: "phê duyệt Đề án “Tổ chức truyền thông chính sách có tác động lớn …”").
const draftPolicyCommunicationDecision = legalDocument({
  kind: 'quyet-dinh',
  numberSymbol: '407/QĐ-TTg',
  title:
    'Quyết định phê duyệt Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật giai đoạn 2022 - 2027”',
  issuer: 'Thủ tướng Chính phủ',
  issuedOn: '2022-03-30',
  notes:
    'Truyền thông dự thảo chính sách có tác động lớn đến xã hội, từ khi đề xuất đến khi thông qua. ' +
    'Tên văn bản đọc từ bản quét OCR của Chỉ thị 07/CT-TTg: cần đối chiếu văn bản chính thức.',
});

// ../shared/seeds/000 (OCR of the signed directive): "Số: 07/CT-TTg", "Hà Nội, ngày 21 tháng 3 năm 2023",
// subject "Về việc tăng cường công tác truyền thông chính sách".
const policyCommunicationDirective = legalDocument({
  kind: 'chi-thi',
  numberSymbol: '07/CT-TTg',
  title: 'Chỉ thị về việc tăng cường công tác truyền thông chính sách',
  aliases: ['Chỉ thị về tăng cường công tác truyền thông chính sách'],
  issuer: 'Thủ tướng Chính phủ',
  issuedOn: '2023-03-21',
});

// ../shared/seeds/002: "Số: 837/BTTTT-CBC", "V/v xây dựng đội ngũ truyền thông chính sách chuyên trách,
// chuyên nghiệp", "Hà Nội, ngày 09 tháng 3 năm 2022".
const commsTeamLetter = legalDocument({
  kind: 'cong-van',
  numberSymbol: '837/BTTTT-CBC',
  title: 'Công văn về việc xây dựng đội ngũ truyền thông chính sách chuyên trách, chuyên nghiệp',
  issuer: 'Bộ Thông tin và Truyền thông',
  issuedOn: '2022-03-09',
});

// legal-basis.md: the administrative document format exported letters and reports follow. Not in
// ../shared/data, so its issue date stays empty.
const clericalWorkDecree = legalDocument({
  kind: 'nghi-dinh',
  numberSymbol: '30/2020/NĐ-CP',
  title: 'Nghị định về công tác văn thư',
  issuer: 'Chính phủ',
  notes: 'Ngày ban hành và ngày có hiệu lực: cần đối chiếu văn bản chính thức.',
});

export const referenceLegalDocuments: readonly ReferenceLegalDocument[] = [
  pressLaw2016,
  pressLaw2025,
  pressLawDraft,
  accessToInformationLaw,
  promulgationLaw,
  personalDataLaw,
  personalDataDecree2023,
  personalDataDecree2025,
  spokespersonDecree2017,
  spokespersonDecree2026,
  draftPolicyCommunicationDecision,
  policyCommunicationDirective,
  commsTeamLetter,
  clericalWorkDecree,
];

/**
 * Replacements, each effective on the successor's first day in force (legal-basis.md); a draft is followed by the
 * document adopted from it.
 */
export const referenceLegalDocumentLinks: readonly ReferenceLegalDocumentLink[] = [
  { predecessorId: pressLaw2016.id, successorId: pressLaw2025.id, effectiveOn: '2026-07-01' },
  { predecessorId: pressLawDraft.id, successorId: pressLaw2025.id, effectiveOn: '2026-07-01' },
  { predecessorId: personalDataDecree2023.id, successorId: personalDataDecree2025.id, effectiveOn: '2026-01-01' },
  { predecessorId: spokespersonDecree2017.id, successorId: spokespersonDecree2026.id, effectiveOn: '2026-07-01' },
];
