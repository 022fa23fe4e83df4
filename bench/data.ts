/**
 * The benchmark's generated database, cached under bench/.data/ by county count, year count and the
 * generator's version: a second `npm run bench` reuses it instead of writing millions of rows again.
 * A cached file made before a newer migration is brought forward by applying the missing migrations
 * (drizzle's migrator, as the server does at start), so a new migration does not cost a national-size
 * regeneration (2,800 counties take a quarter of an hour). Merged migrations are never edited; a
 * change to the generated data bumps `generatorVersion`.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { progressBar } from './progress';
import { generateScale, generatorVersion, rowCounts } from '../db/scale';
import Database from 'better-sqlite3';

const dataDir = 'bench/.data';

export function cachedDatabasePath(counties: number, years: number) {
  return join(dataDir, `scale-${counties}c-${years}y-g${generatorVersion}.db`);
}

/** The cached generated database, generated first when missing; returns its path and row counts. */
export async function generatedDatabase(counties: number, years: number) {
  const path = cachedDatabasePath(counties, years);
  if (existsSync(path)) {
    console.log(`Reusing ${path}`);
    const sqlite = new Database(path);
    const applied = () => sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get() as number;
    const before = applied();
    migrate(drizzle(sqlite), { migrationsFolder: resolve('db/migrations') });
    if (applied() > before) console.log(`  applied ${applied() - before} newer migration(s) to it`);
    const counts = rowCounts(sqlite);
    sqlite.close();
    return { path, counts, generation: null };
  }
  console.log(`Generating ${counties} counties × ${years} years into ${path}…`);
  const partial = `${path}.partial`;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await generateScale(partial, { counties, years, onProgress: progressBar(started) });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  process.stderr.write('\n');
  renameSync(partial, path);
  const generation = {
    rows: result.rows,
    seconds,
    rowsPerSecond: Math.round(result.rows / seconds),
    rowsPerCpuSecond: Math.round(result.rows / ((used.user + used.system) / 1e6)),
  };
  console.log(
    `  ${generation.rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${generation.rowsPerSecond.toLocaleString('en')} rows/s)`,
  );
  return { path, counts: result.counts, generation };
}

/** A working copy of the cached database for one run (the run writes check-ins and ratings). */
export function workingCopy(path: string) {
  const copy = join(dataDir, 'run.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  copyFileSync(path, copy);
  // Written to disk before the servers start: otherwise the kernel writes the copy back (26 GB
  // nationally) while the first scenarios run, and they measure that.
  const fd = openSync(copy, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  return copy;
}
