// The built production server (server.mjs) on this test file's own database: a rating the server
// answered survives a SIGKILL in the middle of a burst, and SIGTERM lets requests under way finish,
// closes the database and exits 0. Needs `npx react-router build` first (scripts/test.mjs does it).
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { once } from 'node:events';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as schema from '../../db/schema';
import { killServers, startServer, untilOutput } from '../support/server';
import { demoEventUnderWay, verifiedPhone } from '../fixtures/delivery';
import { checkIn, checkinCode, issueTicket } from '~/delivery/checkin.server';
import { workerCredential } from '~/delivery/workers.server';
import { databasePath, db } from '~/lib/db.server';

let eventId: number;

/** One verified worker who has checked in, and the credential cookie their phone carries. */
function checkedInWorker() {
  const event = db.select().from(schema.events).where(eq(schema.events.id, eventId)).get()!;
  const phone = verifiedPhone();
  const checkin = checkIn(eventId, phone, { ticket: issueTicket(event, checkinCode(event)) });
  return { cookie: `worker=${workerCredential(phone.workerId!)}`, checkinId: checkin.id };
}

const ratingBody = (score: number) => new URLSearchParams({ score: String(score), comment: '' }).toString();

/** Posts a rating as the phone's form would; true when the server said thanks. */
async function submitRating(port: number, cookie: string, score: number) {
  const response = await fetch(`http://localhost:${port}/c/${eventId}/rate`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: ratingBody(score),
    redirect: 'manual',
  });
  return response.status === 302 && (response.headers.get('location') ?? '').includes('thanks');
}

function ratedCheckins() {
  const sqlite = new Database(databasePath(), { readonly: true });
  try {
    return new Set(sqlite.prepare('select checkin_id from ratings').pluck().all() as number[]);
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  const event = await demoEventUnderWay('crash-safety');
  eventId = event.id;
}, 60_000);

afterAll(killServers);

describe('the production server', () => {
  test('every rating it answered survives a SIGKILL in the middle of a burst', async () => {
    const workers = Array.from({ length: 300 }, checkedInWorker);
    const server = await startServer();
    const killAfter = 60;
    const answered: number[] = [];
    const submissions = workers.map(async (worker, i) => {
      try {
        if (!(await submitRating(server.port, worker.cookie, 1 + (i % 5)))) return;
        answered.push(worker.checkinId);
        if (answered.length === killAfter) server.process.kill('SIGKILL');
      } catch {
        // The connection died with the server: this phone got no answer.
      }
    });
    await Promise.all(submissions);
    await server.exited;

    expect(answered.length).toBeGreaterThanOrEqual(killAfter);
    expect(answered.length, 'the kill came in the middle of the burst').toBeLessThan(workers.length);

    // Restarting on the same file recovers it (WAL replay); every answered rating is there.
    const restarted = await startServer();
    const rated = ratedCheckins();
    expect(answered.filter((id) => !rated.has(id))).toEqual([]);
    expect((await fetch(`${restarted.url}/healthz`)).status).toBe(200);
    restarted.process.kill('SIGKILL');
  }, 120_000);

  test('SIGTERM: requests under way finish, new ones are refused, the database is closed, exit 0', async () => {
    const worker = checkedInWorker();
    const server = await startServer();

    // An idle keep-alive connection must not hold the shutdown up.
    const keepAlive = new http.Agent({ keepAlive: true });
    const health = await new Promise<http.IncomingMessage>((resolve) =>
      http.get({ port: server.port, path: '/healthz', agent: keepAlive }, resolve),
    );
    health.resume();
    await once(health, 'end');

    // A rating under way: its headers are in (the server said 100 Continue), its body is not yet.
    const body = ratingBody(4);
    const request = http.request({
      port: server.port,
      method: 'POST',
      path: `/c/${eventId}/rate`,
      headers: {
        cookie: worker.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    });
    const response = new Promise<http.IncomingMessage>((resolve) => request.on('response', resolve));
    request.flushHeaders();
    await once(request, 'continue');

    server.process.kill('SIGTERM');
    await untilOutput(server, 'SIGTERM: shutting down');
    await expect(fetch(`http://localhost:${server.port}/healthz`)).rejects.toThrow();

    request.end(body);
    const answer = await response;
    answer.resume();
    expect(answer.statusCode).toBe(302);
    expect(answer.headers.location).toContain('thanks');

    const [code] = await server.exited;
    expect(code).toBe(0);
    expect(server.output.join('')).toContain('Shut down cleanly');
    keepAlive.destroy();

    const sqlite = new Database(databasePath());
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
    expect(ratedCheckins().has(worker.checkinId)).toBe(true);
  }, 120_000);
});
