// `npm run backup` while another process writes, then `npm run restore` into a fresh place: the
// restored database passes SQLite's integrity check, holds the data and an intact audit chain, and
// the bid-sealing key travelled with it.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '~/lib/audit.server';
import { sqlite } from '~/lib/db.server';

const tsx = resolve('node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'backup-test-'));
const live = join(dir, 'live', 'app.db');
const children: ChildProcess[] = [];

function run(script: string, args: string[], databasePath: string) {
  const child = spawn(tsx, [script, ...args], { env: { ...process.env, DATABASE_PATH: databasePath } });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const done = new Promise<{ status: number | null; output: string }>((resolve) =>
    child.on('exit', (status) => resolve({ status, output })),
  );
  const ready = new Promise<void>((resolve) =>
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve()),
  );
  return { child, done, ready };
}

const count = (db: Database.Database) =>
  (db.prepare("select count(*) as n from audit_log where action = 'writer.tick'").get() as { n: number }).n;

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('copies a database being written to, with its keys, and restores it whole', { timeout: 180_000 }, async () => {
    mkdirSync(join(dir, 'live', 'secrets'), { recursive: true });
    await sqlite.backup(live);
    writeFileSync(join(dir, 'live', 'secrets', 'bid_sealing_secret.key'), 'ab'.repeat(32));
    mkdirSync(join(dir, 'live', 'vouchers'));
    writeFileSync(join(dir, 'live', 'vouchers', 'v1.pdf'), '%PDF-1.7 回单');

    const writer = run('tests/support/audit-writer.ts', [], live);
    await writer.ready;
    const backupFile = join(dir, 'backups', 'app-test.db');
    const backup = await run('scripts/backup.ts', [backupFile], live).done;
    expect(backup.output).toContain(`Backup written to ${backupFile}`);
    expect(backup.status).toBe(0);

    const refused = await run('scripts/restore.ts', [backupFile], live).done;
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('is open in process');
    writer.child.kill();
    await writer.done;

    const restoredPath = join(dir, 'restored', 'app.db');
    const restore = await run('scripts/restore.ts', [backupFile], restoredPath).done;
    expect(restore.output).toContain('integrity_check: ok');
    expect(restore.status).toBe(0);

    const restored = new Database(restoredPath, { readonly: true });
    const source = new Database(live, { readonly: true });
    try {
      expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
      const copied = count(restored);
      expect(copied).toBeGreaterThan(0);
      expect(count(source)).toBeGreaterThan(copied); // the writer went on while the copy was made
      expect(verifyAuditChain(restored)).toMatchObject({ ok: true });
      expect(restored.prepare('select count(*) as n from users').get()).toEqual(
        source.prepare('select count(*) as n from users').get(),
      );
    } finally {
      restored.close();
      source.close();
    }
    expect(existsSync(`${restoredPath}-wal`)).toBe(false);
    expect(readFileSync(join(dir, 'restored', 'secrets', 'bid_sealing_secret.key'), 'utf8')).toBe('ab'.repeat(32));
    expect(readFileSync(join(dir, 'restored', 'vouchers', 'v1.pdf'), 'utf8')).toBe('%PDF-1.7 回单');
  });
});
