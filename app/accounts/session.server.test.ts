import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema';
import { changePassword, getViewer, signUp, verifyLogin } from './auth.server';
import { signIn } from './login.server';
import { resetPassword } from './recovery.server';
import {
  createSession,
  readSessionToken,
  sessionCookie,
  sessionTimeouts,
  validateSessionToken,
} from './session.server';
import { issueToken } from './tokens.server';
import { setClockOffset } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { recordStatements } from '../../tests/support/statements';

process.env.TEST_CLOCK = '1';
afterEach(() => setClockOffset(0));

async function newUser() {
  const user = await signUp({
    email: `u${Math.random()}@example.cn`,
    name: '测试',
    password: 'a-long-password',
    locale: 'zh-CN',
  });
  return user!;
}

describe('sessions (Lucia design)', () => {
  it('stores only the SHA-256 of the secret, never the token', async () => {
    const user = await newUser();
    const { token } = createSession(user.id);
    const [id, secret] = token.split('.');
    const row = db.select().from(sessions).where(eq(sessions.id, id!)).get()!;
    expect(row.secretHash).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(secret!))));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(validateSessionToken(token)?.user.id).toBe(user.id);
  });

  it('refuses a token whose secret is wrong', async () => {
    const user = await newUser();
    const { token } = createSession(user.id);
    const [id] = token.split('.');
    expect(validateSessionToken(`${id}.wrongsecretwrongsecretwrongsecret`)).toBeNull();
  });

  it('ends a session idle for SESSION_IDLE_MINUTES, touching it at most once a minute', async () => {
    const user = await newUser();
    const { token } = createSession(user.id);
    const [id] = token.split('.');
    const lastUsed = () => db.select().from(sessions).where(eq(sessions.id, id!)).get()!.lastUsedAt.getTime();
    const first = lastUsed();
    setClockOffset(30_000);
    expect(validateSessionToken(token)).not.toBeNull();
    expect(lastUsed()).toBe(first);
    setClockOffset(61_000);
    expect(validateSessionToken(token)).not.toBeNull();
    expect(lastUsed()).toBeGreaterThan(first);
    // Used at +61 s, so alive until +61 s + 2 h.
    setClockOffset(61_000 + 2 * 3600_000 - 1000);
    expect(validateSessionToken(token)).not.toBeNull();
    setClockOffset(2 * (61_000 + 2 * 3600_000));
    expect(validateSessionToken(token)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.id, id!)).get()).toBeUndefined();
  });

  it('ends even a busy session SESSION_ABSOLUTE_HOURS after sign-in', async () => {
    const user = await newUser();
    const { token, expiresAt } = createSession(user.id);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(12 * 3600_000 - 5000);
    for (let hour = 1; hour < 12; hour++) {
      setClockOffset(hour * 3600_000);
      expect(validateSessionToken(token)).not.toBeNull();
    }
    setClockOffset(12 * 3600_000 + 1000);
    expect(validateSessionToken(token)).toBeNull();
  });

  it('takes its timeouts from the environment', async () => {
    process.env.SESSION_IDLE_MINUTES = '5';
    process.env.SESSION_ABSOLUTE_HOURS = '1';
    try {
      expect(sessionTimeouts()).toEqual({ idleMs: 5 * 60_000, absoluteMs: 3600_000 });
      const user = await newUser();
      const { token } = createSession(user.id);
      setClockOffset(6 * 60_000);
      expect(validateSessionToken(token)).toBeNull();
    } finally {
      delete process.env.SESSION_IDLE_MINUTES;
      delete process.env.SESSION_ABSOLUTE_HOURS;
    }
  });

  it('a sign-in ends the session the request arrived with', async () => {
    const user = await newUser();
    const before = createSession(user.id);
    const cookie = sessionCookie(before.token, before.expiresAt).split(';')[0]!;
    const request = new Request('http://localhost/login', { headers: { cookie } });
    const response = signIn(request, user.id, '/me');
    expect(validateSessionToken(before.token)).toBeNull();
    const fresh = decodeURIComponent(response.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!);
    expect(fresh).not.toBe(before.token);
    expect(validateSessionToken(fresh)?.user.id).toBe(user.id);
  });

  it('ends every session when the password changes', async () => {
    const user = await newUser();
    const a = createSession(user.id);
    const b = createSession(user.id);
    await changePassword(user.id, 'another-long-password');
    expect(validateSessionToken(a.token)).toBeNull();
    expect(validateSessionToken(b.token)).toBeNull();
    expect(await verifyLogin(user.email, 'a-long-password')).toBeNull();
    expect((await verifyLogin(user.email, 'another-long-password'))?.id).toBe(user.id);
  });

  it('ends every session when the password is reset', async () => {
    const user = await newUser();
    const a = createSession(user.id);
    const token = transaction((tx) => issueToken(tx, user.id, 'reset_password'))!;
    expect(await resetPassword(token, 'a-reset-long-password')).toBe(user.id);
    expect(validateSessionToken(a.token)).toBeNull();
  });

  it('sets an HttpOnly, SameSite=Lax cookie that getViewer reads back', async () => {
    const user = await newUser();
    const { token, expiresAt } = createSession(user.id);
    const cookie = sessionCookie(token, expiresAt);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const request = new Request('http://localhost/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(readSessionToken(request)).toBe(token);
    expect((await getViewer(request))?.id).toBe(user.id);
  });

  it('reads the viewer once per request (the root loader and the page both ask); a new request reads again', async () => {
    const user = await newUser();
    const { token, expiresAt } = createSession(user.id);
    const cookie = sessionCookie(token, expiresAt).split(';')[0]!;
    const request = new Request('http://localhost/', { headers: { cookie } });
    const statements = await recordStatements(() => Promise.all([getViewer(request), getViewer(request)]));
    expect(await recordStatements(() => getViewer(request))).toEqual([]);
    expect(statements.length).toBe((await recordStatements(() => getViewer(new Request(request)))).length);
    expect(statements.length).toBeGreaterThan(0);
  });

  it('takes a cookie it never wrote for no session: broken percent-encoding, garbage, a wrong shape', async () => {
    for (const value of ['%E0%A4%A', '%', 'x'.repeat(5000), 'a.b.c', '.', '']) {
      const request = new Request('http://localhost/', { headers: { cookie: `session=${value}` } });
      expect(await getViewer(request), value).toBeNull();
    }
  });

  it('hashes passwords with argon2id', async () => {
    const user = await newUser();
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
