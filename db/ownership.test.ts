import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';

// Each table is written only by the capability whose db/schema/<capability>.ts holds it
// (docs/decisions/102); another capability calls the owner's function. Reads are governed by the
// import rule in eslint.config.js. This reads the source text: it sees drizzle's
// `.insert(t)`/`.update(t)`/`.delete(t)` and SQL `insert into`/`update … set`/`delete from`.

const schemaDir = 'db/schema';
const notOwners = new Set(['index', 'columns']);
/** lib/ appends to the audit log in every command's transaction and keeps the server keys. */
const libOwns = ['audit', 'platform'];

async function tableOwners() {
  const byVariable = new Map<string, string>();
  const bySqlName = new Map<string, string>();
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const owner = basename(file, '.ts');
    if (notOwners.has(owner)) continue;
    const module: Record<string, unknown> = await import(`./schema/${owner}.ts`);
    for (const [name, value] of Object.entries(module)) {
      if (!is(value, SQLiteTable)) continue;
      byVariable.set(name, owner);
      bySqlName.set(getTableName(value), owner);
    }
  }
  return { byVariable, bySqlName };
}

const drizzleWrite = /\.(insert|update|delete)\(\s*(?:\w+\.)?(\w+)\s*\)/g;
const sqlWrite =
  /\b(?:insert\s+(?:or\s+\w+\s+)?into|delete\s+from|update)\s+["`]?(\w+)["`]?(?=\s*(?:\(|set\b|where\b|values\b|select\b|;|$))/gi;

function writes(source: string, owners: Awaited<ReturnType<typeof tableOwners>>) {
  return [
    ...[...source.matchAll(drizzleWrite)].map(
      (m) => owners.byVariable.get(m[2]!) && [m[2]!, owners.byVariable.get(m[2]!)!],
    ),
    ...[...source.matchAll(sqlWrite)].map((m) => owners.bySqlName.get(m[1]!) && [m[1]!, owners.bySqlName.get(m[1]!)!]),
  ].filter((w): w is [string, string] => !!w);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|test-helpers|test-fixtures/.test(f))
    .map((f) => join(dir, f));
}

describe('tables owned by capability', () => {
  it('every table is in exactly one capability file', async () => {
    const owners = await tableOwners();
    const barrel: Record<string, unknown> = await import('./schema/index');
    const tables = Object.entries(barrel).filter(([, value]) => is(value, SQLiteTable));
    expect(tables.map(([name]) => name).sort()).toEqual([...owners.byVariable.keys()].sort());
  });

  it('app/ writes only the tables of its own capability', async () => {
    const owners = await tableOwners();
    const offenders = sourceFiles('app').flatMap((file) => {
      const capability = file.split('/')[1]!;
      const allowed = capability === 'lib' ? libOwns : [capability];
      return writes(readFileSync(file, 'utf8'), owners)
        .filter(([, owner]) => !allowed.includes(owner))
        .map(([table, owner]) => `${file} writes ${table} (${owner})`);
    });
    expect(offenders).toEqual([]);
  });

  it('sees the writes it claims to see', async () => {
    const owners = await tableOwners();
    const source = [
      'tx.update(unions).set({ attendanceStandard: standard }).run();',
      'tx.insert(s.milestones).values(rows).run();',
      'tx\n  .delete(\n    evaluations\n  )',
      "sqlite.prepare('update organizations set name = ? where id = ?')",
      "db.run(sql`insert or ignore into notifications (template) values ('x')`)",
      '// update the contract, then delete from memory; insert(nothing)',
    ].join('\n');
    expect(writes(source, owners)).toEqual([
      ['unions', 'unions'],
      ['milestones', 'payments'],
      ['evaluations', 'evaluation'],
      ['organizations', 'organizations'],
      ['notifications', 'notifications'],
    ]);
  });
});
