// `npm run backup [-- FILE] [--keep N]`: a consistent copy of the running database made with
// SQLite's online backup API, and the uploaded files beside it; never the keys, which
// `npm run keys:export` writes elsewhere, so that a backup alone opens nothing. Everything it
// writes is its owner's only. See README "Backups and keys" and decisions 072, 094.
import Database from 'better-sqlite3';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { databaseFile, filesBeside, ownerOnly, secretsBeside, settleCopy, uploadFolders } from './database-file';

process.umask(0o077);

const args = process.argv.slice(2);
const keepFlag = args.indexOf('--keep');
const keep = keepFlag >= 0 ? Number(args.splice(keepFlag, 2)[1]) : null;
if (keep !== null && (!Number.isInteger(keep) || keep < 1)) {
  console.error('--keep must be a whole number of backups to keep, at least 1.');
  process.exit(2);
}

const source = databaseFile();
if (!existsSync(source)) {
  console.error(`No database at ${source}`);
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const target = resolve(args[0] ?? join(dirname(source), 'backups', `app-${stamp}.db`));
mkdirSync(dirname(target), { recursive: true, mode: 0o700 });

const partial = `${target}.partial`;
const db = new Database(source, { readonly: true, fileMustExist: true });
await db.backup(partial);
db.close();
const check = settleCopy(partial);
if (check !== 'ok') {
  rmSync(partial, { force: true });
  console.error(`The copy failed its integrity check: ${check}`);
  process.exit(1);
}
chmodSync(partial, 0o600);
renameSync(partial, target);

// Uploads are written before the row that names them is committed and never changed afterwards:
// copied after the snapshot, they include every file the copy refers to. A copy keeps its source's
// mode whatever the umask, hence ownerOnly.
for (const folder of uploadFolders) {
  const from = join(dirname(source), folder);
  if (existsSync(from)) cpSync(from, join(filesBeside(target), folder), { recursive: true });
}
if (existsSync(filesBeside(target))) ownerOnly(filesBeside(target));
console.log(`Backup written to ${target}`);
if (existsSync(filesBeside(target))) console.log(`Uploaded files copied to ${filesBeside(target)}`);
console.log('The keys are not in the backup: keep a copy of them apart, written by `npm run keys:export -- FOLDER`.');
if (keep !== null) prune(dirname(target), keep);

function prune(folder: string, count: number) {
  const backups = readdirSync(folder)
    .filter((name) => /^app-.*\.db$/.test(name))
    .sort()
    .reverse();
  for (const name of backups.slice(count)) {
    const file = join(folder, name);
    rmSync(file, { force: true });
    rmSync(secretsBeside(file), { recursive: true, force: true }); // the keys of backups made before 094
    rmSync(filesBeside(file), { recursive: true, force: true });
    console.log(`Removed old backup ${file}`);
  }
}
