import { allowedErrors, foldForMatching, matchAnchored } from './fold';
import type { DirectoryOrganization, OrganizationDirectory } from './types';

/** A body or group of bodies named at some offset of the text. */
export interface Mention {
  start: number;
  end: number;
  /** Text as written (repaired). */
  text: string;
  kind: 'organization' | 'group' | 'local';
  organizationId?: string;
  /** Organization kinds a group stands for. */
  groupKinds?: readonly string[];
  /** Canonical group phrase, passed to the directory's group resolver. */
  groupPhrase?: string;
  cost: number;
}

/**
 * Address formulas for groups of bodies, as written in the "Kính gửi" and opening lines of central
 * documents (Decree 30/2020/NĐ-CP, Appendix I; the standard formula of Government directives).
 * Ordered longest first; each stands for directory kinds.
 */
const GROUP_PHRASES: { phrase: string; kinds: readonly string[] }[] = [
  { phrase: 'cac bo, co quan ngang bo, co quan thuoc chinh phu', kinds: ['ministry', 'ministerial-agency', 'government-agency'] },
  { phrase: 'uy ban nhan dan cac tinh, thanh pho truc thuoc trung uong', kinds: ['province'] },
  { phrase: 'uy ban nhan dan tinh, thanh pho truc thuoc trung uong', kinds: ['province'] },
  { phrase: 'ubnd cac tinh, thanh pho truc thuoc trung uong', kinds: ['province'] },
  { phrase: 'ubnd cac tinh, thanh pho truc thuoc tw', kinds: ['province'] },
  { phrase: 'ubnd cac tinh, tp truc thuoc tw', kinds: ['province'] },
  { phrase: 'uy ban nhan dan cac tinh, thanh pho', kinds: ['province'] },
  { phrase: 'ubnd cac tinh, thanh pho', kinds: ['province'] },
  { phrase: 'cac tinh, thanh pho truc thuoc trung uong', kinds: ['province'] },
  { phrase: 'cac co quan thong tan, bao chi', kinds: ['press-agency'] },
  { phrase: 'cac co quan bao chi', kinds: ['press-agency'] },
  { phrase: 'cac co quan truyen thong, bao chi', kinds: ['press-agency'] },
  { phrase: 'co quan ngang bo', kinds: ['ministerial-agency'] },
  { phrase: 'co quan thuoc chinh phu', kinds: ['government-agency'] },
  { phrase: 'cac bo truong', kinds: ['ministry'] },
  { phrase: 'cac dia phuong', kinds: ['province'] },
  { phrase: 'uy ban nhan dan cap tinh', kinds: ['province'] },
  { phrase: 'ubnd cap tinh', kinds: ['province'] },
  { phrase: 'cac bo, nganh', kinds: ['ministry', 'ministerial-agency', 'government-agency'] },
  { phrase: 'cac bo', kinds: ['ministry'] },
];

/** Heads of body names (provincial departments, offices, …) that a national directory need not hold. */
const LOCAL_HEADS = [
  'uy ban nhan dan',
  'ubnd',
  'uy ban mat tran to quoc',
  'uy ban',
  'mat tran to quoc',
  'thanh doan',
  'hoi lien hiep',
  'hoi dong nhan dan',
  'hdnd',
  'so',
  'cong an',
  'van phong',
  'kho bac nha nuoc',
  'kho bac',
  'tong cuc',
  'chi cuc',
  'cuc',
  'vu',
  'ban quan ly',
  'ban chi dao',
  'ban',
  'bao hiem xa hoi',
  'trung tam',
  'thanh tra',
  'ngan hang',
  'tong cong ty',
  'cong ty',
  'bo chi huy quan su',
  'bo chi huy',
  'bo tu lenh',
  'bo',
  'vien kiem sat',
  'vien',
  'toa an',
  'dai',
  'bao',
  'hoi',
  'lien doan',
  'doan',
  'phong',
  'truong',
  'benh vien',
  'quy',
];

