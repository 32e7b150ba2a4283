import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { parseQuery } from './parse';
import { COMMON_SYLLABLES } from '../common-syllables';
import {
  compileQueryToSql,
  isNarrowedByIndex,
  isSqlExact,
  isSqlNearlyExact,
  MAX_SPELLED_NEAR,
  needsRecheck,
  type CompileOptions,
} from './sql';

const dialect = new PgDialect();
// The NEAR tests below use common syllables ("hoi", "du an"): compiled for rows holding every syllable.
const compiled = (query: string, options: CompileOptions = { hasEverySyllable: true }) =>
  dialect.sqlToQuery(compileQueryToSql(parseQuery(query), options));
/** The tsquery that decides the text: the distance form when there is one, else the only tsquery. */
const tsqueryOf = (query: string, options?: CompileOptions) => compiled(query, options).params.at(-1);

describe('NEAR in SQL', () => {
  it('spells NEAR/n out as distance operators in both orders, k = 1 … n + 1, checked after a GIN lookup of the AND', () => {
    const near = compiled('"quoc hoi" NEAR/1 "du an"');
    expect(near.sql).toBe('(s.lexemes @@ $1::tsquery AND ts_match_vq(s.lexemes, $2::tsquery))');
    expect(near.params[0]).toBe("(('quoc' <-> 'hoi') & ('du' <-> 'an'))");
    expect(tsqueryOf('"quoc hoi" NEAR/1 "du an"')).toBe(
      "(('quoc' <-> 'hoi') <1> ('du' <-> 'an') | ('du' <-> 'an') <1> ('quoc' <-> 'hoi') | ('quoc' <-> 'hoi') <2> ('du' <-> 'an') | ('du' <-> 'an') <2> ('quoc' <-> 'hoi'))",
    );
    expect(tsqueryOf('tang NEAR/0 hoc*')).toBe("('tang' <1> 'hoc':* | 'hoc':* <1> 'tang')");
    expect(tsqueryOf('title:"hoc phi" NEAR/0 tang')).toBe(
      "(('hoc':A <-> 'phi':A) <1> 'tang' | 'tang' <1> ('hoc':A <-> 'phi':A))",
    );
  });

  it('narrows to AND when occurrences can overlap or the distance is long', () => {
    expect(compiled('"quoc hoi" NEAR/3 "hoi dong"').params).toHaveLength(1);
    // "quoc hoi dong": the two phrases share "hoi", NEAR counts that as 0 words between
    expect(tsqueryOf('"quoc hoi" NEAR/3 "hoi dong"')).toBe("(('quoc' <-> 'hoi') & ('hoi' <-> 'dong'))");
    expect(tsqueryOf('"bao hiem" NEAR/3 hie*')).toBe("(('bao' <-> 'hiem') & 'hie':*)");
    expect(tsqueryOf('bao-hi* NEAR/3 "hiem xa"')).toBe("(('bao' <-> 'hi':*) & ('hiem' <-> 'xa'))");
    expect(tsqueryOf('"a b c" NEAR/3 b')).toBe("(('a' <-> 'b' <-> 'c') & 'b')");
    expect(tsqueryOf(`a NEAR/${MAX_SPELLED_NEAR + 1} b`)).toBe("('a' & 'b')");
    // one-word terms cannot overlap (a shared start is not counted): the same word twice is two occurrences
    expect(tsqueryOf('a NEAR/0 a')).toBe("('a' <1> 'a' | 'a' <1> 'a')");
    expect(tsqueryOf('"quoc hoi" NEAR/0 quoc')).toContain("('quoc' <-> 'hoi') <1> 'quoc'");
  });

  it('tells search how exact SQL is and whether the GIN index alone decides the text', () => {
    expect(isSqlExact(parseQuery('a NEAR/2 b'), false)).toBe(false);
    expect(isSqlNearlyExact(parseQuery('x AND a NEAR/2 b'), false)).toBe(true);
    // under NOT the NEAR compiles to false, i.e. NOT to true: many candidates fail the in-memory check
    expect(isSqlNearlyExact(parseQuery('x AND NOT a NEAR/2 b'), false)).toBe(false);
    expect(isSqlNearlyExact(parseQuery('"a b" NEAR/2 "b c"'), false)).toBe(false);
    expect(isSqlNearlyExact(parseQuery('a NEAR/2 b'), true)).toBe(false);
    expect(needsRecheck(parseQuery('"a b" OR c'))).toBe(true);
    expect(needsRecheck(parseQuery('title:a'))).toBe(true);
    expect(needsRecheck(parseQuery('a NEAR/2 b'))).toBe(true);
    expect(needsRecheck(parseQuery('a bb* OR c'))).toBe(false);
    expect(needsRecheck(parseQuery('a AND NOT "b c"'))).toBe(false);
    expect(needsRecheck(parseQuery('a AND NOT NOT "b c"'))).toBe(true);
  });
});

