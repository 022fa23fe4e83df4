// `npm run keys:export -- FOLDER`: copies the server's key files (data/secrets/, beside the database)
// to FOLDER, kept apart from the database and its backups so that neither alone opens sealed bids.
// Refuses a FOLDER inside the database's folder, or in or just under a folder holding a database copy.
// Files 0600 in a 0700 folder. See README "Backups and keys" and decision 094.
import Database from 'better-sqlite3';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { keyFile, keyNamesIn, recordedKeys } from '../app/lib/server-keys';
import { databaseFile, secretsDir } from './database-file';

process.umask(0o077);

const [argument] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!argument) {
  console.error('Usage: npm run keys:export -- FOLDER   (on another medium than the database and its backups)');
  process.exit(2);
}
const destination = resolve(argument);
const database = databaseFile();
const folder = secretsDir(database);

const refusal = whyNotThere(destination);
if (refusal) {
  console.error(`Not exporting to ${destination}: ${refusal}`);
  console.error('Choose a folder on another medium (a USB key kept elsewhere, a password manager, another machine).');
  process.exit(1);
}

const names = keyNamesIn(folder);
if (!names.length) {
  console.error(`No key files in ${folder}: if the keys come from the *_SECRET variables, keep those apart yourself.`);
  process.exit(1);
}
for (const name of names) {
  const existing = keyFile(destination, name);
  if (existsSync(existing) && !readFileSync(existing).equals(readFileSync(keyFile(folder, name)))) {
    console.error(`${existing} already holds a different ${name} (another deployment's?): choose another folder.`);
    process.exit(1);
  }
}

mkdirSync(destination, { recursive: true, mode: 0o700 });
chmodSync(destination, 0o700);
for (const name of names) {
  copyFileSync(keyFile(folder, name), keyFile(destination, name));
  chmodSync(keyFile(destination, name), 0o600);
}
console.log(`Exported ${names.join(', ')} to ${destination}`);
for (const name of unexportedKeys()) {
  console.log(`${name} has no key file here (set from the environment?): keep its value apart yourself.`);
}
if (existsSync(dirname(database)) && statSync(destination).dev === statSync(dirname(database)).dev) {
  console.log('That folder is on the same disk as the database: move it to another medium or machine.');
}

/** Why the keys must not go to `path`, or null: beside the live database, or in or beside a copy of it. */
function whyNotThere(path: string) {
  const fromData = relative(dirname(database), path);
  if (fromData !== '..' && !fromData.startsWith('../')) {
    return `it is inside ${dirname(database)}, beside the database: whoever copies that folder would have both.`;
  }
  for (const at of [path, dirname(path)]) {
    const copy = existsSync(at) && statSync(at).isDirectory() ? databaseCopyIn(at) : null;
    if (copy) return `the database copy ${copy} is there: whoever holds the backups would have the keys too.`;
  }
  return null;
}

/** A SQLite database file directly in `folder` (a backup, say), found by its header. */
function databaseCopyIn(folder: string) {
  const header = Buffer.alloc(16);
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      const fd = openSync(join(folder, entry.name), 'r');
      const read = readSync(fd, header, 0, 16, 0);
      closeSync(fd);
      if (read === 16 && header.toString('latin1') === 'SQLite format 3\0') return join(folder, entry.name);
    } catch {
      // unreadable: not ours
    }
  }
  return null;
}

/** Keys the database has used that have no key file to export. */
function unexportedKeys() {
  if (!existsSync(database)) return [];
  const sqlite = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return recordedKeys(sqlite)
      .map((row) => row.name)
      .filter((name) => !names.includes(name));
  } finally {
    sqlite.close();
  }
}