const ACCENTED_HEADS: Record<string, string> = {
  bo: 'bộ',
  bao: 'báo',
  ban: 'ban',
  so: 'sở',
  vu: 'vụ',
  cuc: 'cục',
  hoi: 'hội',
  doan: 'đoàn',
  dai: 'đài',
  quy: 'quỹ',
  truong: 'trường',
  phong: 'phòng',
  vien: 'viện',
};

/** Words that end a body name written with lower-case continuation ("Sở Tài chính phối hợp…"). */
const NAME_STOP_WORDS = new Set(
  (
    'phoi chu co chiu thuc tham xay huong chi to lap trinh kiem theo de gui bao can khan tiep cung tong ra don giai quan ' +
    'nghien bo trien danh nang tang day rà hoan thong sua dam ap duoc se la voi tai trong cho ve neu khi thi nay do ' +
    'tu nhu sau gom ket kip xu phat bai phu quy lanh thanh ho dieu khac theo dinh tru can cap dang xet xem duyet phan xac toi vao chuyen quyet'
  ).split(' '),
);
const LOCALITY_WORDS = new Set(['tinh', 'huyen', 'xa', 'phuong', 'tran', 'pho', 'tp']);

/** First words of titles and heads: "… và Chủ tịch Ủy ban …" starts another body, not a longer name. */
const TITLE_STARTS = new Set(['uy', 'chu', 'giam', 'chanh', 'thu', 'pho', 'tong', 'cuc', 'vu', 'truong', 'ubnd', 'so', 'bo']);
const NAME_CONTINUATION = new Set([
  'tinh',
  'thanh',
  'pho',
  'huyen',
  'quan',
  'xa',
  'thi',
  'phuong',
  'tran',
  'cac',
  'cap',
  'nhan',
  'dan',
  'trung',
  'uong',
  'tw',
  'tp',
]);

interface NamePattern {
  folded: string;
  organization: DirectoryOrganization;
  /** "VTV", "BTTTT", "TTg": matched only as written, never fuzzily. */
  isAbbreviation: boolean;
  isAlias: boolean;
  original: string;
}

function sameInitials(a: string, b: string): boolean {
  const initials = (x: string) =>
    x
      .split(/\s+/)
      .map((w) => (w[0] && w[0] !== w[0].toLowerCase() ? 'U' : 'l'))
      .join('');
  return initials(a) === initials(b);
}

interface DirectoryIndex {
  patterns: NamePattern[];
  /** Patterns by their first folded word, for cheap candidate lookup. */
  byFirstWord: Map<string, NamePattern[]>;
  /** Field names of ministries ("tai chinh" from "Bộ Tài chính"), to delimit "Sở Tài chính". */
  fieldNames: string[];
}

const indexCache = new WeakMap<OrganizationDirectory, DirectoryIndex>();

function firstWord(folded: string): string {
  return folded.split(/[\s,]+/)[0] ?? '';
}

function buildIndex(directory: OrganizationDirectory): DirectoryIndex {
  const cached = indexCache.get(directory);
  if (cached) return cached;
  const patterns: NamePattern[] = [];
  const fieldNames = new Set<string>();
  // A body's name starts with a head word ("Bộ", "Ủy ban", "Đài" …); an alias that does not ("Xây dựng")
  // is a field name that reads as an ordinary phrase at the start of a clause, so it is not matched.
  const headWords = new Set(directory.organizations().map((o) => firstWord(foldForMatching(o.name))));
  for (const organization of directory.organizations()) {
    const names = new Set<string>([organization.name, ...(organization.aliases ?? [])]);
    if (organization.shortName) names.add(organization.shortName);
    for (const name of names) {
      const trimmed = name.normalize('NFC').trim();
      const folded = foldForMatching(trimmed).replace(/\s+/g, ' ');
      if (folded.length < 3) continue;
      const isAbbreviation = !trimmed.includes(' ') && trimmed !== trimmed.toLowerCase() && trimmed.length <= 10;
      // An alias must start like a body name, and like its own body's name ("Bộ TT&TT", "Thủ tướng");
      // "Thông tin và Truyền thông" alone is a field ("Giám đốc Sở: …, Thông tin và Truyền thông").
      const ownFirstWord = firstWord(foldForMatching(organization.name));
      if (
        name !== organization.name &&
        !isAbbreviation &&
        (!headWords.has(firstWord(folded)) || firstWord(folded) !== ownFirstWord)
      )
        continue;
      patterns.push({
        folded,
        organization,
        isAbbreviation,
        isAlias: name !== organization.name && !isAbbreviation,
        original: trimmed,
      });
    }
    if (organization.kind === 'ministry') {
      const folded = foldForMatching(organization.name).replace(/\s+/g, ' ');
      if (folded.startsWith('bo ')) fieldNames.add(folded.slice(3));
    }
  }
  patterns.sort((a, b) => b.folded.length - a.folded.length);
  const byFirstWord = new Map<string, NamePattern[]>();
  for (const pattern of patterns) {
    const key = firstWord(pattern.folded);
    const list = byFirstWord.get(key) ?? [];
    list.push(pattern);
    byFirstWord.set(key, list);
  }
  const index = { patterns, byFirstWord, fieldNames: [...fieldNames].sort((a, b) => b.length - a.length) };
  indexCache.set(directory, index);
  return index;
}

