import Database from 'better-sqlite3';
import { chmodSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

// The same defaults as app/lib/db.server.ts and secrets.server.ts, without opening (and migrating)
// the database the way importing db.server.ts does.
export const databaseFile = () => resolve(process.env.DATABASE_PATH ?? 'data/app.db');
export const secretsDir = (database: string) => join(dirname(database), 'secrets');
/** Where backups made before keys were kept apart put their key files: app-….db → app-….secrets/ */
export const secretsBeside = (backup: string) => join(dirname(backup), `${basename(backup, '.db')}.secrets`);
/** Uploaded files the database refers to, kept in folders beside it; a backup copies them to app-….files/ */
export const uploadFolders = ['uploads', 'attachments', 'vouchers'] as const;
export const filesBeside = (backup: string) => join(dirname(backup), `${basename(backup, '.db')}.files`);

/**
 * Makes a freshly written copy one self-contained file (rollback journal instead of WAL, so no
 * -wal/-shm beside it) and returns SQLite's integrity check of it: 'ok' or the problems found.
 */
export function settleCopy(file: string) {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    return copy.pragma('integrity_check', { simple: true }) as string;
  } finally {
    copy.close();
  }
}

/** Makes a folder and all in it readable by its owner only (0700 folders, 0600 files). */
export function ownerOnly(path: string) {
  chmodSync(path, 0o700);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const inside = join(path, entry.name);
    if (entry.isDirectory()) ownerOnly(inside);
    else chmodSync(inside, 0o600);
  }
}
