// `npm run restore -- FILE [--keys FOLDER] [--without-keys] [--force]`: replaces the database
// (DATABASE_PATH, default data/app.db) with a backup made by `npm run backup`, and its uploaded files.
// The keys come from --keys (a folder written by `npm run keys:export`), the *_SECRET variables or the
// key files already beside the database. Changes nothing when a key the backup was used with is in
// none of them (--without-keys restores anyway, giving up what it sealed), or while another process
// has the database open (--force). See README "Backups and keys" and decisions 072, 094.
import Database from 'better-sqlite3';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeKeyProblems, findKey, keyFile, keyNamesIn, keyProblem, recordedKeys } from '../app/lib/server-keys';
import { databaseFile, filesBeside, secretsBeside, secretsDir, settleCopy, uploadFolders } from './database-file';

const args = process.argv.slice(2);
const keysFlag = args.indexOf('--keys');
const keysArgument = keysFlag >= 0 ? args.splice(keysFlag, 2)[1] : undefined;
const force = args.includes('--force');
const withoutKeys = args.includes('--without-keys');
const file = args.find((a) => !a.startsWith('--'));
if (!file || !existsSync(file) || (keysFlag >= 0 && !(keysArgument && existsSync(keysArgument)))) {
  console.error('Usage: npm run restore -- FILE [--keys FOLDER] [--without-keys] [--force]');
  console.error('  FILE: a backup written by npm run backup; FOLDER: the keys written by npm run keys:export');
  process.exit(2);
}
const backup = resolve(file);
const target = databaseFile();
const secrets = secretsDir(target);
// Backups made before decision 094 carry their keys beside them.
const keys = keysArgument ? resolve(keysArgument) : existsSync(secretsBeside(backup)) ? secretsBeside(backup) : null;

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
checkKeys();
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

/** The key the server will use for `name` after the restore: its variable, else the key file. */
function keyAfterRestore(name: string) {
  return findKey(name, keys && existsSync(keyFile(keys, name)) ? keys : secrets);
}

/**
 * Every key the backup was used with must be there after the restore, and be the same key: else
 * nothing is restored, or with --without-keys the backup forgets them so the server makes new ones.
 */
function checkKeys() {
  const copy = new Database(temporary, { fileMustExist: true });
  const problems = recordedKeys(copy).flatMap(
    (row) => keyProblem(row.name, keyAfterRestore(row.name), row.fingerprint) ?? [],
  );
  if (withoutKeys) for (const { name } of problems) copy.prepare('delete from server_keys where name = ?').run(name);
  copy.close();
  if (!problems.length) return;
  const list = describeKeyProblems(problems, keys ?? secrets);
  if (withoutKeys) {
    console.error(`--without-keys: restoring without these keys; what they sealed stays unreadable:\n${list}`);
    return;
  }
  rmSync(temporary, { force: true });
  console.error(`Nothing restored: this backup was used with keys that are not here.\n${list}`);
  console.error(
    [
      'A backup holds no keys. Give them, then run the restore again, in one of these ways:',
      '  --keys FOLDER   the folder written by `npm run keys:export` (kept apart from the backups)',
      '  the variables   BID_SEALING_SECRET=… and the others, as the server has them, if your keys come from there',
      `  the key files   in ${secrets}`,
      'If a key is lost for good, --without-keys restores anyway: what it sealed stays unreadable and',
      'the server makes a new key.',
    ].join('\n'),
  );
  process.exit(1);
}

function restoreKeys() {
  if (!keys) return;
  mkdirSync(secrets, { recursive: true, mode: 0o700 });
  chmodSync(secrets, 0o700);
  const names = keyNamesIn(keys);
  for (const name of names) {
    const current = keyFile(secrets, name);
    if (existsSync(current) && !readFileSync(current).equals(readFileSync(keyFile(keys, name)))) {
      renameSync(current, `${current}.pre-restore-${stamp}`);
    }
    copyFileSync(keyFile(keys, name), current);
    chmodSync(current, 0o600);
  }
  console.log(`Keys ${names.join(', ')} restored to ${secrets}`);
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