export interface MentionContext {
  text: string;
  folded: string;
  directory: OrganizationDirectory;
  /** Allow OCR-tolerant matching (garbled input). */
  fuzzy: boolean;
  /** The text carries diacritics, so tones can tell "Bộ" from "bổ"; false for unaccented text. */
  accented?: boolean;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z0-9]/.test(ch);
}

/** The best body or group named exactly at `start` (folded offsets), or null. */
export function mentionAt(context: MentionContext, start: number, afterTitle = false): Mention | null {
  const { folded, text, fuzzy } = context;
  if (isWordChar(folded[start - 1])) return null;
  const index = buildIndex(context.directory);
  let best: Mention | null = null;
  const consider = (candidate: Mention) => {
    const score = (m: Mention) => m.end - m.start - m.cost * 6;
    if (!best || score(candidate) > score(best)) best = candidate;
  };

  for (const group of GROUP_PHRASES) {
    const maxCost = fuzzy ? allowedErrors(group.phrase.length) : 0;
    const match = matchAnchored(folded, start, group.phrase, maxCost);
    if (match) {
      consider({
        start,
        end: start + match.length,
        text: text.slice(start, start + match.length),
        kind: 'group',
        groupKinds: group.kinds,
        groupPhrase: group.phrase,
        cost: match.cost,
      });
    }
  }

  const word = /^[a-z0-9]+/.exec(folded.slice(start, start + 40))?.[0] ?? '';
  const candidates = fuzzy ? index.patterns : (index.byFirstWord.get(word) ?? []);
  for (const pattern of candidates) {
    if (pattern.isAbbreviation) {
      const original = text.slice(start, start + pattern.folded.length);
      if (
        original !== (pattern.organization.aliases ?? []).concat(pattern.organization.shortName ?? []).find((a) => a === original)
      )
        continue;
      if (isWordChar(folded[start + pattern.folded.length])) continue;
      consider({
        start,
        end: start + pattern.folded.length,
        text: original,
        kind: 'organization',
        organizationId: pattern.organization.id,
        cost: 0,
      });
      continue;
    }
    if (pattern.isAlias) {
      // Aliases match exactly and with their capitals ("Thanh Niên" the newspaper, not "thanh niên" youth).
      if (
        folded.slice(start, start + pattern.folded.length) !== pattern.folded ||
        isWordChar(folded[start + pattern.folded.length])
      )
        continue;
      if (!sameInitials(text.slice(start, start + pattern.folded.length), pattern.original)) continue;
      consider({
        start,
        end: start + pattern.folded.length,
        text: text.slice(start, start + pattern.folded.length),
        kind: 'organization',
        organizationId: pattern.organization.id,
        cost: 0,
      });
      continue;
    }
    if (fuzzy && pattern.folded[0] !== folded[start] && pattern.folded.length < 12) continue;
    const maxCost = fuzzy ? allowedErrors(pattern.folded.length) : 0;
    const match = matchAnchored(folded, start, pattern.folded, maxCost);
    if (!match) continue;
    if (match.cost === 0 && isWordChar(folded[start + match.length])) continue;
    consider({
      start,
      end: start + match.length,
      text: text.slice(start, start + match.length),
      kind: 'organization',
      organizationId: pattern.organization.id,
      cost: match.cost,
    });
  }
  if (best) return best;
  return localMentionAt(context, start, index, afterTitle);
}

