import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema';
import { changePassword, getViewer, signUp, verifyLogin } from './auth.server';
import { createSession, readSessionToken, sessionCookie, validateSessionToken } from './session.server';
import { db } from '~/lib/db.server';

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

  it('slides: a session in its second half is extended; an expired one is deleted', async () => {
    const user = await newUser();
    const { token } = createSession(user.id);
    const [id] = token.split('.');
    const soon = new Date(Date.now() + 24 * 3600_000);
    db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, id!)).run();
    const renewed = validateSessionToken(token)!;
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);

    db.update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, id!))
      .run();
    expect(validateSessionToken(token)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.id, id!)).get()).toBeUndefined();
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

  it('sets an HttpOnly, SameSite=Lax cookie that getViewer reads back', async () => {
    const user = await newUser();
    const { token, expiresAt } = createSession(user.id);
    const cookie = sessionCookie(new Request('http://localhost/'), token, expiresAt);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const request = new Request('http://localhost/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(readSessionToken(request)).toBe(token);
    expect((await getViewer(request))?.id).toBe(user.id);
  });

  it('hashes passwords with argon2id', async () => {
    const user = await newUser();
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
