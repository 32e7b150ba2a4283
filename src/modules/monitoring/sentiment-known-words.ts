import { makeRoomForWords, wordIdOf, wordTableGeneration, type KnownWords } from '../../text/sentiment';
import type { TokenEntry, TokenStreams } from './tokens';
import { NOT_CACHED, TokenIdCache } from './token-id-cache';

/*
 * The sentiment analysis reads the title and the lead of the body, words the tokenizer has just found and looked
 * up: each token's word id in the sentiment word table is kept by token id, so the analysis looks up only the
 * words no token spans exactly (a number with its separators, letters glued to digits).
 */
const wordIdsByToken = new TokenIdCache();
const known: KnownWords = {
  starts: new Int32Array(4096),
  ends: new Int32Array(4096),
  ids: new Int32Array(4096),
  kinds: new Uint8Array(4096),
  count: 0,
  generation: 0,
};

/**
 * The words of `${title}\n${text.slice(0, textEnd)}` that the token streams of the title and of the text give,
 * for `analyzeSentiment` of that string (title and text NFC, as `cleanText` leaves them); undefined when the
 * streams lack the tokens' facts. The result is reused by the next call.
 */
export function knownWordsOf(
  title: TokenStreams,
  body: TokenStreams,
  titleLength: number,
  textEnd: number,
): KnownWords | undefined {
  const { infos: titleInfos, starts: titleStarts } = title;
  const { infos: bodyInfos, starts: bodyStarts } = body;
  if (!titleInfos || !titleStarts || !bodyInfos || !bodyStarts) return undefined;
  // room for the new words of the lookups here and of the analysis after, so the table does not start afresh between
  const analyzedLength = titleLength + 1 + textEnd;
  makeRoomForWords(2 * analyzedLength);
  const total = titleInfos.length + bodyInfos.length;
  if (known.starts.length < total) {
    known.starts = new Int32Array(2 * total);
    known.ends = new Int32Array(2 * total);
    known.ids = new Int32Array(2 * total);
    known.kinds = new Uint8Array(2 * total);
  }
  known.generation = wordTableGeneration();
  known.count = 0;
  addTokens(titleInfos as TokenEntry[], titleStarts, 0, titleLength);
  addTokens(bodyInfos as TokenEntry[], bodyStarts, titleLength + 1, textEnd);
  return known;
}

/** Appends the tokens that end by `end` of their text, which starts at `offset` of the analysed string. */
function addTokens(infos: readonly TokenEntry[], starts: readonly number[], offset: number, end: number): void {
  const generation = known.generation;
  let count = known.count;
  for (let k = 0; k < infos.length; k++) {
    const token = infos[k]!;
    const start = starts[k]!;
    const length = token.exact.length;
    if (start + length > end) break;
    let wordId = wordIdsByToken.get(token.id, generation);
    if (wordId === NOT_CACHED) {
      // a word's facts are those of its lower-cased form, which `exact` is (and stays, lower-cased again)
      wordId = wordIdsByToken.set(
        token.id,
        token.exact.toLowerCase() === token.exact ? wordIdOf(token.exact, 0, length) : -1,
        generation,
      );
    }
    known.starts[count] = offset + start;
    known.ends[count] = offset + start + length;
    known.ids[count] = wordId;
    known.kinds[count] = token.charKind;
    count++;
  }
  known.count = count;
}
