import { foldDiacritics } from '../../../text/normalize';

/**
 * The topic-query language officers write, e.g.
 * `(học phí OR "hoc phi") AND NOT title:quảng*cáo`, `"bảo hiểm xã hội" NEAR/5 chậm`, `lang:vi sentiment:negative`.
 *
 * - `AND`, `OR`, `NOT` (upper case; `-word` is NOT word), parentheses, juxtaposition means AND;
 * - `"exact phrase"`, `a NEAR/n b` (at most n words between a and b, either order), `hoc*` prefix;
 * - fields: `title:` (term or phrase in the title), `source:`, `lang:`, `sentiment:`, `topic:`, `kind:`.
 * Precedence: NEAR > NOT > AND > OR. Terms are matched accent- and case-insensitively unless the query
 * is saved in accent-exact mode.
 */
export type TermField = 'any' | 'title';
export type FilterField = 'source' | 'lang' | 'sentiment' | 'topic' | 'kind';

export interface TermNode {
  type: 'term';
  field: TermField;
  /** lower-cased tokens with their accents (accent-exact mode) */
  exact: string[];
  /** folded tokens (default mode) */
  folded: string[];
  /** the last token is a prefix (`hoc*`) */
  isPrefix: boolean;
  /** written as "quoted phrase" */
  isQuoted: boolean;
  position: number;
}
export interface NearNode {
  type: 'near';
  left: TermNode;
  right: TermNode;
  distance: number;
}
export interface FilterNode {
  type: 'filter';
  field: FilterField;
  value: string;
}
export type QueryNode =
  | TermNode
  | NearNode
  | FilterNode
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode };

/** A syntax error with the 0-based character offset where it was found. */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly length = 1,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus'; position: number; length: number }
  | { kind: 'near'; distance: number; position: number; length: number }
  | { kind: 'word'; text: string; position: number; length: number }
  | { kind: 'phrase'; text: string; position: number; length: number }
  | { kind: 'field'; field: string; position: number; length: number };

const FIELDS = new Set(['title', 'source', 'lang', 'sentiment', 'topic', 'kind']);
const MAX_NEAR = 50;
const WORD_CHAR = /[^\s()"]/u;

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', position: i, length: 1 });
      i++;
      continue;
    }
    if (ch === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw new QuerySyntaxError('Unclosed quotation mark', i);
      tokens.push({ kind: 'phrase', text: input.slice(i + 1, end), position: i, length: end - i + 1 });
      i = end + 1;
      continue;
    }
    if (
      ch === '-' &&
      i + 1 < input.length &&
      WORD_CHAR.test(input[i + 1]!) &&
      input[i + 1] !== '-' &&
      (i === 0 || /[\s(]/.test(input[i - 1]!))
    ) {
      tokens.push({ kind: 'minus', position: i, length: 1 });
      i++;
      continue;
    }
    let end = i;
    while (end < input.length && WORD_CHAR.test(input[end]!)) end++;
    const word = input.slice(i, end);
    const colon = word.indexOf(':');
    if (colon > 0 && FIELDS.has(word.slice(0, colon).toLowerCase())) {
      tokens.push({ kind: 'field', field: word.slice(0, colon).toLowerCase(), position: i, length: colon + 1 });
      i += colon + 1;
      continue;
    }
    if (colon > 0 && /^[a-z]+$/i.test(word.slice(0, colon))) {
      throw new QuerySyntaxError(
        `Unknown field "${word.slice(0, colon)}:" (use title:, source:, lang:, sentiment:, topic:, kind:)`,
        i,
        colon + 1,
      );
    }
    const near = /^NEAR\/(\d+)$/.exec(word);
    if (near) {
      const distance = Number(near[1]);
      if (distance < 0 || distance > MAX_NEAR)
        throw new QuerySyntaxError(`NEAR distance must be between 0 and ${MAX_NEAR}`, i, word.length);
      tokens.push({ kind: 'near', distance, position: i, length: word.length });
    } else if (word === 'NEAR' || word.startsWith('NEAR/')) {
      throw new QuerySyntaxError('NEAR needs a distance, e.g. NEAR/5', i, word.length);
    } else if (word === 'AND' || word === 'OR' || word === 'NOT') {
      tokens.push({ kind: word.toLowerCase() as 'and' | 'or' | 'not', position: i, length: word.length });
    } else {
      tokens.push({ kind: 'word', text: word, position: i, length: word.length });
    }
    i = end;
  }
  return tokens;
}

const TOKEN_PATTERN = /[\p{L}\p{N}]+/gu;

function makeTerm(text: string, position: number, length: number, field: TermField, isQuoted: boolean): TermNode {
  const nfc = text.normalize('NFC').toLowerCase();
  const trimmed = nfc.trimEnd();
  const isPrefix = !isQuoted && trimmed.endsWith('*');
  const body = isPrefix ? trimmed.replace(/\*+$/, '') : trimmed;
  if (!isQuoted && body.includes('*'))
    throw new QuerySyntaxError('Wildcards are allowed only at the end of a word (hoc*)', position, length);
  const exact = body.match(TOKEN_PATTERN) ?? [];
  if (exact.length === 0)
    throw new QuerySyntaxError(isQuoted ? 'Empty phrase' : `"${text}" has no letters or digits`, position, length);
  if (isPrefix && exact[exact.length - 1]!.length < 2)
    throw new QuerySyntaxError('A prefix needs at least 2 characters before *', position, length);
  return { type: 'term', field, exact, folded: exact.map((token) => foldDiacritics(token)), isPrefix, isQuoted, position };
}

