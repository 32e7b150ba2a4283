import { describe, expect, it } from 'vitest';
import { parseQuery, QuerySyntaxError, validateQuery } from './parse';
import { DocumentIndex, matchQuery, type MatchableDocument } from './match';
import { QueryIndex } from './query-index';
import { compileQueryToSql, isSqlExact } from './sql';
import { PgDialect } from 'drizzle-orm/pg-core';
import { tokenizeForMatching } from '../text-features';

function doc(title: string, body: string, extra: Partial<MatchableDocument> = {}): DocumentIndex {
  return new DocumentIndex({
    title: tokenizeForMatching(title),
    body: tokenizeForMatching(body),
    lang: 'vi',
    sentiment: 'negative',
    topicKey: 'chinh tri xa hoi',
    sourceKey: 'vnexpress net',
    kind: 'news',
    ...extra,
  });
}
const matches = (query: string, document: DocumentIndex, isExact = false) => matchQuery(parseQuery(query), document, isExact);

describe('query parser', () => {
  it('parses boolean structure with precedence NEAR > NOT > AND > OR', () => {
    const ast = parseQuery('a b OR c AND NOT d');
    expect(ast.type).toBe('or');
    expect(JSON.stringify(parseQuery('"x y" NEAR/3 z'))).toContain('"distance":3');
  });

  it('reports syntax errors with their position', () => {
    const cases: [string, number][] = [
      ['hoc AND (phi OR', 15],
      ['"hoc phi', 0],
      ['hoc )', 4],
      ['foo:bar', 0],
      ['a NEAR b', 2],
      ['a NEAR/x b', 2],
      ['OR hoc', 0],
      ['hoc AND', 7],
      ['NOT hoc', 0],
      ['', 0],
      ['()', 1],
      ['ho*c', 0],
      ['sentiment:angry', 10],
      ['title: hoc', 0],
    ];
    for (const [query, position] of cases) {
      const result = validateQuery(query);
      expect(result.ok, query).toBe(false);
      if (!result.ok) expect([query, result.position]).toEqual([query, position]);
    }
    expect(() => parseQuery('a AND (')).toThrow(QuerySyntaxError);
  });

  it('accepts Vietnamese sentiment names and field values', () => {
    expect(parseQuery('sentiment:tiêu-cực')).toEqual({ type: 'filter', field: 'sentiment', value: 'negative' });
    expect(parseQuery('topic:"Chính trị Xã hội"')).toEqual({ type: 'filter', field: 'topic', value: 'chinh tri xa hoi' });
  });
});

describe('in-memory matching', () => {
  const article = doc(
    'Học phí đại học tăng mạnh',
    'Phụ huynh bức xúc vì học phí tăng. Bộ Giáo dục giải thích lộ trình tăng học phí.',
  );

  it('is accent-insensitive by default and accent-exact on request', () => {
    expect(matches('hoc phi', article)).toBe(true);
    expect(matches('"HOC PHI"', article)).toBe(true);
    expect(matches('"hoc phi"', article, true)).toBe(false);
    expect(matches('"học phí"', article, true)).toBe(true);
    expect(matches('hóc', article, true)).toBe(false);
  });

  it('handles phrases, prefixes, NEAR, NOT and fields', () => {
    expect(matches('"phi dai hoc"', article)).toBe(true);
    expect(matches('"phi hoc"', article)).toBe(false);
    expect(matches('giao*', article)).toBe(true);
    expect(matches('"bo giao*"', article)).toBe(true);
    expect(matches('xyz*', article)).toBe(false);
    expect(matches('bức NEAR/4 tăng', article)).toBe(true); // bức [xúc vì học phí] tăng
    expect(matches('bức NEAR/3 tăng', article)).toBe(false);
    expect(matches('tang NEAR/0 "hoc phi"', article)).toBe(true); // "tăng học phí" adjacent, reverse order
    expect(matches('hoc AND NOT (quang cao)', article)).toBe(true);
    expect(matches('title:"hoc phi"', article)).toBe(true);
    expect(matches('title:phu', article)).toBe(false);
    expect(matches('lang:vi sentiment:negative source:vnexpress kind:news topic:chinh-tri-xa-hoi', article)).toBe(true);
    expect(matches('lang:en OR sentiment:positive', article)).toBe(false);
    expect(matches('-hoc phi', article)).toBe(false);
  });
});

describe('query index', () => {
  it('evaluates only candidate queries and agrees with direct evaluation', () => {
    const queries = [
      { id: 'a', ast: parseQuery('hoc phi'), isAccentExact: false },
      { id: 'b', ast: parseQuery('bong da OR "the thao"'), isAccentExact: false },
      { id: 'c', ast: parseQuery('giao*'), isAccentExact: false },
      { id: 'd', ast: parseQuery('lang:vi'), isAccentExact: false },
      { id: 'e', ast: parseQuery('"học phí"'), isAccentExact: true },
      { id: 'f', ast: parseQuery('"hoc phi"'), isAccentExact: true },
    ];
    const index = new QueryIndex(queries);
    const document: MatchableDocument = {
      title: tokenizeForMatching('Học phí tăng'),
      body: tokenizeForMatching('Bộ Giáo dục nói'),
      lang: 'vi',
      sentiment: null,
      topicKey: '',
      sourceKey: 'x',
      kind: 'news',
    };
    expect(index.match(document).sort()).toEqual(['a', 'c', 'd', 'e']);
  });
});

