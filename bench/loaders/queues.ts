// The cost of the work queues' badge (decision 111): for each kind of person of the demo county, the
// time of `waitingOn` (what the root loader adds to every page for staff and organizations) and of
// the whole root loader, per call over 2,000 calls after a warm-up (the median of five such rounds),
// with the statements per call.
// Usage: npx vite-node bench/loaders/queues.ts   (seeds the demo county into a temporary database)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const directory = mkdtempSync(join(tmpdir(), 'queues-bench-'));
process.env.DATABASE_PATH = join(directory, 'app.db');
process.env.CHECKIN_SECRET ??= 'b'.repeat(64);
process.env.BID_SEALING_SECRET ??= 'a'.repeat(64);
process.env.UNSUBSCRIBE_SECRET ??= 'c'.repeat(64);

const { seedDemo } = await import('../../db/seed');
const { findUserByEmail, getViewer } = await import('~/accounts/auth.server');
const { createSession } = await import('~/accounts/session.server');
const { waitingOn } = await import('~/accounts/workspace.server');
const { runClock } = await import('~/jobs/ticks.server');
const { loader: rootLoader } = await import('~/root');
const { recordStatements } = await import('../../tests/support/statements');

await seedDemo();
runClock();

const calls = 2000;
const people = [
  ['commissioner', 'commissioner@demo.gonghui.cn'],
  ['finance', 'finance@demo.gonghui.cn'],
  ['reviewer', 'reviewer@demo.gonghui.cn'],
  ['incubator manager', 'incubator@demo.gonghui.cn'],
  ['organization owner', 'legal@demo.gonghui.cn'],
  ['leadership', 'leadership@demo.gonghui.cn'],
] as const;

const rounds = 5;

/**
 * Milliseconds per call of `fn`: `calls` calls after as many to warm up, timed `rounds` times; the
 * median round (the machine is shared: one round can be slowed by other work).
 */
async function perCall(fn: () => unknown) {
  for (let i = 0; i < calls; i++) await fn();
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) await fn();
    times.push((performance.now() - started) / calls);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

console.log('who'.padEnd(20), 'waiting', 'queues ms', 'statements', 'root loader ms');
for (const [who, email] of people) {
  const { token } = createSession(findUserByEmail(email)!.id);
  const request = () =>
    new Request('http://localhost/', { headers: { cookie: `session=${encodeURIComponent(token)}` } });
  const viewer = (await getViewer(request()))!;
  const queues = await perCall(() => waitingOn(viewer));
  const statements = (await recordStatements(() => waitingOn(viewer))).length;
  const root = await perCall(() => rootLoader({ request: request(), params: {}, context: {} } as never));
  console.log(
    who.padEnd(20),
    String(waitingOn(viewer).length).padStart(7),
    queues.toFixed(3).padStart(9),
    String(statements).padStart(10),
    root.toFixed(3).padStart(14),
  );
}
rmSync(directory, { recursive: true, force: true });
