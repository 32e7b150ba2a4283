/**
 * Pure resolution over dated reference organizations: which bodies were in force on a date, which body a
 * name (with or without diacritics) denotes, which members a group phrase of an official document covers,
 * and where a body that ceased passed its work. No database: the parser and the seed both use it.
 */
import type { ReferenceOrganization, ReferenceOrganizationKind } from './reference-data';

/** YYYY-MM-DD. Dates compare as strings; validity bounds are inclusive. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertIsoDate(date: string): void {
  if (!ISO_DATE.test(date)) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
}

/** Whether `organization` is in force on `date` (both bounds inclusive; null bounds are open). */
export function isInForce(organization: Pick<ReferenceOrganization, 'validFrom' | 'validTo'>, date: IsoDate): boolean {
  assertIsoDate(date);
  return (
    (organization.validFrom === null || organization.validFrom <= date) &&
    (organization.validTo === null || date <= organization.validTo)
  );
}

/** The organizations in force on `date`, optionally only of the given kinds, in input order. */
export function orgsInForce(
  orgs: readonly ReferenceOrganization[],
  date: IsoDate,
  kinds?: readonly ReferenceOrganizationKind[],
): ReferenceOrganization[] {
  return orgs.filter((organization) => isInForce(organization, date) && (!kinds || kinds.includes(organization.kind)));
}

/** The official name on `date`: a province that became a centrally-run city changes "Tỉnh X" to "Thành phố X". */
export function organizationNameOn(organization: ReferenceOrganization, date: IsoDate): string {
  const period = organization.cityStatus?.find((candidate) =>
    isInForce({ validFrom: candidate.from, validTo: candidate.to }, date),
  );
  return period?.name ?? organization.name;
}

// ——— Matching keys: accent-folded, lower-cased tokens with abbreviations expanded ———

interface Token {
  /** Folded, lower-cased text. */
  key: string;
  /** Original text span [start, end). */
  start: number;
  end: number;
}

/** Folds one NFC character to lower-case ASCII (Vietnamese letters; other letters lose their marks). */
function foldChar(ch: string): string {
  if (ch === 'đ' || ch === 'Đ') return 'd';
  return ch
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Expansions applied to whole tokens: documents abbreviate the head words of body names. */
const TOKEN_EXPANSIONS: Record<string, string[]> = {
  ubnd: ['uy', 'ban', 'nhan', 'dan'],
  hdnd: ['hoi', 'dong', 'nhan', 'dan'],
  tp: ['thanh', 'pho'],
};

/** Splits text into folded word tokens with their original spans; punctuation separates tokens. */
function tokenize(text: string): Token[] {
  const nfc = text.normalize('NFC');
  const tokens: Token[] = [];
  let current = '';
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const expansion = TOKEN_EXPANSIONS[current];
    if (expansion) for (const key of expansion) tokens.push({ key, start, end });
    else tokens.push({ key: current, start, end });
    current = '';
    start = -1;
  };
  for (let index = 0; index < nfc.length; index++) {
    const folded = foldChar(nfc[index]!);
    if (/^[a-z0-9]+$/.test(folded)) {
      if (start < 0) start = index;
      current += folded;
    } else {
      flush(index);
    }
  }
  flush(nfc.length);
  return tokens;
}

/**
 * The accent- and case-insensitive matching key of a name: "UBND tỉnh Hà Giang" → "uy ban nhan dan tinh ha giang".
 * Exported so that other matchers (the directory search, the parser) fold names the same way.
 */
export function organizationMatchKey(text: string): string {
  return tokenize(text)
    .map((token) => token.key)
    .join(' ');
}

function namesOf(organization: ReferenceOrganization): string[] {
  return [organization.name, organization.shortName, organization.englishName, ...organization.aliases].filter(
    (name): name is string => Boolean(name),
  );
}

// ——— Lookup by name ———

export interface OrganizationNameMatch {
  organization: ReferenceOrganization;
  /** The name or alias that matched. */
  matchedName: string;
  /** 1 exact name/alias, 0.7 the query starts the name, 0.5 the query's words occur inside the name. */
  score: number;
  /** In force on the requested date (true when no date was given). */
  isInForce: boolean;
}

