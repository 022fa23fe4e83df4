import Database from 'better-sqlite3';
import { sql, type SQLWrapper } from 'drizzle-orm';
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
  sqlite.pragma('foreign_keys = OFF');
  const before = rootPages(sqlite);
  migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_PATH ?? 'db/migrations') });
  if (rebuiltKeysBroken(sqlite, before)) throw new Error('Migration broke foreign keys');
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

/** Each table's first page: a table made anew (created, or rebuilt and renamed) has a new one. */
function rootPages(sqlite: Database.Database) {
  const rows = sqlite.prepare(`select name, rootpage from sqlite_master where type = 'table'`).all();
  return new Map((rows as { name: string; rootpage: number }[]).map((row) => [row.name, row.rootpage]));
}

/**
 * Whether a table the migrations made anew, or one whose rows refer to it, has a reference to a
 * missing row. Only those: checking every table would read the whole database at each start that
 * migrates (seconds per gigabyte), where an added column or index can break no reference.
 */
function rebuiltKeysBroken(sqlite: Database.Database, before: Map<string, number>) {
  const made = [...rootPages(sqlite)].filter(([name, page]) => before.get(name) !== page).map(([name]) => name);
  if (!made.length) return false;
  const referring = sqlite
    .prepare(
      `select distinct m.name from sqlite_master m, pragma_foreign_key_list(m.name) f
       where m.type = 'table' and f."table" in (select value from json_each(?))`,
    )
    .pluck()
    .all(JSON.stringify(made)) as string[];
  const check = sqlite.prepare('select 1 from pragma_foreign_key_check(?) limit 1');
  return [...new Set([...made, ...referring])].some((table) => check.get(table));
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

/**
 * `column in (…)` in a prepared query: the values come as one JSON array in the placeholder `name`
 * (`JSON.stringify(ids)`), so one statement, built and compiled once, serves any number of them.
 */
export function inJsonArray(column: SQLWrapper, name: string) {
  return sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}

export function transaction<T>(fn: (tx: DB) => T): T {
  return db.transaction((tx) => fn(tx as unknown as DB), { behavior: 'immediate' });
}
