import { sql, type SQL } from 'drizzle-orm';
import { integer, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Column helpers shared by every capability's schema file (not a capability: it owns no table). */

export function oneOf(column: AnySQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}

export const id = () => integer('id').primaryKey({ autoIncrement: true });
export const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);
export const at = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const fen = (name: string) => integer(name);
