// `npm run restore -- FILE [--force]`: replaces the database (DATABASE_PATH, default data/app.db)
// with a backup made by `npm run backup`, and its key files if they were copied beside it. Refuses
// while another process has the database open, unless --force. See README "Backups".
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { databaseFile, filesBeside, secretsBeside, secretsDir, settleCopy, uploadFolders } from './database-file';

const args = process.argv.slice(2);
const force = args.includes('--force');
const file = args.find((a) => !a.startsWith('--'));
if (!file || !existsSync(file)) {
  console.error('Usage: npm run restore -- FILE [--force]   (FILE: a backup written by npm run backup)');
  process.exit(2);
}
const backup = resolve(file);
const target = databaseFile();

const holders = processesHolding(target);
if (holders.length) {
  console.error(`The database ${target} is open in process ${holders.join(', ')}: stop the server first.`);
  if (!force) process.exit(1);
  console.error('--force: restoring anyway; the running server will keep reading the old file until restarted.');
}

// Copy to a temporary file beside the target, then swap it in with a rename: the database is at
// every moment either the old one or the whole new one. The old WAL must go first, or SQLite
// would replay it onto the restored file.
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const temporary = `${target}.restoring`;
mkdirSync(dirname(target), { recursive: true });
const source = new Database(backup, { readonly: true, fileMustExist: true });
await source.backup(temporary);
source.close();
const check = settleCopy(temporary);
if (check !== 'ok') {
  rmSync(temporary, { force: true });
  console.error(`The backup fails its integrity check, nothing restored: ${check}`);
  process.exit(1);
}
if (existsSync(target)) {
  const old = new Database(target);
  old.pragma('wal_checkpoint(TRUNCATE)');
  old.close();
  renameSync(target, `${target}.pre-restore-${stamp}`);
}
rmSync(`${target}-wal`, { force: true });
rmSync(`${target}-shm`, { force: true });
renameSync(temporary, target);
restoreKeys();
restoreFiles();

const after = integrityCheck(target);
console.log(`Restored ${backup} to ${target}; integrity_check: ${after}`);
if (after !== 'ok') process.exit(1);

function restoreKeys() {
  const keys = secretsBeside(backup);
  if (!existsSync(keys)) {
    console.log('No key files beside the backup: the current keys (or the environment) stay in use.');
    return;
  }
  const into = secretsDir(target);
  for (const name of readdirSync(keys)) {
    const current = join(into, name);
    if (existsSync(current) && !readFileSync(current).equals(readFileSync(join(keys, name)))) {
      renameSync(current, `${current}.pre-restore-${stamp}`);
    }
  }
  cpSync(keys, into, { recursive: true });
  console.log(`Key files restored to ${into}`);
}

function restoreFiles() {
  for (const folder of uploadFolders) {
    const from = join(filesBeside(backup), folder);
    if (existsSync(from)) cpSync(from, join(dirname(target), folder), { recursive: true });
  }
}

function integrityCheck(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const result = db.pragma('integrity_check', { simple: true }) as string;
  db.close();
  return result;
}

/** Linux: the ids of other processes with the database or its WAL open. */
function processesHolding(path: string) {
  if (!existsSync('/proc/self/fd')) return [];
  const names = new Set([path, `${path}-wal`, `${path}-shm`]);
  const holders: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p) && p !== String(process.pid))) {
    try {
      if (readdirSync(`/proc/${pid}/fd`).some((fd) => names.has(readlinkSync(`/proc/${pid}/fd/${fd}`)))) {
        holders.push(pid);
      }
    } catch {
      // not ours to look at, or gone
    }
  }
  return holders;
}