function localMentionAt(context: MentionContext, start: number, index: DirectoryIndex, afterTitle: boolean): Mention | null {
  const { folded, text } = context;
  let cursor = start;
  if (folded.startsWith('cac ', cursor)) cursor += 4;
  const head = LOCAL_HEADS.find((h) => folded.startsWith(h, cursor) && !isWordChar(folded[cursor + h.length]));
  if (!head) return null;
  // One-syllable heads must carry their own tones: "Bộ" not "Bổ sung", "Báo" not "Bảo quản", "Đài" not "Đại diện".
  const accented = ACCENTED_HEADS[head];
  if (
    accented &&
    context.accented !== false &&
    !context.fuzzy &&
    text.slice(cursor, cursor + head.length).toLowerCase() !== accented
  )
    return null;
  if (/^truong hop\b/.test(folded.slice(cursor))) return null;
  // A body name is capitalised ("Sở Tài chính"); lower-case "ban" or "bộ" are ordinary words.
  const headChar = text[cursor]!;
  const isPlural = cursor !== start;
  // After a title ("Giám đốc kho bạc …") a lower-case head still names the body.
  if (headChar !== headChar.toUpperCase() && !isPlural && !afterTitle) return null;
  let end = cursor + head.length;
  // "Sở Tài chính", "Sở Văn hóa, Thể thao và Du lịch": reuse ministries' field names.
  if (head === 'so' || head === 'bo') {
    const field = index.fieldNames.find(
      (name) => folded.startsWith(' ' + name, end) && !isWordChar(folded[end + 1 + name.length]),
    );
    if (field) {
      end += 1 + field.length;
      end = extendLocality(folded, end);
      return localMention(context, start, end);
    }
  }
  if (isPlural && /^(so|ban|nganh)\b/.test(head)) {
    // "các sở, ban, ngành (trực thuộc UBND tỉnh)"
    const list = /^(?:so|ban|nganh|doan the|dia phuong)(?:\s*,\s*(?:so|ban|nganh|doan the|dia phuong|don vi))*/.exec(
      folded.slice(cursor),
    );
    if (list) {
      end = cursor + list[0].length;
      const tail = /^\s+(?:truc thuoc|thuoc)\s+(?:uy ban nhan dan|ubnd)\s+(?:tinh|thanh pho)/.exec(folded.slice(end));
      if (tail) end += tail[0].length;
      return localMention(context, start, end);
    }
  }
  // Generic: capitalised words, each followed by at most three lower-case syllables, joined by "-" or "và".
  const tokenRe = /[ \t]*(-|–|va\b|[a-z0-9]+)/y;
  let lowerRun = 0;
  let sawName = false;
  let afterLocality = false;
  for (;;) {
    tokenRe.lastIndex = end;
    const token = tokenRe.exec(folded);
    if (!token) break;
    const tokenStart = token.index + token[0].length - token[1]!.length;
    const raw = text.slice(tokenStart, tokenStart + token[1]!.length);
    const value = token[1]!;
    if (value === '-' || value === '–' || value === 'va') {
      // Only continue when a capitalised, non-head word follows ("… Thương binh và Xã hội").
      const after = /[ \t]*([a-z0-9]+)/y;
      after.lastIndex = tokenRe.lastIndex;
      const next = after.exec(folded);
      if (!next) break;
      const nextStart = next.index + next[0].length - next[1]!.length;
      const nextRaw = text[nextStart]!;
      if (nextRaw === nextRaw.toLowerCase() || LOCAL_HEADS.includes(next[1]!) || TITLE_STARTS.has(next[1]!)) break;
      end = tokenRe.lastIndex;
      lowerRun = 0;
      continue;
    }
    const isCapital = raw[0] !== raw[0]!.toLowerCase() || /^\d/.test(raw);
    if (isCapital) {
      if (LOCAL_HEADS.includes(value) && sawName) break;
      sawName = true;
      lowerRun = 0;
      afterLocality = false;
      end = tokenRe.lastIndex;
      continue;
    }
    if (NAME_CONTINUATION.has(value)) {
      end = tokenRe.lastIndex;
      // "quân" (military) and "thị" read as "quận", "thị xã": only unambiguous locality words close the name.
      if (LOCALITY_WORDS.has(value)) afterLocality = true;
      continue;
    }
    // After "… cấp huyện", "… tỉnh" only a proper name (capitalised) can follow.
    if (afterLocality) break;
    // "Bộ Tư lệnh quân khu", "Ban Chỉ huy quân sự": a few lower-case words may follow the head itself.
    if (lowerRun >= (sawName ? 3 : 2) || NAME_STOP_WORDS.has(value)) break;
    lowerRun += 1;
    end = tokenRe.lastIndex;
  }
  // A one-word head ("Sở", "Ban", "Cục") needs a name; "Bộ Tư lệnh quân khu", "Công an" stand alone.
  if (!sawName && !head.includes(' ') && !/(tinh|thanh pho|huyen|quan|xa|phuong|thi tran)$/.test(folded.slice(start, end)))
    return null;
  if (/(tinh|thanh pho|huyen|quan|xa|phuong|thi tran)$/.test(folded.slice(start, end))) {
    // "Ủy ban nhân dân phường, xã, thị trấn": a list of localities belongs to the name.
    const more = /^(?:\s*,\s*(?:phuong|xa|thi tran|thi xa|quan|huyen|thanh pho|tinh)(?![a-z]))+/.exec(folded.slice(end));
    if (more) end += more[0].length;
  }
  return localMention(context, start, end);
}

