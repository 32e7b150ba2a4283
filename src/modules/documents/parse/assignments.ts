import { findDeadlines, findRecurrence, nextMonthlyDay } from './deadlines';
import { fieldMentionAt, mentionAt, type Mention, type MentionContext } from './mentions';
import type { AssignedAgency, Assignment, Clause, DirectoryOrganization, OrganizationDirectory, Span } from './types';

/** Words before the bodies that a duty is given to ("Giao Sở Tài chính …", "Đề nghị các bộ …"). */
const LEAD_WORDS = /^(?:giao cho|giao(?!\s+duc\b)|de nghi|yeu cau|trach nhiem cua|nhiem vu cua|doi voi|dong chi|cac dong chi)\s+/;
/** Titles of heads of bodies; the duty is the body's ("Giám đốc Sở Tài chính" → Sở Tài chính). */
const TITLE_WORDS =
  /^(?:(?:cac\s+)?(?:pho\s+)?(?:bo truong|thu truong|chu tich|giam doc|tong giam doc|cuc truong|tong cuc truong|vu truong|truong ban|chanh thanh tra|chanh))\s*[,:]?\s*(?:(?:cac\s+)?so\s*:\s*)?/;
const DUTY_VERBS =
  /\b(?:chiu trach nhiem|co trach nhiem|chu tri|phoi hop|thuc hien|to chuc|huong dan|chi dao|trien khai|xay dung|bao cao|theo doi|kiem tra|bo tri|tham muu|ra soat|don doc|tong hop|cung cap|nghien cuu|bao dam|dam bao)\b/;
const SEPARATORS = /^(?:\s*(?:,|;|\bva\b|&|\/|\s-\s|–)\s*)+/;

export interface SubjectScan {
  mentions: Mention[];
  end: number;
  /** The bodies stand alone on their line or before a colon: they head the sub-clauses. */
  isHeading: boolean;
  /** The scan recognised a verb right after the bodies ("Bộ Tư pháp chủ trì …"). */
  isSubject: boolean;
  /** Offsets are in the text before repair. */
  fromRaw?: boolean;
  /** "Giao Sở Xây dựng …": the clause hands the duty on to a subordinate body. */
  isDelegated?: boolean;
}

