import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databasePath } from './db.server';

const cache = new Map<string, Buffer>();

/**
 * A server secret from the environment (hex), or else from a key file created beside — never
 * inside — the database, so that a copy of the database file alone reveals nothing sealed with it.
 */
export function serverSecret(
  name: 'BID_SEALING_SECRET' | 'CHECKIN_SECRET' | 'UNSUBSCRIBE_SECRET' | 'TOTP_SECRET',
): Buffer {
  const cached = cache.get(name);
  if (cached) return cached;
  let secret: Buffer;
  const fromEnv = process.env[name];
  if (fromEnv) {
    secret = Buffer.from(fromEnv, 'hex');
  } else {
    const file = join(dirname(databasePath()), 'secrets', `${name.toLowerCase()}.key`);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    }
    secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  }
  if (secret.length < 32) throw new Error(`${name} must be at least 32 bytes of hex`);
  cache.set(name, secret);
  return secret;
}
