import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, canonicalJson } from './audit.server';
import { databasePath, sqlite, transaction } from './db.server';

/** The real `npm run audit:verify`, as an operator runs it, against this test's database file. */
function verifyScript() {
  const run = spawnSync(resolve('node_modules/.bin/tsx'), ['scripts/audit-verify.ts'], {
    env: { ...process.env, DATABASE_PATH: databasePath() },
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

function writeChanges(count: number) {
  for (let i = 0; i < count; i++)
    transaction((tx) =>
      audit(tx, {
        actorId: null,
        action: 'test.change',
        subjectType: 'thing',
        subjectId: i,
        before: { state: 'a', n: i },
        after: { state: 'b', n: i },
      }),
    );
}

const dropTriggers = () => {
  sqlite.exec('drop trigger if exists audit_log_no_update; drop trigger if exists audit_log_no_delete;');
};

describe('the audit chain', () => {
  it('serializes values canonically, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
    );
  });

  it('links each row to the one before and is append-only', () => {
    writeChanges(3);
    const rows = sqlite.prepare('select id, prev_hash, hash from audit_log order by id').all() as {
      id: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(() => sqlite.prepare("update audit_log set action = 'x' where id = 1").run()).toThrow('append-only');
    expect(() => sqlite.prepare('delete from audit_log where id = 1').run()).toThrow('append-only');
  });

  it('notices a row removed from the middle or the end', { timeout: 120_000 }, () => {
    writeChanges(4);
    const rows = sqlite.prepare('select * from audit_log order by id').all() as Record<string, unknown>[];
    const ids = rows.slice(-4).map((r) => r.id as number);
    dropTriggers();
    sqlite.prepare('delete from audit_log where id = ?').run(ids[3]);
    expect(verifyScript().output).toContain(`BROKEN at audit_log row ${ids[3]}:`);
    sqlite.prepare('delete from audit_log where id = ?').run(ids[1]);
    const result = verifyScript();
    expect(result.status).toBe(1);
    expect(result.output).toContain(`BROKEN at audit_log row ${ids[2]}:`);

    const columns = Object.keys(rows[0]!);
    const insert = sqlite.prepare(
      `insert into audit_log (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    for (const row of rows.filter((r) => r.id === ids[1] || r.id === ids[3])) insert.run(row);
    expect(verifyScript().status).toBe(0);
  });

  it('is verified by audit:verify, which names the first row edited behind its back', { timeout: 60_000 }, () => {
    writeChanges(2);
    const intact = verifyScript();
    const count = (sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
    expect(intact.output).toContain(`OK: ${count} audit rows`);
    expect(intact.status).toBe(0);

    dropTriggers();
    const target = (sqlite.prepare('select id from audit_log order by id limit 1 offset 2').get() as { id: number }).id;
    sqlite.prepare(`update audit_log set "after" = '{"state":"z","n":2}' where id = ?`).run(target);
    const broken = verifyScript();
    expect(broken.status).toBe(1);
    expect(broken.output).toContain(`BROKEN at audit_log row ${target}:`);
  });
});