/**
 * Finds the organizations a name denotes, accent- and case-insensitively, through names and aliases
 * ("bo y te" and "BYT" find Bộ Y tế; "UBND tỉnh Hà Giang" finds tỉnh Hà Giang). Best first: score, then
 * bodies in force on `date`. Bodies not in force are still returned (flagged), because older documents
 * name bodies that have ceased; use `currentSuccessors` to hand their work on.
 */
export function findOrganizationsByName(
  orgs: readonly ReferenceOrganization[],
  text: string,
  date?: IsoDate,
): OrganizationNameMatch[] {
  const query = organizationMatchKey(text);
  if (query.length < 2) return [];
  const matches: OrganizationNameMatch[] = [];
  for (const organization of orgs) {
    let best: { name: string; score: number } | null = null;
    for (const name of namesOf(organization)) {
      const key = organizationMatchKey(name);
      const score = key === query ? 1 : key.startsWith(query) ? 0.7 : ` ${key} `.includes(` ${query}`) ? 0.5 : 0;
      if (score > 0 && (!best || score > best.score)) best = { name, score };
    }
    if (best) {
      matches.push({
        organization,
        matchedName: best.name,
        score: best.score,
        isInForce: date ? isInForce(organization, date) : true,
      });
    }
  }
  return matches.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.isInForce) - Number(a.isInForce) ||
      a.organization.name.localeCompare(b.organization.name, 'vi'),
  );
}

// ——— Mentions in running text ———

/** Head words that make a multi-word alias specific enough to look for in running text. */
const MENTION_HEADS = [
  'bo',
  'uy ban',
  'co quan',
  'cuc',
  'dai',
  'bao',
  'tap chi',
  'ngan hang',
  'thanh tra',
  'van phong',
  'thong tan xa',
  'vien',
  'ban',
  'bao hiem',
  'hoc vien',
  'tinh',
  'thanh pho',
  'chinh phu',
  'thu tuong',
];

export interface OrganizationMention {
  /** Span in the NFC-normalized input. */
  start: number;
  end: number;
  text: string;
  /** Bodies the words denote; those in force on the date when any are, otherwise all (a former body). */
  organizations: ReferenceOrganization[];
  isInForce: boolean;
}

interface MentionKey {
  tokens: string[];
  organizationIds: Set<string>;
  /** A single-token abbreviation: matched only with its exact case and not inside a document symbol. */
  exactForm?: string;
}

const mentionIndexCache = new WeakMap<readonly ReferenceOrganization[], Map<string, MentionKey[]>>();

function mentionIndex(orgs: readonly ReferenceOrganization[]): Map<string, MentionKey[]> {
  const cached = mentionIndexCache.get(orgs);
  if (cached) return cached;
  const byKey = new Map<string, MentionKey>();
  for (const organization of orgs) {
    for (const name of [organization.name, ...organization.aliases]) {
      const tokens = tokenize(name).map((token) => token.key);
      if (tokens.length === 0) continue;
      const key = tokens.join(' ');
      const isAbbreviation = tokens.length === 1 && !/\s/.test(name.trim());
      if (isAbbreviation) {
        // Short abbreviations ("CP", "TTg", "BCA") collide with symbols and ordinary words.
        if (name.length < 4 || !/[A-ZĐ]{2}/.test(name)) continue;
      } else if (!MENTION_HEADS.some((head) => key === head || key.startsWith(head + ' '))) {
        continue;
      }
      const mapKey = isAbbreviation ? `=${name}` : key;
      const entry = byKey.get(mapKey) ?? {
        tokens,
        organizationIds: new Set<string>(),
        exactForm: isAbbreviation ? name : undefined,
      };
      entry.organizationIds.add(organization.id);
      byKey.set(mapKey, entry);
    }
  }
  const index = new Map<string, MentionKey[]>();
  for (const entry of byKey.values()) {
    const first = entry.tokens[0]!;
    index.set(first, [...(index.get(first) ?? []), entry]);
  }
  for (const entries of index.values()) entries.sort((a, b) => b.tokens.length - a.tokens.length);
  mentionIndexCache.set(orgs, index);
  return index;
}

