import { eq } from 'drizzle-orm';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverKeys } from '../../db/schema';
import { db } from './db.server';
import { serverKeyRefusal, serverSecret } from './secrets.server';
import { fingerprint } from './server-keys';

// The key files go to a folder of this test's own: secretsFolder() follows DATABASE_PATH, read at
// each call, while the database stays the one the setup opened.
const openedAt = process.env.DATABASE_PATH;
const folder = mkdtempSync(join(tmpdir(), 'secrets-test-'));
const keyFile = (name: string) => join(folder, 'secrets', `${name}.key`);
const keyA = 'a1'.repeat(32);
const keyB = 'b2'.repeat(32);

beforeAll(() => {
  process.env.DATABASE_PATH = join(folder, 'app.db');
  for (const name of ['BID_SEALING_SECRET', 'CHECKIN_SECRET', 'UNSUBSCRIBE_SECRET', 'TOTP_SECRET']) {
    delete process.env[name];
  }
});
afterAll(() => {
  process.env.DATABASE_PATH = openedAt;
  rmSync(folder, { recursive: true, force: true });
});

const recorded = (name: string) => db.select().from(serverKeys).where(eq(serverKeys.name, name)).get();

describe('server secrets', () => {
  it('makes a key for a database that never used one, readable by its owner only, and records it', () => {
    const secret = serverSecret('TOTP_SECRET');
    expect(readFileSync(keyFile('totp_secret'), 'utf8')).toBe(secret.toString('hex'));
    expect(statSync(keyFile('totp_secret')).mode & 0o777).toBe(0o600);
    expect(recorded('TOTP_SECRET')?.fingerprint).toBe(fingerprint(secret));
  });

  it('refuses, and makes no new key, when the database used a key that is missing', () => {
    db.insert(serverKeys)
      .values({ name: 'BID_SEALING_SECRET', fingerprint: fingerprint(Buffer.from(keyA, 'hex')) })
      .run();
    expect(() => serverSecret('BID_SEALING_SECRET')).toThrow(
      /BID_SEALING_SECRET is missing.*sealed bids cannot be opened/,
    );
    expect(existsSync(keyFile('bid_sealing_secret'))).toBe(false);
    expect(serverKeyRefusal()).toMatch(/the server does not start[\s\S]*BID_SEALING_SECRET is missing/);

    process.env.BID_SEALING_SECRET = keyA;
    expect(serverSecret('BID_SEALING_SECRET').toString('hex')).toBe(keyA);
    expect(serverKeyRefusal()).toBeNull();
  });

  it('refuses a key that is not the one the database used', () => {
    db.insert(serverKeys)
      .values({ name: 'CHECKIN_SECRET', fingerprint: fingerprint(Buffer.from(keyA, 'hex')) })
      .run();
    mkdirSync(join(folder, 'secrets'), { recursive: true });
    writeFileSync(keyFile('checkin_secret'), keyB);
    expect(() => serverSecret('CHECKIN_SECRET')).toThrow(/CHECKIN_SECRET is not the key this database was used with/);
    expect(serverKeyRefusal()).toMatch(/CHECKIN_SECRET is not the key/);
    rmSync(keyFile('checkin_secret'));
  });

  it('records at start the fingerprint of a key in use before fingerprints', () => {
    db.delete(serverKeys).where(eq(serverKeys.name, 'CHECKIN_SECRET')).run();
    db.insert(serverKeys).values({ name: 'UNSUBSCRIBE_SECRET', fingerprint: null }).run();
    expect(serverKeyRefusal()).toMatch(/UNSUBSCRIBE_SECRET is missing/);
    process.env.UNSUBSCRIBE_SECRET = keyB;
    expect(serverKeyRefusal()).toBeNull();
    expect(recorded('UNSUBSCRIBE_SECRET')?.fingerprint).toBe(fingerprint(Buffer.from(keyB, 'hex')));
  });
});
