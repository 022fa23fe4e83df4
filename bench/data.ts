/**
 * The benchmark's generated database, cached under bench/.data/ by county count, the migrations and
 * the generator's version: a second `npm run bench` reuses it instead of writing millions of rows again.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { progressBar } from './progress';
import { generateScale, generatorVersion, rowCounts } from '../db/scale';
import Database from 'better-sqlite3';

const dataDir = 'bench/.data';

function migrationsHash() {
  const hash = createHash('sha256');
  for (const file of readdirSync('db/migrations')
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(join('db/migrations', file)));
  }
  return hash.update(String(generatorVersion)).digest('hex').slice(0, 12);
}

export function cachedDatabasePath(counties: number, years: number) {
  return join(dataDir, `scale-${counties}c-${years}y-${migrationsHash()}.db`);
}

/** The cached generated database, generated first when missing; returns its path and row counts. */
export async function generatedDatabase(counties: number, years: number) {
  const path = cachedDatabasePath(counties, years);
  if (existsSync(path)) {
    console.log(`Reusing ${path}`);
    const sqlite = new Database(path, { readonly: true });
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
  return copy;
}
