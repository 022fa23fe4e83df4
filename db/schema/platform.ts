import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

/**
 * The server secrets this database has been used with (secrets.server.ts), each with a fingerprint
 * of its key (an HMAC under the key itself, which reveals nothing of it): a database whose key is
 * missing or different refuses to start instead of making a new key over data sealed with the old.
 * A null fingerprint: the key was in use before fingerprints (migration backfill), recorded at the
 * next start that has it.
 */
export const serverKeys = sqliteTable('server_keys', {
  name: text('name').primaryKey(),
  fingerprint: text('fingerprint'),
  createdAt: createdAt(),
});

/**
 * The rate limits' fixed windows (app/lib/rate-limit.server.ts): here rather than in a process's
 * memory, so that every process of the server counts against the same window (decision 106).
 * `WITHOUT ROWID` (in the migration): a row is its key, and each request looks one up.
 */
export const rateWindows = sqliteTable('rate_windows', {
  key: text('key').primaryKey(),
  /** When the window ends, in milliseconds since the epoch: what the sweep deletes by. */
  resetAt: integer('reset_at').notNull(),
  count: integer('count').notNull(),
});