describe('common syllables in SQL (news rows leave them out)', () => {
  const news: CompileOptions = {};
  it('keeps the other syllables of a term at their distances, or every row when none is left', () => {
    expect(COMMON_SYLLABLES).toContain('nguoi');
    expect(COMMON_SYLLABLES).not.toContain('minh');
    // "ho" and "chi" are common: the phrase keeps 'minh'
    expect(tsqueryOf('"hồ chí minh"', news)).toBe("'minh'");
    // "quoc" <-> "hoi", where news rows lack "hoi"
    expect(tsqueryOf('"quốc hội"', news)).toBe("'quoc'");
    // the gap of the left-out syllable stays: "tăng" is two positions after "hiểm"
    expect(tsqueryOf('"hiểm và tăng"', news)).toBe("('hiem' <2> 'tang')");
    expect(compiled('"người dân"', news).sql).toBe('true');
    expect(compiled('"người dân" AND học', news).params).toEqual(["'hoc'"]);
    expect(compiled('"người dân" OR học', news).sql).toBe('true');
    // as a subset (under NOT) a term SQL cannot decide is no row, so its NOT keeps every row
    expect(compiled('học AND NOT "người dân"', news).params).toEqual(["'hoc'"]);
    expect(compiled('lang:vi AND NOT "người dân"', news).sql).toContain('AND (true)');
    // a prefix that starts a common syllable ("tu*": "tu") cannot use the index either
    expect(compiled('tu*', news).sql).toBe('true');
    expect(tsqueryOf('tuyể*', news)).toBe("'tuye':*");
    // rows holding every syllable (purged social posts) are judged as written
    expect(tsqueryOf('"hồ chí minh"')).toBe("('ho' <-> 'chi' <-> 'minh')");
  });

  it('marks such queries for verification, NEAR with them as AND, and tells when no index narrows them', () => {
    expect(isSqlExact(parseQuery('"hồ chí minh"'), false)).toBe(false);
    expect(isSqlExact(parseQuery('"học phí"'), false)).toBe(true);
    expect(isSqlNearlyExact(parseQuery('hoc NEAR/2 nguoi'), false)).toBe(false);
    expect(tsqueryOf('"học phí" NEAR/2 "người dân"', news)).toBe("('hoc' <-> 'phi')");
    expect(needsRecheck(parseQuery('học AND NOT nguoi'))).toBe(true);
    expect(needsRecheck(parseQuery('học AND NOT phi'))).toBe(false);
    expect(isNarrowedByIndex(parseQuery('"người dân" AND lang:vi'))).toBe(false);
    expect(isNarrowedByIndex(parseQuery('"người dân" AND NOT học'))).toBe(false);
    expect(isNarrowedByIndex(parseQuery('"người dân" AND học'))).toBe(true);
    expect(isNarrowedByIndex(parseQuery('("người dân" AND lang:vi) OR học'))).toBe(false);
    expect(isNarrowedByIndex(parseQuery('(phí AND lang:vi) OR học'))).toBe(true);
  });
});
