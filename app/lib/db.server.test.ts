import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { unions } from '../../db/schema';
import { db, sqlite } from './db.server';

/** How many times `fn` has SQLite compile a statement. */
function compilations(fn: () => void) {
  const prepare = sqlite.prepare;
  let count = 0;
  sqlite.prepare = function (this: typeof sqlite, source: string) {
    count++;
    return prepare.call(this, source);
  } as typeof sqlite.prepare;
  try {
    fn();
  } finally {
    sqlite.prepare = prepare;
  }
  return count;
}

describe('the connection drizzle queries through', () => {
  it('compiles a statement once and reuses it', () => {
    const find = (id: number) => db.select().from(unions).where(eq(unions.id, id)).get();
    expect(compilations(() => [1, 2, 3].forEach(find))).toBeLessThanOrEqual(1);
    expect(compilations(() => [4, 5].forEach(find))).toBe(0);
  });

  it('hands a reused statement out as new: rows as objects after drizzle read it as arrays', () => {
    db.insert(unions).values({ name: '复用测试工会', level: 'county' }).run();
    const columns = db.select({ id: unions.id, name: unions.name }).from(unions).all();
    expect(columns[0]).toMatchObject({ id: expect.any(Number), name: expect.any(String) });
    const text = db.select({ id: unions.id, name: unions.name }).from(unions).toSQL().sql;
    const rows = db.all<{ id: number; name: string }>(sql.raw(text));
    expect(rows[0]).toEqual({ id: columns[0]!.id, name: columns[0]!.name });
  });
});