describe('query index agrees with matchQuery', () => {
  // Every kind of term and operator, in both modes; documents one after another through one index (its
  // per-document arrays are reused), long before short, with repeated words and stray combining marks.
  const texts = [
    'Học phí đại học tăng mạnh, học phí tăng lần nữa',
    'Phụ huynh bức xúc vì học phí tăng. Bộ Giáo dục giải thích lộ trình tăng học phí. Hoc phi va giao duc.',
    'hoc phi tang manh, bo giao duc noi ve lo trinh',
    'Ho\u0323c phi\u0301 ta\u0306ng ma\u0323nh', // decomposed marks: the tokenizer's other path
    'Bảo hiểm xã hội chậm đóng; bảo hiểm y tế; xã hội hóa giáo dục',
    'tăng tăng tăng',
    '',
  ];
  const sources = [
    'hoc phi',
    '"hoc phi tang"',
    '"học phí"',
    'giao*',
    '"bo giao*"',
    'gia*',
    'giáo*',
    '"bộ giáo*"',
    'bức NEAR/4 tăng',
    'tăng NEAR/0 "hoc phi"',
    'tang NEAR/1 tang',
    'giao* NEAR/3 bo',
    '"bao hiem" NEAR/2 cham',
    'hoc AND NOT (quang cao)',
    'title:"hoc phi"',
    'title:tang NEAR/2 phi',
    'title:hoc*',
    '-hoc phi',
    '("xa hoi" OR "y te") AND lang:vi',
    'lang:en OR sentiment:negative',
    'source:vnexpress kind:news',
    'topic:chinh-tri-xa-hoi',
    '"phi dai hoc"',
    '"phi hoc"',
    'xyz*',
    'hóa',
    'hoa NOT "xa hoi"',
    // an unquoted hyphenated word with a final * is a phrase ending in a prefix
    'bộ-giáo*',
    'bo-giao*',
    'hoc-phi* NEAR/2 tang',
    'title:học-ph*',
  ];
  const queries = sources.flatMap((source, i) => [
    { id: `f${i}`, ast: parseQuery(source), isAccentExact: false },
    { id: `e${i}`, ast: parseQuery(source), isAccentExact: true },
  ]);
  const index = new QueryIndex(queries);

  it('finds exactly the queries matchQuery accepts, in the given order', () => {
    for (const title of texts) {
      for (const body of [...texts].reverse()) {
        const document: MatchableDocument = {
          title: tokenizeForMatching(title),
          body: tokenizeForMatching(body),
          lang: 'vi',
          sentiment: 'negative',
          topicKey: 'chinh tri xa hoi',
          sourceKey: 'vnexpress net',
          kind: 'news',
        };
        const expected = queries
          .filter((query) => matchQuery(query.ast, new DocumentIndex(document), query.isAccentExact))
          .map((query) => query.id);
        expect(index.match(document), `${title} | ${body}`).toEqual(expected);
      }
    }
  });
});

describe('SQL compilation', () => {
  const dialect = new PgDialect();
  it('turns text parts into one tsquery over folded lexemes and filters into columns', () => {
    const compiled = dialect.sqlToQuery(
      compileQueryToSql(parseQuery('(học phí OR "bảo hiểm xã hội") AND NOT title:quảng* AND lang:vi')),
    );
    expect(compiled.params).toContain("(('hoc' & 'phi') | ('bao' <-> 'hiem' <-> 'xa' <-> 'hoi'))");
    expect(compiled.params).toContain("!'quang':*A");
    expect(compiled.sql).toContain('d.lang = $');
    expect(isSqlExact(parseQuery('a NEAR/2 b'), false)).toBe(false);
    expect(isSqlExact(parseQuery('a b'), true)).toBe(false);
    expect(isSqlExact(parseQuery('a OR "b c" -dd*'), false)).toBe(true);
  });

  it('keeps NOT of a NEAR or an accent-exact word a superset (verified in memory)', () => {
    // NOT (a NEAR b) must not exclude documents holding a and b far apart: its subset compiles to false, the NOT to true
    const near = dialect.sqlToQuery(compileQueryToSql(parseQuery('c AND NOT a NEAR/2 b')));
    expect(near.sql).toContain('NOT (false)');
    expect(near.params).toContain("'c'");
    const accented = dialect.sqlToQuery(compileQueryToSql(parseQuery('học AND NOT phí'), { isAccentExact: true }));
    expect(accented.sql).toContain('NOT (false)');
  });
});
