import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'server-keys-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('marks the bid-sealing key as in use in a database that already holds sealed bids', () => {
  const before = join(dir, 'before');
  cpSync(resolve('db/migrations'), before, { recursive: true });
  const journal = JSON.parse(readFileSync(join(before, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((entry) => entry.tag.endsWith('_server_keys')),
  );
  writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(journal));

  const sqlite = new Database(join(dir, 'app.db'));
  migrate(drizzle(sqlite), { migrationsFolder: before });
  sqlite.pragma('foreign_keys = OFF');
  sqlite.prepare(`insert into bids (tender_id, organization_id, sealed, content_hash) values (1, 1, 'x', 'h')`).run();
  migrate(drizzle(sqlite), { migrationsFolder: resolve('db/migrations') });

  expect(sqlite.prepare('select name, fingerprint from server_keys').all()).toEqual([
    { name: 'BID_SEALING_SECRET', fingerprint: null },
  ]);
  sqlite.close();
});
