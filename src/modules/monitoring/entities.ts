import { foldedTokens, type TokenStreams } from './text-features';

/** A directory body the matcher looks for: its id and every name it goes by. */
export interface EntityEntry {
  id: string;
  kind: string;
  names: string[];
}

/** Finds directory organizations and provinces in folded token streams, longest match first. */
export interface EntityMatcher {
  find(tokens: readonly string[]): string[];
  /** `find(title.folded.concat(body.folded))`, with the tokens' facts when the streams have them (no map lookups). */
  findInStreams(title: TokenStreams, body: TokenStreams): string[];
  size: number;
}

// Provincial-level units are named bare in news ("Đà Nẵng", "Hà Giang") far more than with their status word.
const PROVINCE_PREFIXES = ['tinh', 'thanh pho'];

/**
 * Builds an accent-insensitive matcher over names and aliases. Single-word names are skipped (they collide
 * with ordinary words); provinces also match without "tỉnh"/"thành phố".
 * @example buildEntityMatcher([{ id: 'da-nang', kind: 'province', names: ['Thành phố Đà Nẵng'] }]).find(['o', 'da', 'nang']) // ['da-nang']
 */
export function buildEntityMatcher(entries: readonly EntityEntry[]): EntityMatcher {
  const byFirst = new Map<string, { tokens: string[]; ids: Set<string> }[]>();
  const seen = new Map<string, { tokens: string[]; ids: Set<string> }>();
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
  // Candidates by token id, a direct-mapped cache in front of `byFirst`: ids are never reused, so a slot holding
  // the id holds its token's candidates.
  const cachedIds = new Float64Array(ENTITY_CACHE_SIZE);
  const cachedCandidates = new Array<Candidate[] | undefined>(ENTITY_CACHE_SIZE);
  /** The ids of the candidates matching at `start` of the sequence `tokenAt` reads, longest first; 0 when none. */
  const matchAt = (
    candidates: Candidate[],
    start: number,
    tokenAt: (index: number) => string | undefined,
    found: Set<string>,
  ): number => {
    for (const candidate of candidates) {
      let isMatch = true;
      for (let k = 1; k < candidate.tokens.length; k++) {
        if (tokenAt(start + k) !== candidate.tokens[k]) {
          isMatch = false;
          break;
        }
      }
      if (isMatch) {
        for (const id of candidate.ids) found.add(id);
        return candidate.tokens.length;
      }
    }
    return 0;
  };
  return {
    size: seen.size,
    find(tokens) {
      const found = new Set<string>();
      const tokenAt = (index: number) => tokens[index];
      for (let i = 0; i < tokens.length; i++) {
        const candidates = byFirst.get(tokens[i]!);
        if (candidates) i += Math.max(0, matchAt(candidates, i, tokenAt, found) - 1);
      }
      return [...found];
    },
    findInStreams(title, body) {
      const titleInfos = title.infos;
      const bodyInfos = body.infos;
      if (!titleInfos || !bodyInfos) return this.find(title.folded.concat(body.folded));
      const titleLength = titleInfos.length;
      const length = titleLength + bodyInfos.length;
      let found: Set<string> | undefined;
      let tokenAt: ((index: number) => string | undefined) | undefined;
      for (let i = 0; i < length; i++) {
        const { id, folded } = i < titleLength ? titleInfos[i]! : bodyInfos[i - titleLength]!;
        const slot = id & (ENTITY_CACHE_SIZE - 1);
        if (cachedIds[slot] !== id) {
          cachedIds[slot] = id;
          cachedCandidates[slot] = byFirst.get(folded);
        }
        const candidates = cachedCandidates[slot];
        if (!candidates) continue;
        found ??= new Set<string>();
        tokenAt ??= (index: number) => (index < titleLength ? titleInfos[index]?.folded : bodyInfos[index - titleLength]?.folded);
        i += Math.max(0, matchAt(candidates, i, tokenAt, found) - 1);
      }
      return found ? [...found] : [];
    },
  };
}

type Candidate = { tokens: string[]; ids: Set<string> };
const ENTITY_CACHE_SIZE = 1 << 16;