function extendLocality(folded: string, end: number): number {
  const locality = /^\s+(?:cac\s+)?(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa)(?:\s*,\s*(?:thanh pho|huyen|quan|thi xa))*/.exec(
    folded.slice(end),
  );
  return locality ? end + locality[0].length : end;
}

function localMention(context: MentionContext, start: number, end: number): Mention {
  return { start, end, text: context.text.slice(start, end).trim(), kind: 'local', cost: 0 };
}

/**
 * Folded canonical key of a body the directory does not hold, for comparison with annotations
 * ("Sở Lao động - Thương binh và Xã hội các tỉnh, thành phố" → "local:so lao dong thuong binh va xa hoi").
 */
export function localKey(name: string): string {
  const key = foldForMatching(name.normalize('NFC'))
    .replace(/\bubnd\b/g, 'uy ban nhan dan')
    .replace(/\bhdnd\b/g, 'hoi dong nhan dan')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bcac\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ (?:cac )?(?:tinh|thanh pho)(?: thanh pho)?(?: truc thuoc (?:trung uong|tw))?$/, '');
  return 'local:' + key;
}

/**
 * One field of a shared head ("Giám đốc các Sở: Lao động Thương binh và Xã hội, Tài chính, Y tế"): the
 * ministries' field names delimit it, else the next comma or semicolon does.
 */
export function fieldMentionAt(context: MentionContext, start: number, head: string): Mention | null {
  const { folded, text } = context;
  const index = buildIndex(context.directory);
  const field = index.fieldNames.find((name) => folded.startsWith(name, start) && !isWordChar(folded[start + name.length]));
  let end = field ? start + field.length : start;
  if (!field) {
    const stop = /[,;:.\n(]|\s(?:chiu|co trach|thuc hien)\s/.exec(folded.slice(start, start + 80));
    end = start + (stop ? stop.index : 0);
  }
  const written = text.slice(start, end).trim();
  if (!written || written[0] === written[0]!.toLowerCase()) return null;
  return { start, end, text: `${head} ${written}`, kind: 'local', cost: 0 };
}
