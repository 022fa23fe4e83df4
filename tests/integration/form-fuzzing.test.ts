// Every form's action, fed arbitrary form data by someone allowed to post there, answers with a
// refusal or a message (4xx, or a reply carrying the errors), never with a 500, and writes nothing
// when it answers with an error.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  actionRoutes,
  buildWorld,
  plausibleForm,
  posters,
  requestFor,
  rolledBack,
  tableCounts,
  urlFor,
  type World,
} from '../support/authorization';

// FUZZ_RUNS=1000 for a deeper search; 50 keeps the file under a minute.
const runsPerForm = Number(process.env.FUZZ_RUNS ?? 50);

// Written on purpose even when the answer is an error: the trail, sessions, failed sign-ins (the
// login throttle counts them) and the rate limits' windows (a refused attempt counts too).
const logTables = new Set(['audit_log', 'sessions', 'login_failures', 'rate_windows']);

type Action = (args: unknown) => unknown;

/** Field names the forms use: keys of the capability schemas and names the route reads or renders. */
function fieldNames(routeFile: string) {
  const schemas = ['accounts', 'catalog', 'delivery', 'evaluation', 'incubation', 'invitations', 'organizations']
    .concat(['payments', 'procurement', 'risk', 'unions'])
    .map((c) => readFileSync(resolve('app', c, 'schemas.ts'), 'utf8'))
    .join('\n');
  const route = readFileSync(resolve('app', routeFile), 'utf8');
  const names = new Set<string>();
  for (const m of schemas.matchAll(/^\s+(\w+): /gm)) names.add(m[1]!);
  for (const m of route.matchAll(/formData\.get(?:All)?\('(\w+)'\)|name="(\w+)"/g)) names.add((m[1] ?? m[2])!);
  names.delete('intent');
  return [...names];
}

const junk = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  '-0',
  '1e309',
  'NaN',
  'Infinity',
  '9007199254740993',
  '99999999999999999999',
  '0.001',
  '1,000',
  '１２３',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '2026-01-01T25:61',
  '9999-12-31T23:59',
  '1970-01-01T00:00',
  '2026-06-01',
  '\u0000',
  '\uD800',
  '<script>alert(1)</script>',
  "'; drop table users; --",
  '../../etc/passwd',
  'true',
  'null',
  '[]',
  '{"a":1}',
  'x'.repeat(20_000),
  '长'.repeat(100_000),
  'a@b',
  'test@example.test',
);

const value = fc.oneof(
  junk,
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc
    .date({ noInvalidDate: false })
    .map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString().slice(0, 16))),
);

const file = fc
  .record({
    bytes: fc.uint8Array({ maxLength: 64 }),
    name: fc.string({ maxLength: 20 }),
    type: fc.string({ maxLength: 20 }),
  })
  .map(({ bytes, name, type }) => new File([bytes], name || 'f', { type }));

/**
 * A plausible form (valid values for the common fields) with some fields dropped or replaced by
 * junk, plus random fields from the schemas and unknown ones: deep enough to reach the commands.
 */
function formArbitrary(fields: string[], intents: string[], plausible: Record<string, string>) {
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: fc.string() });
  const base = Object.entries(plausible).map(([field, good]) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant([field, good] as [string, string | File]) },
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: value.map((v) => [field, v] as [string, string | File]) },
    ),
  );
  return fc
    .record({
      intent: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...intents) },
        { weight: 1, arbitrary: fc.option(fc.string(), { nil: '' }) },
      ),
      base: fc.tuple(...base).map((pairs) => pairs.filter((p) => p !== null)),
      extra: fc.array(fc.tuple(name, fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: file })), {
        maxLength: 8,
      }),
    })
    .map(({ intent, base, extra }) => ({ intent, entries: [...base, ...extra] }));
}

function statusOf(value: unknown): number | null {
  if (value instanceof Response) return value.status;
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'DataWithResponseInit')
    return (value as { init?: ResponseInit | null }).init?.status ?? 200;
  return null;
}

/** A reply that tells the person what went wrong: a Conform result with errors, or a message key. */
function carriesError(value: unknown): boolean {
  const payload =
    value && typeof value === 'object' && (value as { type?: unknown }).type === 'DataWithResponseInit'
      ? (value as { data: unknown }).data
      : value;
  const text = JSON.stringify(payload ?? null) ?? '';
  return /"status":"error"|"failure":|"error":|"formErrors":|"messageKey":/.test(text);
}

type Answer = { status: number; errorReply: boolean };

async function answer(run: () => unknown): Promise<Answer> {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    const status = statusOf(error);
    if (status === null) throw error;
    return { status, errorReply: status >= 400 };
  }
  const status = statusOf(result) ?? 200;
  return { status, errorReply: status >= 400 || carriesError(result) };
}

function changedTables(before: Record<string, number>, after: Record<string, number>) {
  return Object.keys(after).filter((t) => !logTables.has(t) && before[t] !== after[t]);
}

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);

const actionLeaves = actionRoutes();

describe('form fuzzing', () => {
  it('covers every route with an action', () => {
    const missing = actionLeaves.map((l) => l.path).filter((p) => !(p in posters));
    expect(
      missing,
      `Add these routes to \`posters\` in tests/support/authorization.ts with a role allowed to post`,
    ).toEqual([]);
  });

  for (const leaf of actionLeaves) {
    it(`/${leaf.path}`, { timeout: 60_000 }, async () => {
      const roles = posters[leaf.path];
      if (!roles) return;
      const { action } = (await import(resolve('app', leaf.file))) as { action: Action };
      const fields = fieldNames(leaf.file);
      const { url, params: routeParams } = urlFor(world, leaf.path);
      await fc.assert(
        fc.asyncProperty(
          formArbitrary(fields, Object.keys(roles), plausibleForm(world, leaf.path)),
          async ({ intent, entries }) => {
            const role = roles[intent] ?? Object.values(roles)[0]!;
            const body = new FormData();
            if (intent) body.append('intent', intent);
            for (const [name, v] of entries) body.append(name, v);
            const outcome = await rolledBack(async () => {
              const before = tableCounts();
              const request = requestFor(url, world.cookies[role], { method: 'POST', body });
              const result = await answer(() => action({ request, params: routeParams, context: {} }));
              return { ...result, changed: result.errorReply ? changedTables(before, tableCounts()) : [] };
            });
            expect(outcome.status, `POST /${leaf.path} as ${role}`).toBeLessThan(500);
            expect(outcome.changed, `POST /${leaf.path} as ${role} answered an error but wrote`).toEqual([]);
          },
        ),
        { numRuns: runsPerForm, endOnFailure: true },
      );
    });
  }
});
