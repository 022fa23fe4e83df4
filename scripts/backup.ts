// `npm run backup [-- FILE] [--keep N]`: a consistent copy of the running database made with
// SQLite's online backup API, plus the key files from data/secrets/ beside it (a backup without
// the bid-sealing key cannot open sealed bids). See README "Backups" and decision 072.
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { databaseFile, filesBeside, secretsBeside, secretsDir, settleCopy, uploadFolders } from './database-file';

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
mkdirSync(dirname(target), { recursive: true });

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
renameSync(partial, target);

// Uploads are written before the row that names them is committed and never changed afterwards:
// copied after the snapshot, they include every file the copy refers to.
for (const folder of uploadFolders) {
  const from = join(dirname(source), folder);
  if (existsSync(from)) cpSync(from, join(filesBeside(target), folder), { recursive: true });
}
const keys = secretsDir(source);
const keysCopy = secretsBeside(target);
if (existsSync(keys)) cpSync(keys, keysCopy, { recursive: true });
console.log(`Backup written to ${target}`);
if (existsSync(filesBeside(target))) console.log(`Uploaded files copied to ${filesBeside(target)}`);
console.log(
  existsSync(keys)
    ? `Key files copied to ${keysCopy} — keep them as safe as the database: they open sealed bids.`
    : 'No key files beside the database (secrets come from the environment): back those up separately.',
);
if (keep !== null) prune(dirname(target), keep);

function prune(folder: string, count: number) {
  const backups = readdirSync(folder)
    .filter((name) => /^app-.*\.db$/.test(name))
    .sort()
    .reverse();
  for (const name of backups.slice(count)) {
    const file = join(folder, name);
    rmSync(file, { force: true });
    rmSync(secretsBeside(file), { recursive: true, force: true });
    rmSync(filesBeside(file), { recursive: true, force: true });
    console.log(`Removed old backup ${file}`);
  }
}
