import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { workers } from '../../db/schema/delivery';
import { deliveryKey } from './keys.server';
import { now } from '~/lib/clock.server';
import type { DB } from '~/lib/db.server';

// A worker is a mobile number confirmed once by SMS (docs/decisions/090). The number is kept only
// as an HMAC under a server key; the phone then holds a credential the server signed, bound to the
// worker's id, so a returning worker checks in with one tap and no client can make one up.

export const credentialLifetimeMs = 365 * 24 * 3600_000;

/** The keyed hash that stands for a number: the same number always gives the same hash. */
export function phoneHash(phone: string) {
  return createHmac('sha256', deliveryKey('phone')).update(phone).digest('hex');
}

/** The worker with this number, created on first confirmation (inside the caller's transaction). */
export function workerForPhone(tx: DB, hash: string) {
  const existing = tx.select({ id: workers.id }).from(workers).where(eq(workers.phoneHash, hash)).get();
  return existing?.id ?? tx.insert(workers).values({ phoneHash: hash, createdAt: now() }).returning().get().id;
}

function credentialMac(payload: string) {
  return createHmac('sha256', deliveryKey('worker-credential')).update(payload).digest('base64url');
}

/** `<worker id>.<issued ms>.<mac>`: the phone's proof that its number was confirmed. */
export function workerCredential(workerId: number, issued = now().getTime()) {
  const payload = `${workerId}.${issued}`;
  return `${payload}.${credentialMac(payload)}`;
}

/** The worker id a credential was issued to, or null when it is forged, altered or too old. */
export function verifyWorkerCredential(credential: string): number | null {
  const match = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(credential);
  if (!match) return null;
  const [, id, issued, mac] = match;
  const expected = Buffer.from(credentialMac(`${id}.${issued}`));
  if (!timingSafeEqual(expected, Buffer.from(mac!))) return null;
  const age = now().getTime() - Number(issued);
  return age >= 0 && age <= credentialLifetimeMs ? Number(id) : null;
}
