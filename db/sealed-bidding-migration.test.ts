// Migration 0013 on a database that already has bids and receipts: the unkeyed hashes go, and the
// notifications that tell who bid are tied to their tender (decision 093).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { expect, it, onTestFinished } from 'vitest';

const migrations = resolve('db/migrations');

/** A copy of the migrations folder as it was before this one. */
function migrationsBefore(dir: string) {
  cpSync(migrations, dir, { recursive: true });
  const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag.endsWith('_sealed_bidding')),
  );
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  return dir;
}

it('removes the unkeyed receipts and seals the notifications that tell who bid', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealed-bidding-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const sqlite = new Database(join(dir, 'app.db'));
  migrate(drizzle(sqlite), { migrationsFolder: migrationsBefore(join(dir, 'migrations')) });
  sqlite.exec(`
    insert into unions (id, name, level) values (1, '县总工会', 'county');
    insert into users (id, email, name, password_hash) values (1, 'a@example.test', '甲', 'x');
    insert into organizations (id, name, type) values (1, '甲社', 'grassroots');
    insert into tenders (id, union_id, created_by, title, category, sessions, budget_fen, weights, deadline_at)
      values (7, 1, 1, '项目', 'counselling', 1, 100, '{}', 0);
    insert into bids (tender_id, organization_id, sealed, content_hash) values (7, 1, 'x', '${'a'.repeat(64)}');
    insert into notifications (id, user_id, template, data) values
      (1, 1, 'bid_receipt', '{"title":"项目","hash":"${'a'.repeat(64)}","submittedAt":"2026-01-01T00:00:00.000Z","path":"/tenders/7"}'),
      (2, 1, 'tender_amended', '{"title":"项目","rationale":"","deadline":"2026-01-01T00:00:00.000Z","path":"/tenders/7"}'),
      (3, 1, 'question_answered', '{"title":"项目","path":"/tenders/99"}'),
      (4, 1, 'tender_published', '{"title":"项目","union":"县总工会","deadline":"2026-01-01T00:00:00.000Z","path":"/tenders/7"}');
  `);

  migrate(drizzle(sqlite), { migrationsFolder: migrations });

  const rows = sqlite.prepare('select id, data, sealed_tender_id as sealed from notifications order by id').all() as {
    id: number;
    data: string;
    sealed: number | null;
  }[];
  expect(rows.map((r) => r.sealed)).toEqual([7, 7, null, null]);
  expect(JSON.parse(rows[0]!.data)).toEqual({
    title: '项目',
    submittedAt: '2026-01-01T00:00:00.000Z',
    path: '/tenders/7',
  });
  const columns = (sqlite.prepare('pragma table_info(bids)').all() as { name: string }[]).map((c) => c.name);
  expect(columns).not.toContain('content_hash');
  expect(sqlite.prepare('select count(*) as n from bids').get()).toEqual({ n: 1 });
  sqlite.close();
});
