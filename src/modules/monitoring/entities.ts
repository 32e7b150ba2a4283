import { dateInVietnam } from '../../platform/dates';
import { foldedTokens, type TokenStreams } from './text-features';

/**
 * A body of the directory or a document of the legal register the matcher looks for: its id, every name it goes
 * by, and the dates it existed or was in force (YYYY-MM-DD, either end open).
 */
export interface EntityEntry {
  id: string;
  kind: string;
  names: string[];
  validFrom?: string | null;
  validTo?: string | null;
}

/**
 * Finds directory organizations and provinces, and legal documents by name, in folded token streams, longest
 * match first. A name several entries go by (the Press Law of 2016 and of 2025, a department before and after a
 * merger) stands for the one in force on the Vietnamese date of `at`, the document's publication; without `at`,
 * for all of them.
 */
export interface EntityMatcher {
  find(tokens: readonly string[], at?: Date): string[];
  /** `find(title.folded.concat(body.folded), at)`, with the tokens' facts when the streams have them (no map lookups). */
  findInStreams(title: TokenStreams, body: TokenStreams, at?: Date): string[];
  size: number;
}

// Provincial-level units are named bare in news ("Đà Nẵng", "Hà Giang") far more than with their status word.
const PROVINCE_PREFIXES = ['tinh', 'thanh pho'];

/**
 * Builds an accent-insensitive matcher over names and aliases. Single-word names are skipped (they collide
 * with ordinary words); provinces also match without "tỉnh"/"thành phố". A name shared by dated entries is
 * resolved per document by `entryOn`.
 * @example buildEntityMatcher([{ id: 'da-nang', kind: 'province', names: ['Thành phố Đà Nẵng'] }]).find(['o', 'da', 'nang']) // ['da-nang']
 */
export function buildEntityMatcher(entries: readonly EntityEntry[]): EntityMatcher {
  const byFirst = new Map<string, Candidate[]>();
  const seen = new Map<string, Candidate>();
  const add = (tokens: string[], id: string) => {
    if (tokens.length < 2) return;
    const key = tokens.join(' ');
    let entry = seen.get(key);
    if (!entry) {
      entry = { tokens, ids: new Set() };
      seen.set(key, entry);
      const list = byFirst.get(tokens[0]!) ?? [];
      list.push(entry);
      byFirst.set(tokens[0]!, list);
    }
    entry.ids.add(id);
  };
  for (const entry of entries) {
    for (const name of entry.names) {
      const tokens = foldedTokens(name);
      add(tokens, entry.id);
      if (entry.kind === 'province') {
        for (const prefix of PROVINCE_PREFIXES) {
          const prefixTokens = prefix.split(' ');
          if (prefixTokens.every((token, index) => tokens[index] === token)) add(tokens.slice(prefixTokens.length), entry.id);
        }
      }
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  const periodOf = new Map(entries.map((entry) => [entry.id, { from: entry.validFrom ?? null, to: entry.validTo ?? null }]));
  for (const candidate of seen.values()) {
    const ids = [...candidate.ids];
    if (ids.length > 1 && ids.some((id) => periodOf.get(id)!.from !== null || periodOf.get(id)!.to !== null))
      candidate.dated = ids.map((id) => ({ id, ...periodOf.get(id)! }));
  }
  // Candidates by token id, a direct-mapped cache in front of `byFirst`: ids are never reused, so a slot holding
  // the id holds its token's candidates.
  const cachedIds = new Float64Array(ENTITY_CACHE_SIZE);
  const cachedCandidates = new Array<Candidate[] | undefined>(ENTITY_CACHE_SIZE);
  /** The longest candidate matching at `start` of the sequence `tokenAt` reads, or undefined. */
  const matchAt = (
    candidates: Candidate[],
    start: number,
    tokenAt: (index: number) => string | undefined,
  ): Candidate | undefined => {
    for (const candidate of candidates) {
      let isMatch = true;
      for (let k = 1; k < candidate.tokens.length; k++) {
        if (tokenAt(start + k) !== candidate.tokens[k]) {
          isMatch = false;
          break;
        }
      }
      if (isMatch) return candidate;
    }
    return undefined;
  };
  /** Adds what a matched name stands for; `on` is computed once per document, at the first shared dated name. */
  const addMatch = (candidate: Candidate, found: Set<string>, at: Date | undefined, on: { date?: string }) => {
    if (candidate.dated && at) found.add(entryOn(candidate.dated, (on.date ??= dateInVietnam(at))));
    else for (const id of candidate.ids) found.add(id);
  };
  return {
    size: seen.size,
    find(tokens, at) {
      const found = new Set<string>();
      const on = {};
      const tokenAt = (index: number) => tokens[index];
      for (let i = 0; i < tokens.length; i++) {
        const candidates = byFirst.get(tokens[i]!);
        const match = candidates && matchAt(candidates, i, tokenAt);
        if (!match) continue;
        addMatch(match, found, at, on);
        i += match.tokens.length - 1;
      }
      return [...found];
    },
    findInStreams(title, body, at) {
      const titleInfos = title.infos;
      const bodyInfos = body.infos;
      if (!titleInfos || !bodyInfos) return this.find(title.folded.concat(body.folded), at);
      const titleLength = titleInfos.length;
      const length = titleLength + bodyInfos.length;
      let found: Set<string> | undefined;
      let tokenAt: ((index: number) => string | undefined) | undefined;
      const on = {};
      for (let i = 0; i < length; i++) {
        const { id, folded } = i < titleLength ? titleInfos[i]! : bodyInfos[i - titleLength]!;
        const slot = id & (ENTITY_CACHE_SIZE - 1);
        if (cachedIds[slot] !== id) {
          cachedIds[slot] = id;
          cachedCandidates[slot] = byFirst.get(folded);
        }
        const candidates = cachedCandidates[slot];
        if (!candidates) continue;
        tokenAt ??= (index: number) => (index < titleLength ? titleInfos[index]?.folded : bodyInfos[index - titleLength]?.folded);
        const match = matchAt(candidates, i, tokenAt);
        if (!match) continue;
        addMatch(match, (found ??= new Set<string>()), at, on);
        i += match.tokens.length - 1;
      }
      return found ? [...found] : [];
    },
  };
}

type Period = { id: string; from: string | null; to: string | null };
/** A name's tokens and the entries that go by it; `dated` when several do and some are dated. */
type Candidate = { tokens: string[]; ids: Set<string>; dated?: Period[] };

/**
 * The entry a shared name stands for on a date: the one in force then (an undated one counts as always); failing
 * that, the one that ended last before it, else the one that begins first after it.
 */
export function entryOn(periods: readonly Period[], on: string): string {
  let endedLast: Period | undefined;
  let beginsFirst: Period | undefined;
  for (const period of periods) {
    const hasBegun = period.from === null || period.from <= on;
    const hasEnded = period.to !== null && period.to < on;
    if (hasBegun && !hasEnded) return period.id;
    if (hasEnded) {
      if (!endedLast || period.to! > endedLast.to!) endedLast = period;
    } else if (!beginsFirst || period.from! < beginsFirst.from!) beginsFirst = period;
  }
  return (endedLast ?? beginsFirst ?? periods[0]!).id;
}
const ENTITY_CACHE_SIZE = 1 << 16;
