import { sqlite } from '~/lib/db.server';

export type Statement = { sql: string; params: unknown[] };

/**
 * Runs `fn` with every statement the application prepares on its connection recorded, with the
 * parameters it ran with: a wrapper around the real `prepare`, removed afterwards.
 */
export async function recordStatements(fn: () => unknown): Promise<Statement[]> {
  const recorded: Statement[] = [];
  const prepare = sqlite.prepare;
  sqlite.prepare = function (this: typeof sqlite, source: string) {
    const statement = prepare.call(this, source);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const run = statement[method] as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        recorded.push({ sql: source, params });
        return run.apply(statement, params);
      };
    }
    return statement;
  } as typeof sqlite.prepare;
  try {
    await fn();
  } finally {
    sqlite.prepare = prepare;
  }
  return recorded;
}
