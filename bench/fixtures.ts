/**
 * What the load needs beyond the generated data, written into the run's copy of the database:
 * events happening now (check-in and rating windows open), one fresh check-in per rating request
 * to come, and a signed-in session of the province's leadership.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import Database from 'better-sqlite3';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { provinceLeadershipEmail } from '../db/scale';

/** A phone whose number was confirmed by SMS and that has checked in: the cookie it sends. */
export type Device = { eventId: number; cookie: string };

const codeWindowMs = 30_000;

/**
 * The credential the server signs for a confirmed worker (app/delivery/workers.server.ts
 * `workerCredential`, its key derived as in app/delivery/keys.server.ts): pre-issued, as a worker
 * who confirmed their number at an earlier event would hold it.
 */
export function workerCredential(checkinSecretHex: string, workerId: number, issued = Date.now()) {
  const key = createHmac('sha256', Buffer.from(checkinSecretHex, 'hex')).update('delivery:worker-credential').digest();
  const payload = `${workerId}.${issued}`;
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

export function prepareFixtures(
  path: string,
  options: { events: number; devicesPerServer: number; checkinSecret: string },
) {
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  const now = Date.now();
  const province = sqlite.prepare(`select id from unions where level = 'province' order by id limit 1`).get() as {
    id: number;
  };
  const county = sqlite.prepare(`select id from unions where level = 'county' order by id limit 1`).get() as {
    id: number;
  };
  const contracts = sqlite
    .prepare(`select id, organization_id from contracts where state = 'active' order by id limit ?`)
    .all(options.events) as { id: number; organization_id: number }[];
  const insertEvent = sqlite.prepare(
    `insert into events (organization_id, contract_id, title, starts_at, ends_at, venue_type, capacity, expected_attendance,
       checkin_secret, state, created_at) values (?, ?, '压力测试：驿站健康讲座', ?, ?, 'station', 5000, 500, ?, 'scheduled', ?) returning id`,
  );
  const insertWorker = sqlite.prepare(`insert into workers (phone_hash, created_at) values (?, ?) returning id`);
  const insertCheckin = sqlite.prepare(
    `insert into checkins (event_id, worker_id, verification, device_hash, occupation, created_at)
       values (?, ?, 'sms', ?, 'food_delivery', ?)`,
  );
  const mint = (events: { id: number }[]) =>
    Array.from({ length: options.devicesPerServer }, (_, i): Device => {
      const workerId = (insertWorker.get(randomBytes(32).toString('hex'), now) as { id: number }).id;
      const eventId = events[i % events.length]!.id;
      insertCheckin.run(eventId, workerId, createHash('sha256').update(`worker:${workerId}`).digest('hex'), now);
      return { eventId, cookie: `worker=${workerCredential(options.checkinSecret, workerId)}` };
    });
  const fixtures = sqlite.transaction(() => {
    const events = contracts.map((c) => {
      const secret = randomBytes(32).toString('hex');
      const row = insertEvent.get(c.organization_id, c.id, now - 30 * 60_000, now + 4 * 3600_000, secret, now) as {
        id: number;
      };
      return { id: row.id, secret };
    });
    const user = sqlite.prepare(`select id from users where email = ?`).get(provinceLeadershipEmail) as { id: number };
    const sessionId = encodeBase32LowerCaseNoPadding(randomBytes(15));
    const secret = encodeBase32LowerCaseNoPadding(randomBytes(20));
    sqlite
      .prepare(
        `insert into sessions (id, secret_hash, user_id, expires_at, created_at, last_used_at) values (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        sessionId,
        encodeHexLowerCase(sha256(new TextEncoder().encode(secret))),
        user.id,
        now + 7 * 86_400_000,
        now,
        now,
      );
    return {
      provinceUnionId: province.id,
      countyUnionId: county.id,
      // The server runs in production, where the session cookie is `__Host-session` (decision 070).
      sessionCookie: `__Host-session=${encodeURIComponent(`${sessionId}.${secret}`)}`,
      events,
      appDevices: mint(events),
      baselineDevices: mint(events),
    };
  })();
  sqlite.close();
  return fixtures;
}

/** The code the organizer's screen shows now (app/delivery/checkin.server.ts `checkinCode`). */
export function checkinCode(event: { id: number; secret: string }, at = Date.now()) {
  const window = Math.floor(at / codeWindowMs);
  const mac = createHmac('sha256', event.secret).update(`${event.id}:${window}`).digest();
  return encodeBase32UpperCaseNoPadding(mac).slice(0, 10);
}
