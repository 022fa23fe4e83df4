import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { sessions, users } from '../../db/schema/accounts';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

// Lucia's session design: the cookie holds `<id>.<secret>`; only SHA-256(secret) is stored, and it
// is compared in constant time. A session ends after SESSION_IDLE_MINUTES without use and, however
// busy, SESSION_ABSOLUTE_HOURS after sign-in (docs/decisions/071); `expiresAt` is that absolute end.
const touchEveryMs = 60_000;

export function sessionTimeouts() {
  return {
    idleMs: Number(process.env.SESSION_IDLE_MINUTES || 120) * 60_000,
    absoluteMs: Number(process.env.SESSION_ABSOLUTE_HOURS || 12) * 3600_000,
  };
}

// In production the cookie is `__Host-`: Secure, Path=/ and no Domain, so no subdomain or plain-HTTP
// page can set or shadow it (docs/decisions/070).
const production = process.env.NODE_ENV === 'production';
const cookieName = production ? '__Host-session' : 'session';
const cookieAttributes = `HttpOnly; SameSite=Lax; Path=/${production ? '; Secure' : ''}`;

function randomToken(bytes: number) {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

function hashSecret(secret: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function createSession(userId: number) {
  const id = randomToken(15);
  const secret = randomToken(20);
  const createdAt = now();
  const expiresAt = new Date(createdAt.getTime() + sessionTimeouts().absoluteMs);
  db.insert(sessions)
    .values({ id, secretHash: hashSecret(secret), userId, expiresAt, createdAt, lastUsedAt: createdAt })
    .run();
  return { token: `${id}.${secret}`, expiresAt };
}

export function validateSessionToken(token: string) {
  const [id, secret] = token.split('.');
  if (!id || !secret) return null;
  const row = db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .get();
  if (!row) return null;
  const given = new TextEncoder().encode(hashSecret(secret));
  const stored = new TextEncoder().encode(row.session.secretHash);
  if (!constantTimeEqual(given, stored)) return null;
  const time = now().getTime();
  const idleFor = time - row.session.lastUsedAt.getTime();
  if (row.session.expiresAt.getTime() <= time || idleFor >= sessionTimeouts().idleMs) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  // At most one write a minute per session, not one per request.
  if (idleFor >= touchEveryMs) {
    db.update(sessions)
      .set({ lastUsedAt: new Date(time) })
      .where(eq(sessions.id, id))
      .run();
  }
  return { sessionId: id, expiresAt: row.session.expiresAt, user: row.user };
}

/** Ends the session the request carries, if any: a sign-in never reuses the session it arrived with. */
export function endRequestSession(request: Request) {
  const sessionId = readSessionToken(request)?.split('.')[0];
  if (sessionId) invalidateSession(sessionId);
}

export function invalidateSession(sessionId: string) {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(userId: number) {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** The token the request's cookie carries; a malformed one (not ours: we never write it) is no token. */
export function readSessionToken(request: Request) {
  const cookies = request.headers.get('cookie') ?? '';
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== cookieName) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

export function sessionCookie(token: string, expiresAt: Date) {
  return `${cookieName}=${encodeURIComponent(token)}; ${cookieAttributes}; Expires=${expiresAt.toUTCString()}`;
}

export function clearSessionCookie() {
  return `${cookieName}=; ${cookieAttributes}; Max-Age=0`;
}