const SENTIMENT_VALUES: Record<string, string> = {
  positive: 'positive',
  negative: 'negative',
  neutral: 'neutral',
  'tich cuc': 'positive',
  'tieu cuc': 'negative',
  'trung tinh': 'neutral',
  'trung lap': 'neutral',
};

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly input: string,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private fail(message: string, token = this.peek()): never {
    throw new QuerySyntaxError(message, token?.position ?? this.input.length, token?.length ?? 1);
  }

  parseQuery(): QueryNode {
    if (this.tokens.length === 0) throw new QuerySyntaxError('The query is empty', 0);
    const node = this.parseOr();
    const rest = this.peek();
    if (rest) this.fail(rest.kind === 'rparen' ? 'Unmatched closing parenthesis' : 'Unexpected input', rest);
    return node;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek()?.kind === 'or') {
      this.index++;
      if (!this.startsOperand()) this.fail('OR must be followed by a term');
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private startsOperand(): boolean {
    const token = this.peek();
    return !!token && ['lparen', 'not', 'minus', 'word', 'phrase', 'field'].includes(token.kind);
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const token = this.peek();
      if (token?.kind === 'and') {
        this.index++;
        if (!this.startsOperand()) this.fail('AND must be followed by a term');
        children.push(this.parseUnary());
      } else if (this.startsOperand()) {
        children.push(this.parseUnary());
      } else break;
    }
    const flat = children.flatMap((child) => (child.type === 'and' ? child.children : [child]));
    if (flat.every((child) => child.type === 'not')) this.fail('A query cannot consist only of NOT terms', this.tokens[0]);
    return flat.length === 1 ? flat[0]! : { type: 'and', children: flat };
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token?.kind === 'not' || token?.kind === 'minus') {
      this.index++;
      if (!this.startsOperand()) this.fail(`${token.kind === 'not' ? 'NOT' : '-'} must be followed by a term`);
      return { type: 'not', child: this.parseUnary() };
    }
    return this.parseNear();
  }

  private parseNear(): QueryNode {
    const left = this.parsePrimary();
    const token = this.peek();
    if (token?.kind !== 'near') return left;
    this.index++;
    const right = this.parsePrimary();
    if (left.type !== 'term' || right.type !== 'term') this.fail('NEAR joins two words or phrases', token);
    if (this.peek()?.kind === 'near') this.fail('Chain NEAR with parentheses and AND, e.g. (a NEAR/3 b) AND (b NEAR/3 c)');
    return { type: 'near', left, right, distance: token.distance };
  }

  private parsePrimary(): QueryNode {
    const token = this.peek();
    if (!token) this.fail('The query ends where a term was expected');
    this.index++;
    switch (token.kind) {
      case 'lparen': {
        if (this.peek()?.kind === 'rparen') this.fail('Empty parentheses');
        const inner = this.parseOr();
        if (this.peek()?.kind !== 'rparen') this.fail('Missing closing parenthesis', this.peek() ?? token);
        this.index++;
        return inner;
      }
      case 'word':
        return makeTerm(token.text, token.position, token.length, 'any', false);
      case 'phrase':
        return makeTerm(token.text, token.position, token.length, 'any', true);
      case 'field':
        return this.parseField(token.field, token);
      case 'rparen':
        return this.fail('Unmatched closing parenthesis', token);
      default:
        return this.fail(`${token.kind.toUpperCase()} needs a term before it`, token);
    }
  }

  private parseField(field: string, fieldToken: Token): QueryNode {
    const value = this.peek();
    if (
      !value ||
      (value.kind !== 'word' && value.kind !== 'phrase') ||
      value.position !== fieldToken.position + fieldToken.length
    ) {
      this.fail(`${field}: must be followed directly by a value`, fieldToken);
    }
    this.index++;
    if (field === 'title') return makeTerm(value.text, value.position, value.length, 'title', value.kind === 'phrase');
    const folded = (foldDiacritics(value.text.normalize('NFC').toLowerCase()).match(TOKEN_PATTERN) ?? []).join(' ');
    if (!folded) this.fail(`${field}: needs a value`, value);
    if (field === 'lang' && !/^[a-z]{2,3}$/.test(folded)) this.fail('lang: takes a language code such as vi or en', value);
    if (field === 'sentiment') {
      const sentiment = SENTIMENT_VALUES[folded];
      if (!sentiment) this.fail('sentiment: takes positive, negative or neutral', value);
      return { type: 'filter', field: 'sentiment', value: sentiment };
    }
    if (field === 'kind' && folded !== 'news' && folded !== 'social') this.fail('kind: takes news or social', value);
    return { type: 'filter', field: field as FilterField, value: folded };
  }
}

/**
 * Parses a query, throwing `QuerySyntaxError` with the position of the problem.
 * @example parseQuery('hoc phi AND NOT "quảng cáo"')
 */
export function parseQuery(input: string): QueryNode {
  if (input.length > 4000) throw new QuerySyntaxError('The query is longer than 4000 characters', 4000);
  return new Parser(lex(input), input).parseQuery();
}

/** Parses without throwing: the result or the error with its position. */
export function validateQuery(
  input: string,
): { ok: true; ast: QueryNode } | { ok: false; message: string; position: number; length: number } {
  try {
    return { ok: true, ast: parseQuery(input) };
  } catch (error) {
    if (error instanceof QuerySyntaxError)
      return { ok: false, message: error.message, position: error.position, length: error.length };
    throw error;
  }
}
