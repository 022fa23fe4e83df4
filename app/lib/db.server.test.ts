import Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unions } from '../../db/schema';
import { db, openDatabase, sqlite } from './db.server';

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

// The check after a migration reads the tables the migration made anew and those that refer to
// them, not the whole database: a start that migrates stays seconds long on a national file.

const folders: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A migrations folder as drizzle-kit writes it, with these migrations (SQL statements each). */
function migrations(...steps: string[][]) {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  folders.push(folder);
  mkdirSync(join(folder, 'meta'));
  const entries = steps.map((statements, idx) => {
    const tag = `000${idx}_step`;
    writeFileSync(join(folder, `${tag}.sql`), statements.join('\n--> statement-breakpoint\n'));
    return { idx, version: '6', when: 1_700_000_000_000 + idx, tag, breakpoints: true };
  });
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries }));
  return folder;
}

const schema = [
  'create table unions (id integer primary key, name text not null)',
  'create table workers (id integer primary key, name text)',
  'create table events (id integer primary key, union_id integer not null references unions(id), title text)',
  "insert into unions (id, name) values (1, '象山县总工会'), (2, '荆门市总工会')",
  "insert into events (id, union_id, title) values (1, 1, '讲座'), (2, 2, '演出')",
];

/** Opens `path` migrated with `steps`, as the server does at start; closes it again. */
function open(path: string, ...steps: string[][]) {
  vi.stubEnv('MIGRATIONS_PATH', migrations(...steps));
  openDatabase(path).sqlite.close();
}

function databaseFile() {
  const folder = mkdtempSync(join(tmpdir(), 'db-'));
  folders.push(folder);
  return join(folder, 'app.db');
}

describe('opening the database', () => {
  it('refuses a migration whose table rebuild lost rows that others refer to', () => {
    const path = databaseFile();
    open(path, schema);
    const rebuild = [
      'create table __new_unions (id integer primary key, name text not null check (length(name) > 0))',
      'insert into __new_unions select * from unions where id = 1',
      'drop table unions',
      'alter table __new_unions rename to unions',
    ];
    expect(() => open(path, schema, rebuild)).toThrow('Migration broke foreign keys');
  });

  it('reads only the tables a migration made anew and those referring to them', () => {
    const path = databaseFile();
    open(path, schema);
    // A dangling reference the last migration did not touch: reading it would mean reading every table.
    const sqlite = new Database(path);
    sqlite.pragma('foreign_keys = OFF');
    sqlite.prepare("insert into events (id, union_id, title) values (3, 99, '孤儿')").run();
    sqlite.close();
    const addColumn = [
      'alter table events add column cancel_reason text',
      'create index events_title on events (title)',
    ];
    expect(() => open(path, schema, addColumn)).not.toThrow();
    const newTable = [
      'create table rate_windows (key text primary key, reset_at integer not null, count integer not null)',
    ];
    expect(() => open(path, schema, addColumn, newTable)).not.toThrow();
    const rebuildWorkers = [
      'create table __new_workers (id integer primary key, name text, phone text)',
      'insert into __new_workers (id, name) select id, name from workers',
      'drop table workers',
      'alter table __new_workers rename to workers',
    ];
    expect(() => open(path, schema, addColumn, newTable, rebuildWorkers)).not.toThrow();
    // events refers to unions: rebuilding unions reads events, and finds the dangling row.
    const rebuildUnions = [
      'create table __new_unions (id integer primary key, name text not null)',
      'insert into __new_unions select * from unions',
      'drop table unions',
      'alter table __new_unions rename to unions',
    ];
    expect(() => open(path, schema, addColumn, newTable, rebuildWorkers, rebuildUnions)).toThrow(
      'Migration broke foreign keys',
    );
  });
});