function skipSpace(folded: string, at: number, limit: number): number {
  let i = at;
  while (i < limit && /[\s"'“”‘’`*|]/.test(folded[i]!)) i++;
  return i;
}

/** Reads the bodies named at the start of `[start, limit)`, e.g. "3. Bộ Thông tin và Truyền thông:". */
export function scanSubject(context: MentionContext, start: number, limit: number): SubjectScan {
  const { folded } = context;
  const mentions: Mention[] = [];
  let pos = skipSpace(folded, start, limit);
  let sharedHead: string | null = null;
  let isDelegated = false;
  for (let guard = 0; guard < 40 && pos < limit; guard++) {
    const rest = folded.slice(pos, Math.min(limit, pos + 60));
    // "Các Bộ trưởng" stands for the ministries themselves.
    const ministers = /^cac bo truong\b/.test(rest) ? mentionAt(context, pos) : null;
    if (ministers && ministers.kind === 'group') {
      mentions.push(ministers);
      pos = ministers.end;
      const separator = SEPARATORS.exec(folded.slice(pos, Math.min(limit, pos + 12)));
      if (!separator) break;
      pos = skipSpace(folded, pos + separator[0].length, limit);
      continue;
    }
    const lead = LEAD_WORDS.exec(rest) ?? TITLE_WORDS.exec(rest);
    if (lead && lead[0].length > 0) {
      if (/so\s*:\s*$/.test(lead[0])) sharedHead = 'Sở';
      if (mentions.length === 0 && /^giao\b/.test(lead[0])) isDelegated = true;
      pos = skipSpace(folded, pos + lead[0].length, limit);
      continue;
    }
    const afterTitle = /(?:truong|tich|doc|chanh)\s*$/.test(folded.slice(Math.max(0, pos - 12), pos));
    // Inside "Giám đốc các Sở: A, B, C" the items are fields of the shared head.
    const mention = (sharedHead ? fieldMentionAt(context, pos, sharedHead) : null) ?? mentionAt(context, pos, afterTitle);
    if (!mention || mention.end > limit) break;
    mentions.push(mention);
    pos = mention.end;
    // "(sau đây gọi là Ủy ban nhân dân cấp xã)" after a name.
    const aside = /^\s*\([^()\n]{0,200}\)/.exec(folded.slice(pos, Math.min(limit, pos + 210)));
    if (aside) pos += aside[0].length;
    const separator = SEPARATORS.exec(folded.slice(pos, Math.min(limit, pos + 12)));
    if (separator) pos = skipSpace(folded, pos + separator[0].length, limit);
    else break;
    if (/[;]/.test(separator[0])) sharedHead = null;
  }
  if (mentions.length === 0) return { mentions, end: start, isHeading: false, isSubject: false, isDelegated };
  const last = mentions[mentions.length - 1]!;
  const trailingAside = /^\s*\([^()\n]{0,200}\)/.exec(folded.slice(last.end, last.end + 210));
  const lastEnd = last.end + (trailingAside ? trailingAside[0].length : 0);
  const after = folded.slice(lastEnd, Math.min(limit, lastEnd + 80));
  // OCR may leave a few stray characters after the heading ("4 Bộ Tư pháp }E").
  const isHeading =
    /^[\s)(,.;]*(?::|\n|$)/.test(after) ||
    /^[ \t]*\S{0,3}[^\s\w]\S{0,2}[ \t]*(?:\n|$)/.test(after) ||
    /^[^a-z0-9\n]{0,4}(?:\n|$)/.test(after);
  // "Bộ Tư pháp chủ trì …", "Sở Tài chính: …": anything but a genitive or a relative clause continues a duty.
  const sentence = folded.slice(lastEnd, Math.min(limit, lastEnd + 400)).split(/[.\n]/)[0] ?? '';
  const isSubject =
    !isHeading &&
    (/^(?:\s|,|\.{3}|…)*(?!cua\b|ve\b|tai\b|thi\b|theo\b|nam\b|ngay\b|so\b|da ban hanh\b|ban hanh\b(?!.*(?:huong dan|quy dinh)))[a-z]/.test(
      after,
    ) ||
      // "Chánh Văn phòng …; Giám đốc …; … chịu trách nhiệm thi hành": the list ran past what was recognised.
      (/^\s*[;,]/.test(after) && DUTY_VERBS.test(sentence))) &&
    // "X là cơ quan …" describes X, unless X is being designated ("Giao Sở Xây dựng là cơ quan thường trực").
    (isDelegated || !/^[\s,]*la\b/.test(after));
  return { mentions, end: last.end, isHeading, isSubject, isDelegated };
}

export interface AssignmentContext extends MentionContext {
  directory: OrganizationDirectory;
  /** Date the bodies are resolved on (the document's date). */
  documentDate: string;
  /** Today, for current successors. */
  referenceDate: string;
  issuedOn: string | null;
  issuerId: string | null;
  /**
   * The text before repair, with a map from repaired offsets to raw ones (same lines): diacritics
   * restoration of OCR can turn a near-miss into a miss ("Ngi vu" → "Ngũ vị"), so names are tried on both.
   */
  raw?: { context: MentionContext; mapOffset: (offset: number) => number };
  /**
   * Unnumbered paragraphs: only requests count ("Bộ Xây dựng đề nghị Bộ Tài chính bố trí vốn …", "Sở … có
   * trách nhiệm:"), and with `politeAddress`, requests to "Quý Bộ" / "các đơn vị" go to the addressees.
   */
  requestsOnly?: boolean;
  politeAddress?: Mention[];
}

const REQUEST_VERB = /(?:^|[^a-z])(?:de nghi|yeu cau|giao|kinh de nghi|tran trong de nghi)\s+/g;

/** Bodies a paragraph asks to act: after "đề nghị"/"yêu cầu"/"giao", or the subject of "… có trách nhiệm:". */
function requestedBodies(context: AssignmentContext, clause: Clause): SubjectScan | null {
  const start = clause.span[1] - clause.text.length;
  const region = context.folded.slice(start, clause.span[1]);
  for (const m of region.matchAll(REQUEST_VERB)) {
    // "Ngày 16/8/2018 Bộ … đã có Công văn … đề nghị …" recounts an earlier request.
    const sentenceStart = Math.max(region.lastIndexOf('. ', m.index), region.lastIndexOf(';', m.index)) + 1;
    if (/\bda (?:co|gui|ban hanh|de nghi)\b|^\s*(?:ngay|tai|theo)\b/.test(region.slice(sentenceStart, m.index + 1))) continue;
    const at = start + m.index + m[0].length;
    const rest = context.folded.slice(at, at + 40);
    if (context.politeAddress) {
      if (/^(?:quy\s+[a-z]+|cac don vi|cac co quan|cac dia phuong|ong|ba)\b/.test(rest)) {
        return { mentions: context.politeAddress, end: at, isHeading: false, isSubject: true };
      }
      continue;
    }
    const scan = scanSubject(context, at, Math.min(clause.span[1], at + 300));
    if (scan.mentions.length > 0 && (scan.isSubject || scan.isHeading)) return scan;
  }
  if (context.politeAddress) return null;
  const scan = scanSubject(context, start, Math.min(clause.span[1], start + 300));
  if (
    scan.mentions.length > 0 &&
    /^[^.]*(?:co trach nhiem|chiu trach nhiem|thuc hien nhu sau|cac nhiem vu sau)[^.]*:\s*$/.test(region)
  )
    return { ...scan, isHeading: true };
  return null;
}

function agencyFromOrganization(context: AssignmentContext, organization: DirectoryOrganization): AssignedAgency {
  const inForceToday =
    (!organization.validFrom || organization.validFrom <= context.referenceDate) &&
    (!organization.validTo || organization.validTo >= context.referenceDate);
  const successors = inForceToday
    ? []
    : context.directory.successors(organization.id, context.referenceDate).map((s) => ({ id: s.id, name: s.name }));
  return { id: organization.id, name: organization.name, successors };
}

/** Turns mentions into agencies: groups expand to their members in force on the document's date. */
export function agenciesFromMentions(context: AssignmentContext, mentions: Mention[]): AssignedAgency[] {
  const byKey = new Map<string, AssignedAgency>();
  const all = context.directory.organizations();
  for (const mention of mentions) {
    if (mention.kind === 'organization' && mention.organizationId) {
      const organization = all.find((o) => o.id === mention.organizationId);
      if (organization) byKey.set(organization.id, agencyFromOrganization(context, organization));
    } else if (mention.kind === 'group') {
      const members =
        context.directory.resolveGroup(mention.groupPhrase ?? mention.text, context.documentDate) ??
        context.directory.inForce(context.documentDate, mention.groupKinds);
      // The issuer does not address itself ("Bộ TT&TT đề nghị các Bộ …").
      for (const member of members)
        if (member.id !== context.issuerId) byKey.set(member.id, agencyFromOrganization(context, member));
    } else if (isOwnCommittee(context, mention)) {
      const issuer = all.find((o) => o.id === context.issuerId)!;
      byKey.set(issuer.id, agencyFromOrganization(context, issuer));
    } else {
      const name = mention.text.replace(/^(?:các|cac)\s+/iu, '').replace(/[\s,;:.]+$/, '');
      byKey.set(`local:${name.toLowerCase()}`, { id: null, name, successors: [] });
    }
  }
  return [...byKey.values()];
}

/** "Ủy ban nhân dân tỉnh/Thành phố" with no name, in a province's own document, is the issuer. */
function isOwnCommittee(context: AssignmentContext, mention: Mention): boolean {
  if (!context.issuerId) return false;
  const issuer = context.directory.organizations().find((o) => o.id === context.issuerId);
  if (issuer?.kind !== 'province') return false;
  const folded = context.folded.slice(mention.start, mention.end).replace(/\s+/g, ' ').trim();
  return /^(?:uy ban nhan dan|ubnd)(?: (?:tinh|thanh pho|tp))?$/.test(folded);
}

interface ClauseBodies {
  mentions: Mention[];
  source: Assignment['source'];
  rawText: string;
}

/**
 * Assigns bodies to duties (leaf clauses): bodies named at the start of the clause; else those heading an
 * enclosing clause ("3. Bộ Thông tin và Truyền thông:" over a)…đ)); else "Giao <body> …" inside it; else the
 * document-wide addressees of the opening request or "Kính gửi".
 */
export function extractAssignments(
  context: AssignmentContext,
  clauses: Clause[],
  address: { mentions: Mention[]; rawText: string; scope: Set<string> } | null,
): Assignment[] {
  const byRef = new Map(clauses.map((c) => [c.ref, c]));
  const hasChildren = new Set(clauses.map((c) => c.parentRef).filter((r): r is string => r !== null));
  const own = new Map<string, SubjectScan>();
  for (const clause of clauses) {
    if (context.requestsOnly) {
      own.set(
        clause.ref,
        clause.level === 'point'
          ? { mentions: [], end: 0, isHeading: false, isSubject: false }
          : (requestedBodies(context, clause) ?? { mentions: [], end: 0, isHeading: false, isSubject: false }),
      );
      continue;
    }
    const bodyStart = clause.span[1] - clause.text.length;
    const firstLineEnd = Math.min(clause.span[1], bodyStart + 400);
    let scan = scanSubject(context, bodyStart, firstLineEnd);
    if (scan.mentions.length === 0) scan = leadPhraseScan(context, bodyStart, firstLineEnd) ?? scan;
    if (scan.mentions.length === 0) {
      // A title line, then the duty: "Điều 5. Trách nhiệm thi hành\nCác Bộ trưởng … chịu trách nhiệm …",
      // "2.2. Bước 2: Kiểm tra hiện trạng …\n\nBan Chỉ đạo … tổ chức kiểm tra …".
      const nl = context.text.indexOf('\n', bodyStart);
      if (nl > 0 && nl < clause.span[1] && nl - bodyStart < 160) {
        const next = scanSubject(context, nl + 1, Math.min(clause.span[1], nl + 400));
        if (next.isSubject || (next.isHeading && (clause.level === 'article' || clause.level === 'section'))) scan = next;
        else if (next.mentions.length === 0)
          scan = leadPhraseScan(context, skipSpaceFrom(context.folded, nl + 1), Math.min(clause.span[1], nl + 400)) ?? scan;
      }
    }
    if (!(scan.isHeading || scan.isSubject) && context.raw) {
      const rawStart = context.raw.mapOffset(bodyStart);
      const rawScan = scanSubject(context.raw.context, rawStart, Math.min(context.raw.context.text.length, rawStart + 400));
      if (rawScan.isHeading || rawScan.isSubject) scan = { ...rawScan, fromRaw: true };
    }
    own.set(clause.ref, scan);
  }

  const assignments: Assignment[] = [];
  for (const clause of clauses) {
    if (hasChildren.has(clause.ref)) continue;
    let bodies: ClauseBodies | null = null;
    const scan = own.get(clause.ref)!;
    if (scan.mentions.length > 0 && (scan.isHeading || scan.isSubject)) {
      bodies = { mentions: scan.mentions, source: 'clause', rawText: scannedText(context, scan) };
      if (scan.isDelegated) {
        // The body heading the clause keeps the duty it hands on ("2. … Ủy ban nhân dân các tỉnh: d) Giao Sở …").
        for (let parentRef = clause.parentRef; parentRef; parentRef = byRef.get(parentRef)?.parentRef ?? null) {
          const parentScan = own.get(parentRef);
          if (parentScan && parentScan.mentions.length > 0 && (parentScan.isHeading || parentScan.isSubject)) {
            bodies = { ...bodies, mentions: [...parentScan.mentions, ...bodies.mentions] };
            break;
          }
        }
      }
    }
    for (let parentRef = clause.parentRef; !bodies && parentRef; parentRef = byRef.get(parentRef)?.parentRef ?? null) {
      const parentScan = own.get(parentRef);
      if (parentScan && parentScan.mentions.length > 0 && (parentScan.isHeading || parentScan.isSubject)) {
        bodies = { mentions: parentScan.mentions, source: 'heading', rawText: scannedText(context, parentScan) };
      }
    }
    if (!bodies && !context.requestsOnly) {
      const given = findGiven(context, clause);
      if (given.length > 0) bodies = { mentions: given, source: 'clause', rawText: given.map((m) => m.text).join(', ') };
    }
    if (!bodies && address && address.scope.has(topRef(clause, byRef))) {
      bodies = { mentions: address.mentions, source: 'address', rawText: address.rawText };
    }
    if (!bodies) continue;
    const agencies = agenciesFromMentions(context, bodies.mentions);
    if (agencies.length === 0) continue;
    assignments.push(...buildAssignments(context, clause, bodies, agencies));
  }
  return assignments;
}

function skipSpaceFrom(folded: string, at: number): number {
  let i = at;
  while (i < folded.length && /\s/.test(folded[i]!)) i++;
  return i;
}

/** "Trong năm 2013, Ủy ban nhân dân các tỉnh … phải …", "Trên cơ sở đề nghị của …, Sở Xây dựng chủ trì …". */
function leadPhraseScan(context: AssignmentContext, start: number, limit: number): SubjectScan | null {
  const head = context.folded.slice(start, limit);
  if (!/^(?:trong|truoc|sau|sau khi|can cu|theo|tu|khi|doi voi|ngoai|tren co so)\b/.test(head)) return null;
  for (const comma of head.slice(0, 300).matchAll(/,\s*/g)) {
    if (/[.;:\n]/.test(head.slice(0, comma.index))) break;
    const shifted = scanSubject(context, start + comma.index + comma[0].length, limit);
    if (shifted.isSubject) return shifted;
  }
  return null;
}

function scannedText(context: AssignmentContext, scan: SubjectScan): string {
  const text = scan.fromRaw && context.raw ? context.raw.context.text : context.text;
  if (context.politeAddress && scan.mentions === context.politeAddress) return scan.mentions.map((m) => m.text).join('; ');
  return text.slice(scan.mentions[0]!.start, scan.end);
}

function topRef(clause: Clause, byRef: Map<string, Clause>): string {
  let current = clause;
  while (current.parentRef) {
    const parent = byRef.get(current.parentRef);
    if (!parent) break;
    current = parent;
  }
  return current.ref;
}

/** "(Giao Công an tỉnh chủ trì …)" inside a clause; "đã giao cho …" is history, not a duty. */
function findGiven(context: AssignmentContext, clause: Clause): Mention[] {
  const start = clause.span[1] - clause.text.length;
  const region = context.folded.slice(start, clause.span[1]);
  const re = /(?:^|[^a-z])giao(?:\s+cho)?\s+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(region)) !== null) {
    const before = region.slice(Math.max(0, m.index - 8), m.index + 1);
    if (/(?:da|duoc|se|dang|chua|nhan)\s*.?$/.test(before)) continue;
    const at = start + m.index + m[0].length;
    const scan = scanSubject(context, at, Math.min(clause.span[1], at + 300));
    if (scan.mentions.length > 0 && scan.isSubject) return scan.mentions;
  }
  return [];
}

