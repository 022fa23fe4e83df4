import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

/** Migrates one template database; each test file copies it (see setup-db.ts). */
export default function setup() {
  const dir = resolve('tests/.tmp/vitest');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sqlite = new Database(resolve(dir, 'template.db'));
  migrate(drizzle(sqlite), { migrationsFolder: resolve('db/migrations') });
  sqlite.close();
}