/**
 * Finds the bodies named in running text ("… giao Bộ Thông tin và Truyền thông chủ trì …"), longest match
 * first. Only full names, aliases with a head word ("Bộ TT&TT", "UBND tỉnh Hà Giang") and abbreviations of
 * four or more letters in their exact case ("BTTTT", "VPCP") count; abbreviations inside a document symbol
 * ("837/BTTTT-CBC") do not.
 */
export function findOrganizationMentions(
  orgs: readonly ReferenceOrganization[],
  text: string,
  date: IsoDate,
): OrganizationMention[] {
  assertIsoDate(date);
  const nfc = text.normalize('NFC');
  const tokens = tokenize(nfc);
  const index = mentionIndex(orgs);
  const byId = new Map(orgs.map((organization) => [organization.id, organization]));
  const mentions: OrganizationMention[] = [];
  let position = 0;
  while (position < tokens.length) {
    const token = tokens[position]!;
    const candidates = index.get(token.key) ?? [];
    let matched: { key: MentionKey; length: number } | null = null;
    for (const candidate of candidates) {
      const length = candidate.tokens.length;
      if (position + length > tokens.length) continue;
      if (!candidate.tokens.every((key, offset) => tokens[position + offset]!.key === key)) continue;
      if (candidate.exactForm) {
        const raw = nfc.slice(token.start, token.end);
        const before = nfc[token.start - 1] ?? ' ';
        const after = nfc[token.end] ?? ' ';
        if (raw !== candidate.exactForm || /[/\-]/.test(before) || /[/\-]/.test(after)) continue;
      }
      matched = { key: candidate, length };
      break;
    }
    if (!matched) {
      position++;
      continue;
    }
    const last = tokens[position + matched.length - 1]!;
    const organizations = [...matched.key.organizationIds].map((id) => byId.get(id)!).filter(Boolean);
    const inForce = organizations.filter((organization) => isInForce(organization, date));
    mentions.push({
      start: token.start,
      end: last.end,
      text: nfc.slice(token.start, last.end),
      organizations: inForce.length > 0 ? inForce : organizations,
      isInForce: inForce.length > 0,
    });
    position += matched.length;
  }
  return mentions;
}

// ——— Group phrases ———

export type OrganizationGroup = 'ministries' | 'ministerial-agencies' | 'government-agencies' | 'provinces' | 'press-agencies';

/**
 * How official documents name groups of bodies, on matching keys (folded, punctuation removed, "UBND" and
 * "TP" expanded). Sources: the address lines of Chỉ thị 07/CT-TTg and Công văn 837/BTTTT-CBC (the seeds)
 * and the usual forms of "Kính gửi" in Government documents.
 */
const GROUP_PATTERNS: { pattern: RegExp; groups: OrganizationGroup[] }[] = [
  // "bộ, ngành" (ministries and sectors) covers the ministerial-level and government agencies as well.
  { pattern: /\bbo nganh\b/g, groups: ['ministries', 'ministerial-agencies', 'government-agencies'] },
  { pattern: /\b(?:cac|moi) bo(?= (?:co quan|nganh|truong|va|thu truong)\b|$)/g, groups: ['ministries'] },
  { pattern: /\bbo (?:truong )?(?:thu truong )?co quan ngang bo\b/g, groups: ['ministries', 'ministerial-agencies'] },
  { pattern: /\bco quan ngang bo\b/g, groups: ['ministerial-agencies'] },
  { pattern: /\bco quan thuoc chinh phu\b/g, groups: ['government-agencies'] },
  { pattern: /\b(?:uy ban nhan dan|chu tich uy ban nhan dan) cac tinh(?: thanh pho)?\b/g, groups: ['provinces'] },
  { pattern: /\bcac tinh(?: thanh pho)?(?: truc thuoc trung uong)?\b/g, groups: ['provinces'] },
  // Singular but generic: "Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương" means each of them.
  { pattern: /\btinh thanh pho truc thuoc trung uong\b/g, groups: ['provinces'] },
  { pattern: /\b(?:uy ban nhan dan|chu tich uy ban nhan dan) cap tinh\b/g, groups: ['provinces'] },
  { pattern: /\b(?:63|34) tinh thanh pho\b/g, groups: ['provinces'] },
  { pattern: /\b(?:cac|nganh) dia phuong\b/g, groups: ['provinces'] },
  { pattern: /\bco quan bao chi\b/g, groups: ['press-agencies'] },
];

