import Database from 'better-sqlite3';
import { basename, dirname, join, resolve } from 'node:path';

// The same defaults as app/lib/db.server.ts and secrets.server.ts, without opening (and migrating)
// the database the way importing db.server.ts does.
export const databaseFile = () => resolve(process.env.DATABASE_PATH ?? 'data/app.db');
export const secretsDir = (database: string) => join(dirname(database), 'secrets');
/** Where a backup's key files go: app-….db → app-….secrets/ */
export const secretsBeside = (backup: string) => join(dirname(backup), `${basename(backup, '.db')}.secrets`);

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
