import { foldForMatching } from './fold';
import { extractAssignments, scanSubject, agenciesFromMentions, type AssignmentContext } from './assignments';
import { mentionAt, type Mention, type MentionContext } from './mentions';
import { readHeader, readSigner, splitRecipientItems, UNKNOWN_TYPE } from './metadata';
import { splitClauses } from './structure';
import type { Clause, OrganizationRef, ParseOfficialDocumentOptions, ParsedOfficialDocument, Recipient } from './types';

const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;
const COMMON_SYLLABLES = new Set(
  'va cac cua trong duoc nhung cho voi thuc hien nam ngay so bo quan co the la khong theo ve tai de da tinh nha nuoc chinh phu cong tac viec nay thong tin'.split(
    ' ',
  ),
);

/** Share of word tokens that cannot be Vietnamese syllables once folded ("bg", "thude", "B6"): OCR damage. */
function measureText(text: string): { invalidShare: number; commonShare: number; markedShare: number; tokens: number } {
  const tokens = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  let counted = 0;
  let invalid = 0;
  let common = 0;
  let marked = 0;
  for (const token of tokens) {
    if (/^\d+$/.test(token)) continue;
    if (token.length >= 2 && token === token.toUpperCase() && !/\d/.test(token)) continue;
    counted += 1;
    const folded = foldForMatching(token);
    if (!SYLLABLE.test(folded)) invalid += 1;
    if (COMMON_SYLLABLES.has(folded)) common += 1;
    if (folded !== token.toLowerCase()) marked += 1;
  }
  return {
    invalidShare: counted ? invalid / counted : 0,
    commonShare: counted ? common / counted : 0,
    markedShare: counted ? marked / counted : 0,
    tokens: counted,
  };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function emptyResult(rawText: string, repairedText: string, warnings: string[]): ParsedOfficialDocument {
  return {
    type: UNKNOWN_TYPE,
    number: null,
    issuer: null,
    issuedOn: null,
    place: null,
    subject: null,
    signer: null,
    recipients: [],
    distribution: [],
    clauses: [],
    assignments: [],
    repairedText,
    rawText,
    warnings,
  };
}

// Verbs of the opening request that hand the numbered duties to its addressees.
// "hướng dẫn … như sau" is guidance, not a request, and gives no duty.
const REQUEST = /(?:^|[^a-z])(de nghi|yeu cau|giao|chi dao|dong de nghi)(?=[\s:])/g;
const DUTY_LIST =
  /(?:nhiem vu|noi dung|viec|cong viec|yeu cau|giai phap)\s*(?:sau|sau day|nhu sau|cu the nhu sau)\s*:?\s*$|(?:nhu sau|sau day|cu the)\s*:\s*$|:\s*$/;

/**
 * Parses a Vietnamese administrative or legal document (layout of Decree 30/2020/NĐ-CP) into its
 * metadata, clause tree and assignments of duties to bodies. Pure: no I/O; the directory is passed in.
 * OCR text is repaired with `repairText` first and matched accent-insensitively and OCR-tolerantly.
 */
export function parseOfficialDocument({
  text,
  directory,
  repairText,
  referenceDate,
}: ParseOfficialDocumentOptions): ParsedOfficialDocument {
  // NFC and LF line endings: every offset (spans, evidence) refers to this form.
  const rawText = typeof text === 'string' ? text.normalize('NFC').replace(/\r\n?/g, '\n') : '';
  const warnings: string[] = [];
  if (rawText.trim().length === 0) return emptyResult(rawText, rawText, ['EMPTY_TEXT: the document has no text.']);

  let repairedText = rawText;
  if (repairText) {
    try {
      repairedText = repairText(rawText).normalize('NFC').replace(/\r\n?/g, '\n');
    } catch (error) {
      warnings.push(
        `REPAIR_FAILED: diacritics restoration failed (${error instanceof Error ? error.message : String(error)}); parsed the raw text.`,
      );
    }
  }
  const folded = foldForMatching(repairedText);
  const rawMeasure = measureText(rawText);
  const measure = measureText(repairedText);
  // Vietnamese has common function syllables and, unless stripped, diacritics; English has neither shape.
  const isForeign = rawMeasure.invalidShare > 0.3 && rawMeasure.markedShare < 0.05;
  if (Math.max(measure.commonShare, rawMeasure.commonShare) < 0.06 || measure.tokens < 5 || isForeign) {
    warnings.push('NOT_VIETNAMESE: the text does not read as Vietnamese; no duties extracted.');
  }
  const fuzzy = rawMeasure.invalidShare > 0.08;
  if (fuzzy)
    warnings.push(
      `OCR_TEXT: ${Math.round(rawMeasure.invalidShare * 100)}% of words are not Vietnamese syllables; names were matched OCR-tolerantly — review the result.`,
    );
  const mentionContext: MentionContext = { text: repairedText, folded, directory, fuzzy, accented: measure.markedShare > 0.15 };

  const header = readHeader(repairedText, folded);
  if (repairedText !== rawText) {
    // Numbers and symbols are not words: take them from the text before diacritics restoration.
    const rawHeader = readHeader(rawText, foldForMatching(rawText));
    if (rawHeader.number) header.number = rawHeader.number;
  }
  const refDate = referenceDate ?? today();
  const documentDate = header.issuedOn ?? refDate;
  if (!header.issuedOn) warnings.push('NO_DATE: no issuing date found; bodies resolved as of today.');
  if (!header.number) warnings.push('NO_NUMBER: no number and symbol found.');

  // Issuer: the longest directory body named in the top-left block.
  let issuer: ParsedOfficialDocument['issuer'] = null;
  if (header.issuerText) {
    const issuerFolded = foldForMatching(header.issuerText);
    const issuerContext: MentionContext = { text: header.issuerText, folded: issuerFolded, directory, fuzzy };
    let best: Mention | null = null;
    for (let i = 0; i < issuerFolded.length; i++) {
      if (i > 0 && /[a-z0-9]/.test(issuerFolded[i - 1]!)) continue;
      const mention = mentionAt(issuerContext, i);
      if (mention?.kind === 'organization' && (!best || mention.end - mention.start > best.end - best.start)) best = mention;
    }
    const organization = best?.organizationId ? directory.organizations().find((o) => o.id === best.organizationId) : undefined;
    issuer = organization ? { name: header.issuerText, id: organization.id } : { name: header.issuerText };
  }

  if (!issuer?.id && header.number) {
    // No issuer block (or none recognised): the symbol names the issuer ("837/BTTTT-CBC", "07/CT-TTg").
    const tokens = header.number
      .split(/[/-]/)
      .slice(1)
      .filter((t) => !/^\d+$/.test(t));
    const byAlias = (token: string) =>
      directory.organizations().find((o) => [o.shortName ?? '', ...(o.aliases ?? [])].some((alias) => alias === token));
    for (const token of tokens) {
      const organization = byAlias(token);
      if (organization) {
        issuer = { name: issuer?.name ?? organization.name, id: organization.id };
        break;
      }
    }
  }

  const signer = readSigner(repairedText, folded);
  const stops: number[] = [];
  for (const m of folded.matchAll(/(?:^|\n)[ \t|]*(?:noi nhan\s*:|tran trong)/g))
    stops.push(m.index + (m[0].startsWith('\n') ? 1 : 0));
  if (signer) stops.push(signer.start);
  // Closing formula of directives and decisions, outside any numbered clause.
  const softStops: number[] = [];
  for (const m of folded.matchAll(
    /\n\s*\n([^\n]*(?:\n[^\n]+)*?(?:thuc hien|thi hanh|trien khai)[^.]{0,40}(?:chi thi|quyet dinh|cong van|ke hoach|thong tu|nghi dinh|nghi quyet|van ban) nay)/g,
  )) {
    softStops.push(m.index + m[0].length - m[1]!.length);
  }

  const clauses = splitClauses(repairedText, folded, header.headerEnd, repairedText.length, stops, softStops);
  if (clauses.length === 0) warnings.push('NO_CLAUSES: no numbered clauses found.');

  const assignmentContext: AssignmentContext = {
    ...mentionContext,
    documentDate,
    referenceDate: refDate,
    issuedOn: header.issuedOn,
    issuerId: issuer?.id ?? null,
    raw: fuzzy && repairedText !== rawText ? rawAlignment(rawText, repairedText, directory) : undefined,
  };

  const recipients: Recipient[] = header.recipientBlock
    ? recipientsFrom(assignmentContext, header.recipientBlock.text, header.recipientBlock.span[0])
    : [];
  const distribution = distributionFrom(assignmentContext, signer?.start ?? repairedText.length);

  const address = warnings.some((w) => w.startsWith('NOT_VIETNAMESE'))
    ? null
    : findAddress(assignmentContext, clauses, header.headerEnd, recipients);
  const isForeignText = warnings.some((w) => w.startsWith('NOT_VIETNAMESE'));
  const assignments = isForeignText ? [] : extractAssignments(assignmentContext, clauses, address);
  if (!isForeignText && clauses.length === 0) {
    // A letter without numbered duties: its paragraphs and dash items carry the requests.
    const paragraphs = splitParagraphs(
      repairedText,
      header.headerEnd,
      Math.min(repairedText.length, ...stops.filter((x) => x > header.headerEnd)),
    );
    const requests = extractAssignments({ ...assignmentContext, requestsOnly: true }, paragraphs, null).filter((a) =>
      a.agencies.some((agency) => agency.id === null || agency.id !== assignmentContext.issuerId),
    );
    const recipientMentions = requestRecipients(assignmentContext, recipients);
    assignments.push(...requests);
    if (recipientMentions.length > 0) {
      assignments.push(
        ...extractAssignments({ ...assignmentContext, requestsOnly: true, politeAddress: recipientMentions }, paragraphs, null),
      );
    }
    if (assignments.length > 0) clauses.push(...paragraphs);
  }
  if (assignments.length === 0) warnings.push('NO_ASSIGNMENTS: no duty assigned to a body was found.');

  return {
    type: header.type,
    number: header.number,
    issuer,
    issuedOn: header.issuedOn,
    place: header.place,
    subject: header.subject,
    signer: signer ? { name: signer.name, capacity: signer.capacity } : null,
    recipients,
    distribution,
    clauses,
    assignments,
    repairedText,
    rawText,
    warnings,
  };
}

/** Maps offsets of the repaired text to the raw text line by line (repair keeps lines). */
function rawAlignment(
  rawText: string,
  repairedText: string,
  directory: ParseOfficialDocumentOptions['directory'],
): AssignmentContext['raw'] {
  const lineStarts = (text: string) => [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const rawLines = lineStarts(rawText);
  const repairedLines = lineStarts(repairedText);
  if (rawLines.length !== repairedLines.length) return undefined;
  return {
    context: { text: rawText, folded: foldForMatching(rawText), directory, fuzzy: true },
    mapOffset: (offset) => {
      let line = 0;
      while (line + 1 < repairedLines.length && repairedLines[line + 1]! <= offset) line++;
      const column = offset - repairedLines[line]!;
      const rawLineEnd = line + 1 < rawLines.length ? rawLines[line + 1]! - 1 : rawText.length;
      return Math.min(rawLines[line]! + column, rawLineEnd);
    },
  };
}

/**
 * Paragraphs of an unnumbered body as pseudo-clauses ("¶3"), dash items under the paragraph before them
 * ("¶3.1"): "Giám đốc Sở … có trách nhiệm:" followed by "- Phối hợp …" lines.
 */
function splitParagraphs(text: string, start: number, end: number): Clause[] {
  const clauses: Clause[] = [];
  let paragraph = 0;
  let item = 0;
  let parentRef: string | null = null;
  for (const m of text.slice(start, end).matchAll(/[^\n]+/g)) {
    const line = m[0];
    const lineStart = start + m.index;
    const trimmed = line.replace(/^[\s|]+/, '');
    if (trimmed.replace(/[|\s-]/g, '').length < 3) continue;
    const isItem = /^[-–+•]\s*/.test(trimmed);
    const bodyOffset = lineStart + (line.length - trimmed.length) + (isItem ? (/^[-–+•]\s*/.exec(trimmed)?.[0].length ?? 0) : 0);
    const body = text.slice(bodyOffset, lineStart + line.length).replace(/[\s|]+$/, '');
    if (isItem && parentRef) {
      item += 1;
      clauses.push({
        ref: `${parentRef}.${item}`,
        level: 'point',
        text: body,
        span: [lineStart, bodyOffset + body.length],
        parentRef,
      });
    } else {
      paragraph += 1;
      item = 0;
      parentRef = `¶${paragraph}`;
      clauses.push({
        ref: parentRef,
        level: 'clause',
        text: body,
        span: [bodyOffset, bodyOffset + body.length],
        parentRef: null,
      });
    }
  }
  return clauses;
}

/** "đề nghị Quý Bộ", "đề nghị các đơn vị": the request goes to the "Kính gửi" addressees. */
function requestRecipients(context: AssignmentContext, recipients: Recipient[]): Mention[] {
  const found: Mention[] = [];
  for (const recipient of recipients) {
    const at = context.text.indexOf(recipient.text);
    if (at >= 0) found.push(...mentionsIn(context, at, at + recipient.text.length));
  }
  return found;
}

function mentionsIn(context: AssignmentContext, start: number, end: number): Mention[] {
  const found: Mention[] = [];
  let i = start;
  while (i < end) {
    if (i === start || !/[a-z0-9]/.test(context.folded[i - 1]!)) {
      const scan = scanSubject(context, i, end);
      if (scan.mentions.length > 0) {
        found.push(...scan.mentions);
        i = scan.end;
        continue;
      }
    }
    i++;
  }
  return found;
}

function toRefs(context: AssignmentContext, mentions: Mention[]): OrganizationRef[] {
  return agenciesFromMentions(context, mentions).map((a) => ({ id: a.id, name: a.name }));
}

function recipientsFrom(context: AssignmentContext, block: string, offset: number): Recipient[] {
  return splitRecipientItems(block, offset).map((item) => ({
    text: item.text,
    organizations: toRefs(context, mentionsIn(context, item.span[0], item.span[1])),
  }));
}

function distributionFrom(context: AssignmentContext, limit: number): Recipient[] {
  const at = context.folded.lastIndexOf('noi nhan');
  if (at < 0) return [];
  const colon = context.folded.indexOf(':', at);
  if (colon < 0 || colon - at > 12) return [];
  const start = colon + 1;
  const candidates = [
    context.folded.indexOf('\n\n', start),
    context.folded.indexOf('| ', start + 3),
    limit > start ? limit : -1,
  ].filter((x) => x > start);
  const end = Math.min(context.text.length, ...candidates);
  const block = context.text.slice(start, end);
  return splitRecipientItems(block, start)
    .filter((item) => !/^(?:như trên|lưu|nhu tren|luu)/iu.test(item.text))
    .map((item) => ({ text: item.text, organizations: toRefs(context, mentionsIn(context, item.span[0], item.span[1])) }));
}

/**
 * The document-wide addressees of the numbered duties: the opening request ("… đề nghị các Bộ, … thực
 * hiện tốt các nhiệm vụ sau:", "Các bộ, … thực hiện tốt các nhiệm vụ sau:"), or "Kính gửi" when the
 * request names no one ("đề nghị Quý cơ quan thực hiện như sau:").
 */
function findAddress(
  context: AssignmentContext,
  clauses: Clause[],
  headerEnd: number,
  recipients: Recipient[],
): { mentions: Mention[]; rawText: string; scope: Set<string> } | null {
  const top = clauses.filter((c) => c.parentRef === null && (c.level === 'clause' || c.level === 'section'));
  const first = top[0];
  if (!first) return null;
  // Only a list of numbered duties right after the opening (not articles of a decision) takes the address.
  if (clauses.some((c) => c.level === 'article' && c.span[0] < first.span[0])) return null;
  const openingEnd = first.span[0];
  const opening = context.folded.slice(headerEnd, openingEnd);
  const trimmed = opening.replace(/\s+$/, '');
  if (!trimmed.endsWith(':')) return null;
  const sentenceStart =
    Math.max(
      trimmed.lastIndexOf('. ', trimmed.length - 2),
      trimmed.lastIndexOf('\n', trimmed.length - 2),
      trimmed.lastIndexOf(';', trimmed.length - 2),
    ) + 1;
  const sentence = trimmed.slice(sentenceStart);
  const absoluteStart = headerEnd + sentenceStart;
  const absoluteEnd = headerEnd + trimmed.length;
  if (!DUTY_LIST.test(sentence)) return null;
  const scope = new Set(top.filter((c) => c.level === first.level).map((c) => c.ref));

  let requestEnd = -1;
  for (const m of sentence.matchAll(REQUEST)) requestEnd = m.index + m[0].length;
  let mentions: Mention[] = [];
  if (requestEnd >= 0) {
    mentions = mentionsIn(context, absoluteStart + requestEnd - 1, absoluteEnd);
  } else {
    const scan = scanSubject(context, absoluteStart, absoluteEnd);
    if (scan.isSubject) mentions = scan.mentions;
  }
  mentions = mentions.filter((m) => !(m.kind === 'organization' && m.organizationId === context.issuerId));
  if (mentions.length > 0) {
    return { mentions, rawText: context.text.slice(mentions[0]!.start, mentions[mentions.length - 1]!.end), scope };
  }
  if (requestEnd >= 0 && recipients.length > 0) {
    const recipientMentions: Mention[] = [];
    for (const recipient of recipients) {
      const at = context.text.indexOf(recipient.text);
      if (at >= 0) recipientMentions.push(...mentionsIn(context, at, at + recipient.text.length));
    }
    if (recipientMentions.length > 0)
      return { mentions: recipientMentions, rawText: recipients.map((r) => r.text).join('; '), scope };
  }
  return null;
}