const GROUP_KINDS: Record<OrganizationGroup, ReferenceOrganizationKind[]> = {
  ministries: ['ministry'],
  'ministerial-agencies': ['ministerial-agency'],
  'government-agencies': ['government-agency'],
  provinces: ['province'],
  'press-agencies': ['press-agency'],
};

export interface GroupResolution {
  /** The groups found, each with the span of the phrase that named it (in the NFC input). */
  groups: { group: OrganizationGroup; start: number; end: number; text: string }[];
  /** The union of the members in force on the date, in reference-data order, without duplicates. */
  organizations: ReferenceOrganization[];
}

/**
 * Expands a group phrase to the bodies in force on `date`: "các bộ, cơ quan ngang bộ" → ministries and
 * ministerial-level agencies; "cơ quan thuộc Chính phủ" → government agencies; "Ủy ban nhân dân các tỉnh,
 * thành phố trực thuộc trung ương", "UBND các tỉnh, TP", "các địa phương" → the provinces (63 before
 * 2025-07-01, 34 after); "các cơ quan báo chí" → press agencies plus VTV, VOV and TTXVN. Combined phrases
 * give the union.
 */
export function resolveGroupPhrase(orgs: readonly ReferenceOrganization[], phrase: string, date: IsoDate): GroupResolution {
  assertIsoDate(date);
  const nfc = phrase.normalize('NFC');
  const tokens = tokenize(nfc);
  // Character offset in the joined key string → token index, to map regex matches back to the text.
  let joined = '';
  const tokenAt: number[] = [];
  tokens.forEach((token, tokenIndex) => {
    if (tokenIndex > 0) {
      joined += ' ';
      tokenAt.push(tokenIndex);
    }
    joined += token.key;
    for (let i = 0; i < token.key.length; i++) tokenAt.push(tokenIndex);
  });

  const found: GroupResolution['groups'] = [];
  const groupSet = new Set<OrganizationGroup>();
  for (const { pattern, groups } of GROUP_PATTERNS) {
    for (const match of joined.matchAll(pattern)) {
      const first = tokens[tokenAt[match.index]!]!;
      const last = tokens[tokenAt[match.index + match[0].length - 1]!]!;
      for (const group of groups) {
        if (groupSet.has(group)) continue;
        groupSet.add(group);
        found.push({ group, start: first.start, end: last.end, text: nfc.slice(first.start, last.end) });
      }
    }
  }
  const kinds = new Set([...groupSet].flatMap((group) => GROUP_KINDS[group]));
  const organizations = orgsInForce(orgs, date).filter(
    (organization) => kinds.has(organization.kind) || (groupSet.has('press-agencies') && organization.isPress === true),
  );
  return { groups: found, organizations };
}

// ——— Successors ———

/**
 * The bodies in force on `date` that carry the work of `id`: the body itself while in force, otherwise its
 * successors, following chains through bodies that ceased too (tỉnh Thừa Thiên Huế → Thành phố Huế). Empty
 * when the body is unknown, did not exist yet on `date`, or has no successor in force.
 */
export function currentSuccessors(orgs: readonly ReferenceOrganization[], id: string, date: IsoDate): ReferenceOrganization[] {
  assertIsoDate(date);
  const byId = new Map(orgs.map((organization) => [organization.id, organization]));
  const start = byId.get(id);
  if (!start) return [];
  if (isInForce(start, date)) return [start];
  if (start.validFrom !== null && date < start.validFrom) return [];
  const result: ReferenceOrganization[] = [];
  const visited = new Set<string>([id]);
  const queue = [...start.successors];
  while (queue.length > 0) {
    const nextId = queue.shift()!;
    if (visited.has(nextId)) continue;
    visited.add(nextId);
    const next = byId.get(nextId);
    if (!next) continue;
    if (isInForce(next, date)) result.push(next);
    else if (next.validTo !== null && next.validTo < date) queue.push(...next.successors);
  }
  return result;
}
