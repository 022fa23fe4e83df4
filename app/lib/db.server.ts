import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from '../../db/schema';

export function databasePath() {
  return resolve(process.env.DATABASE_PATH ?? 'data/app.db');
}

export function openDatabase(path = databasePath()) {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  // NORMAL is durable across application crashes in WAL mode; money commits raise it (see `durably`).
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(reusingStatements(sqlite), { schema });
  // Rebuilding a table (SQLite's way to change a CHECK) needs foreign keys off, which cannot be
  // switched inside the migrator's transaction: switch them off around it and check afterwards.
  // The check reads every row, so it runs only when a migration was applied (not on every start).
  sqlite.pragma('foreign_keys = OFF');
  const applied = migrationCount(sqlite);
  migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_PATH ?? 'db/migrations') });
  if (migrationCount(sqlite) !== applied && (sqlite.pragma('foreign_key_check') as unknown[]).length) {
    throw new Error('Migration broke foreign keys');
  }
  sqlite.pragma('foreign_keys = ON');
  return { sqlite, db };
}

const keptStatements = 500;

/**
 * The connection as drizzle sees it: a statement is compiled once per SQL text and reused (the most
 * recently used few hundred are kept). drizzle asks for a new statement on every query, and SQLite's
 * compiling of it cost more than running it (docs/decisions/108). drizzle switches a statement to
 * arrays with raw() when it maps the columns itself and never back: a reused one starts as new.
 */
function reusingStatements(sqlite: Database.Database): Database.Database {
  const kept = new Map<string, Database.Statement>();
  const client = Object.create(sqlite) as Database.Database;
  client.prepare = ((source: string) => {
    let statement = kept.get(source);
    if (statement) {
      kept.delete(source);
      if (statement.reader) statement.raw(false);
    } else {
      statement = sqlite.prepare(source);
      if (kept.size >= keptStatements) kept.delete(kept.keys().next().value!);
    }
    kept.set(source, statement);
    return statement;
  }) as Database.Database['prepare'];
  return client;
}

function migrationCount(sqlite: Database.Database) {
  const table = sqlite.prepare(`select 1 from sqlite_master where name = '__drizzle_migrations'`).get();
  return table ? (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n : 0;
}

export type DB = ReturnType<typeof openDatabase>['db'];

const globalForDb = globalThis as unknown as { __db?: ReturnType<typeof openDatabase> };
const connection = (globalForDb.__db ??= openDatabase());

export const db = connection.db;
export const sqlite = connection.sqlite;

/**
 * Runs `fn` in one immediate transaction committed with synchronous=FULL: for money, bids and
 * contracts, whose loss after a power cut would be worse than a slower commit.
 */
export function durably<T>(fn: (tx: DB) => T): T {
  // Inside an open transaction the outer commit decides, and SQLite refuses to change the level.
  if (sqlite.inTransaction) return transaction(fn);
  sqlite.pragma('synchronous = FULL');
  try {
    return db.transaction((tx) => fn(tx as unknown as DB), { behavior: 'immediate' });
  } finally {
    sqlite.pragma('synchronous = NORMAL');
  }
}

export function transaction<T>(fn: (tx: DB) => T): T {
  return db.transaction((tx) => fn(tx as unknown as DB), { behavior: 'immediate' });
}
