import { sqlite } from '~/lib/db.server';

export type Statement = { sql: string; params: unknown[] };

type Run = (this: { source: string }, ...params: unknown[]) => unknown;

// better-sqlite3's own transaction statements (BEGIN, COMMIT, its savepoints): not the application's.
const transactionControl = /^(BEGIN( \w+)?|COMMIT|ROLLBACK|(SAVEPOINT|RELEASE|ROLLBACK TO) `\t_bs3\.\t`)$/;

/**
 * Runs `fn` with every statement the application runs on its connection recorded, with the
 * parameters it ran with: a wrapper around the statements' methods, removed afterwards. The
 * statements' prototype, not `prepare`: the application reuses statements it compiled before.
 */
export async function recordStatements(fn: () => unknown): Promise<Statement[]> {
  const recorded: Statement[] = [];
  const prototype = Object.getPrototypeOf(sqlite.prepare('select 1')) as Record<string, Run>;
  const originals = (['all', 'get', 'run', 'iterate'] as const).map((method) => [method, prototype[method]!] as const);
  for (const [method, run] of originals) {
    prototype[method] = function (...params) {
      if (!transactionControl.test(this.source)) recorded.push({ sql: this.source, params });
      return run.apply(this, params);
    };
  }
  try {
    await fn();
  } finally {
    for (const [method, run] of originals) prototype[method] = run;
  }
  return recorded;
}
