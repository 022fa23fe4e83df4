/**
 * The burst after a large event: Suizhou's joint ceremony had 463 workers, who check in and then
 * rate within minutes. Measures check-in + rating throughput and latency through the same
 * functions the routes call, on a real SQLite file. Prints figures; asserts nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.DATABASE_PATH = join(mkdtempSync(join(tmpdir(), 'bench-')), 'bench.db');
process.env.BID_SEALING_SECRET ??= 'a'.repeat(64);
process.env.CHECKIN_SECRET ??= 'b'.repeat(64);

const { demoEventUnderWay, verifiedPhone } = await import('../tests/fixtures/delivery');
const { checkIn, checkinCode, issueTicket, rate } = await import('../app/delivery/checkin.server');

const event = await demoEventUnderWay('bench');

const workers = Number(process.env.WORKERS ?? 463);
// Each worker's number was confirmed on an earlier day: the phone holds its credential.
const phones = Array.from({ length: workers }, () => verifiedPhone());
const latencies: number[] = [];
const started = performance.now();
for (let i = 0; i < workers; i++) {
  const t0 = performance.now();
  const phone = phones[i]!;
  checkIn(event.id, phone, { ticket: issueTicket(event, checkinCode(event)), occupation: 'food_delivery' });
  rate(event.id, phone, { score: 1 + (i % 5), comment: '', tags: [], edit: false });
  latencies.push(performance.now() - t0);
}
const elapsed = performance.now() - started;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(2);
console.log(`rating burst: ${workers} workers checked in and rated in ${elapsed.toFixed(0)} ms`);
console.log(
  `  throughput ${(workers / (elapsed / 1000)).toFixed(0)} workers/s; per worker p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms`,
);
console.log(`  resident memory ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
