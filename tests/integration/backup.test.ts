// `npm run backup` while another process writes, then `npm run restore` into a fresh place: the
// backup holds no keys and only owner-readable files, the keys travel apart (`npm run keys:export`),
// a restore without them changes nothing and says what is missing, one with them gives a database
// that passes SQLite's integrity check with its data and an intact audit chain, and the built server
// refuses to start on a database whose sealing key is missing (decision 094).
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '~/lib/audit.server';

const tsx = resolve('node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'backup-test-'));
const live = join(dir, 'live', 'app.db');
const restoredPath = join(dir, 'restored', 'app.db');
const backupFile = join(dir, 'backups', 'app-test.db');
const children: ChildProcess[] = [];
// The server and the scripts find their keys in files beside the database, not in the variables
// the Vitest setup sets.
const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.endsWith('_SECRET')));

function run(command: string, args: string[], databasePath: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(command, args, { env: { ...environment, DATABASE_PATH: databasePath, ...env } });
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
const script = (name: string, args: string[], databasePath: string) =>
  run(tsx, [`scripts/${name}.ts`, ...args], databasePath);

const count = (db: Database.Database) =>
  (db.prepare("select count(*) as n from audit_log where action = 'writer.tick'").get() as { n: number }).n;

/** Every file and folder under `path`, with its permission bits. */
function modes(path: string): [string, number][] {
  return readdirSync(path, { withFileTypes: true, recursive: true }).map((entry) => {
    const file = join(entry.parentPath, entry.name);
    return [file, statSync(file).mode & 0o777];
  });
}
const ownerOnly = (entries: [string, number][]) =>
  entries.filter(([file, mode]) => mode !== (statSync(file).isDirectory() ? 0o700 : 0o600));

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup, keys and restore', () => {
  it(
    'backs up without keys, restores only with them, and the server never starts without them',
    { timeout: 240_000 },
    async () => {
      // The demo county: sealed bids, so the bid-sealing key is made and its fingerprint recorded.
      const prepared = await script('prepare-db', [], live).done;
      expect(prepared.status).toBe(0);
      const liveKey = readFileSync(join(dir, 'live', 'secrets', 'bid_sealing_secret.key'), 'utf8');
      mkdirSync(join(dir, 'live', 'vouchers'));
      writeFileSync(join(dir, 'live', 'vouchers', 'v1.pdf'), '%PDF-1.7 回单', { mode: 0o644 });

      const writer = run(tsx, ['tests/support/audit-writer.ts'], live);
      await writer.ready;
      const backup = await script('backup', [backupFile], live).done;
      expect(backup.output).toContain(`Backup written to ${backupFile}`);
      expect(backup.output).toContain('npm run keys:export');
      expect(backup.status).toBe(0);

      const written = modes(join(dir, 'backups'));
      expect(written.map(([file]) => file)).toContain(join(dir, 'backups', 'app-test.files', 'vouchers', 'v1.pdf'));
      expect(written.filter(([file]) => /\.key$|secrets/.test(file))).toEqual([]);
      expect(written.some(([file]) => statSync(file).isFile() && readFileSync(file).includes(liveKey))).toBe(false);
      expect(ownerOnly([[join(dir, 'backups'), statSync(join(dir, 'backups')).mode & 0o777], ...written])).toEqual([]);

      const refused = await script('restore', [backupFile], live).done;
      expect(refused.status).toBe(1);
      expect(refused.output).toContain('is open in process');
      writer.child.kill();
      await writer.done;

      const keyless = await script('restore', [backupFile], restoredPath).done;
      expect(keyless.status).toBe(1);
      expect(keyless.output).toContain('Nothing restored');
      expect(keyless.output).toContain('BID_SEALING_SECRET is missing');
      expect(keyless.output).toContain('sealed bids cannot be opened');
      expect(keyless.output).toContain('--keys FOLDER');
      expect(existsSync(restoredPath)).toBe(false);

      const besideBackups = await script('keys-export', [join(dir, 'backups', 'keys')], live).done;
      expect(besideBackups.status).toBe(1);
      expect(besideBackups.output).toContain(`the database copy ${backupFile} is there`);
      const besideDatabase = await script('keys-export', [join(dir, 'live', 'keys')], live).done;
      expect(besideDatabase.status).toBe(1);
      expect(besideDatabase.output).toContain('beside the database');

      const keys = join(dir, 'usb', 'keys');
      const exported = await script('keys-export', [keys], live).done;
      expect(exported.output).toMatch(new RegExp(`Exported (\\w+, )*BID_SEALING_SECRET(, \\w+)* to ${keys}`));
      expect(exported.status).toBe(0);
      expect(readFileSync(join(keys, 'bid_sealing_secret.key'), 'utf8')).toBe(liveKey);
      expect(ownerOnly([[keys, statSync(keys).mode & 0o777], ...modes(keys)])).toEqual([]);

      const restore = await script('restore', [backupFile, '--keys', keys], restoredPath).done;
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
        expect(restored.prepare('select count(*) as n from bids').get()).toEqual(
          source.prepare('select count(*) as n from bids').get(),
        );
      } finally {
        restored.close();
        source.close();
      }
      expect(existsSync(`${restoredPath}-wal`)).toBe(false);
      const restoredKey = join(dir, 'restored', 'secrets', 'bid_sealing_secret.key');
      expect(readFileSync(restoredKey, 'utf8')).toBe(liveKey);
      expect(statSync(restoredKey).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'restored', 'vouchers', 'v1.pdf'), 'utf8')).toBe('%PDF-1.7 回单');

      // The key lost after the restore: the server refuses rather than make a new one.
      rmSync(join(dir, 'restored', 'secrets'), { recursive: true });
      const start = run('node', ['server.mjs'], restoredPath, {
        NODE_ENV: 'production',
        PORT: '0',
        WEB_CONCURRENCY: '1',
      });
      start.child.stdout!.on('data', (d) => String(d).includes('Listening') && start.child.kill());
      const server = await start.done;
      expect(server.status).toBe(1);
      expect(server.output).toContain('the server does not start');
      expect(server.output).toContain('BID_SEALING_SECRET is missing');
      expect(server.output).not.toContain('Listening');
      expect(existsSync(restoredKey)).toBe(false);
    },
  );
});