function buildAssignments(
  context: AssignmentContext,
  clause: Clause,
  bodies: ClauseBodies,
  agencies: AssignedAgency[],
): Assignment[] {
  const textStart = clause.span[1] - clause.text.length;
  const task = clause.text.replace(/\s+/g, ' ').trim();
  const deadlines = findDeadlines(clause.text, context.issuedOn);
  const recurrence = findRecurrence(clause.text);
  const base = {
    clause: clause.ref,
    agencies,
    rawAgencyText: bodies.rawText.replace(/\s+/g, ' ').trim(),
    source: bodies.source,
    recurrence: recurrence?.recurrence ?? null,
  };
  const distinct = [...new Map(deadlines.map((d) => [d.dueOn, d])).values()];
  if (distinct.length <= 1) {
    let dueOn = distinct[0]?.dueOn ?? null;
    if (!dueOn && recurrence?.dayOfMonth && context.issuedOn) dueOn = nextMonthlyDay(context.issuedOn, recurrence.dayOfMonth);
    return [{ ...base, task, dueOn, evidence: { text: clause.text, span: [textStart, clause.span[1]] as Span } }];
  }
  // Several deadlines: one duty per sentence part that carries one ("… trước ngày 28/2/2023; … trước ngày 10/11/2023").
  return distinct.map((deadline, i) => {
    const previousEnd = i === 0 ? 0 : distinct[i - 1]!.span[1];
    const segmentStart = Math.max(
      previousEnd,
      clause.text.lastIndexOf(';', deadline.span[0]) + 1,
      clause.text.lastIndexOf('. ', deadline.span[0]) + 1,
    );
    const segmentEndCandidates = [clause.text.indexOf(';', deadline.span[1]), clause.text.indexOf('. ', deadline.span[1])].filter(
      (x) => x >= 0,
    );
    const segmentEnd = segmentEndCandidates.length > 0 ? Math.min(...segmentEndCandidates) : clause.text.length;
    const segment = clause.text.slice(segmentStart, segmentEnd);
    return {
      ...base,
      task: segment.replace(/\s+/g, ' ').trim(),
      dueOn: deadline.dueOn,
      evidence: { text: segment, span: [textStart + segmentStart, textStart + segmentEnd] as Span },
    };
  });
}
