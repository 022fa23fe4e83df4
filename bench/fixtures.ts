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

export type Device = { eventId: number; deviceId: string };

const codeWindowMs = 30_000;

export function prepareFixtures(path: string, options: { events: number; devicesPerServer: number }) {
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
  const insertCheckin = sqlite.prepare(
    `insert into checkins (event_id, device_hash, occupation, created_at) values (?, ?, 'food_delivery', ?)`,
  );
  const mint = (events: { id: number }[]) =>
    Array.from({ length: options.devicesPerServer }, (_, i): Device => {
      const deviceId = randomBytes(18).toString('base64url');
      const eventId = events[i % events.length]!.id;
      insertCheckin.run(eventId, createHash('sha256').update(deviceId).digest('hex'), now);
      return { eventId, deviceId };
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
