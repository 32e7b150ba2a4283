import type { QueryNode } from './parse';

/** Words, prefixes and adjacent word pairs ("a b", from phrases) of which a matching document has at least one. */
export type Anchors = { words: Set<string>; prefixes: Set<string>; bigrams: Set<string> } | null;

// The most frequent folded syllables of Vietnamese news (VNTC): poor anchors, since almost every document has them.
const COMMON_SYLLABLES = new Set(
  'va cua la cac co duoc trong cho nhung khong mot nguoi nay da voi cung nhu de den khi se tu thi ra ve nam tai o bi viec theo con lai nen vao hon nhieu dong ngay nuoc cong viet chi dan hoc toi anh ong ba em minh lam di len sau truoc tren duoi moi nhat'.split(
    ' ',
  ),
);

/** The token of a word or phrase most likely to be rare: not a common syllable, then the longest. */
function bestAnchorToken(tokens: readonly string[], lastIsPrefix: boolean): string | null {
  let best: string | null = null;
  let bestScore = -1;
  tokens.forEach((token, index) => {
    if (lastIsPrefix && index === tokens.length - 1) return;
    const score = (COMMON_SYLLABLES.has(token) ? 0 : 100) + token.length;
    if (score > bestScore) {
      best = token;
      bestScore = score;
    }
  });
  return best;
}

/** The adjacent pair of a phrase most likely to be rare (as `bestAnchorToken`), as "a b"; null for prefix phrases. */
function bestAnchorBigram(tokens: readonly string[], lastIsPrefix: boolean): string | null {
  if (lastIsPrefix || tokens.length < 2) return null;
  let best: string | null = null;
  let bestScore = -1;
  for (let k = 0; k + 1 < tokens.length; k++) {
    const score =
      (COMMON_SYLLABLES.has(tokens[k]!) ? 0 : 100) +
      (COMMON_SYLLABLES.has(tokens[k + 1]!) ? 0 : 100) +
      tokens[k]!.length +
      tokens[k + 1]!.length;
    if (score > bestScore) {
      best = `${tokens[k]!} ${tokens[k + 1]!}`;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Tokens of which at least one must occur in any document the query matches; null when no such set exists
 * (a NOT-only branch or a pure filter), in which case the query is evaluated on every document.
 */
export function anchorsOf(node: QueryNode): Anchors {
  switch (node.type) {
    case 'term': {
      // Every adjacent pair of a phrase occurs in a document that has the phrase: one pair stands for it.
      const bigram = bestAnchorBigram(node.folded, node.isPrefix);
      if (bigram) return { words: new Set(), prefixes: new Set(), bigrams: new Set([bigram]) };
      // Every token of a phrase must occur, so any one of them can stand for the phrase.
      const word = bestAnchorToken(node.folded, node.isPrefix);
      return word
        ? { words: new Set([word]), prefixes: new Set(), bigrams: new Set() }
        : { words: new Set(), prefixes: new Set([node.folded[0]!]), bigrams: new Set() };
    }
    case 'near': {
      const left = anchorsOf(node.left);
      const right = anchorsOf(node.right);
      const isCommon = (anchors: Anchors) =>
        !anchors || (anchors.bigrams.size === 0 && [...anchors.words].every((word) => COMMON_SYLLABLES.has(word)));
      return isCommon(left) && !isCommon(right) ? right : left;
    }
    case 'and': {
      // Any one child's anchors will do: take the most selective (word pairs and rare words over prefixes and common words).
      let best: Anchors = null;
      let bestCost = Infinity;
      for (const child of node.children) {
        const anchors = anchorsOf(child);
        if (!anchors) continue;
        let cost = anchors.prefixes.size * 50 + anchors.bigrams.size * 0.5;
        for (const word of anchors.words) cost += COMMON_SYLLABLES.has(word) ? 20 : 1;
        if (cost < bestCost) {
          best = anchors;
          bestCost = cost;
        }
      }
      return best;
    }
    case 'or': {
      const union = { words: new Set<string>(), prefixes: new Set<string>(), bigrams: new Set<string>() };
      for (const child of node.children) {
        const anchors = anchorsOf(child);
        if (!anchors) return null;
        for (const word of anchors.words) union.words.add(word);
        for (const prefix of anchors.prefixes) union.prefixes.add(prefix);
        for (const bigram of anchors.bigrams) union.bigrams.add(bigram);
      }
      return union;
    }
    default:
      return null;
  }
}
