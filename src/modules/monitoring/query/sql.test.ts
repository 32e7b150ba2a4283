import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { parseQuery } from './parse';
import { compileQueryToSql, isSqlExact, isSqlNearlyExact, MAX_SPELLED_NEAR, needsRecheck } from './sql';

const dialect = new PgDialect();
const compiled = (query: string) => dialect.sqlToQuery(compileQueryToSql(parseQuery(query)));
/** The tsquery that decides the text: the distance form when there is one, else the only tsquery. */
const tsqueryOf = (query: string) => compiled(query).params.at(-1);

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
