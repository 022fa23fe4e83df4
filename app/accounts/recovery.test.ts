import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { notifications, sessions, userTokens, users } from '../../db/schema';
import { verifyLogin } from './auth.server';
import { hashPassword } from './password.server';
import { isResetTokenUsable, requestPasswordReset, resetPassword, verifyEmail } from './recovery.server';
import { createSession } from './session.server';
import { setClockOffset } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

process.env.TEST_CLOCK = '1';
afterEach(() => setClockOffset(0));

let counter = 0;
async function createUser() {
  counter++;
  return db
    .insert(users)
    .values({ email: `reset${counter}@example.cn`, name: '周明', passwordHash: await hashPassword('old-password-1') })
    .returning()
    .get();
}

/** The token in the link of the person's latest password reset email. */
function emailedToken(userId: number) {
  const row = db.select().from(notifications).where(eq(notifications.userId, userId)).all().at(-1)!;
  expect(row.template).toBe('password_reset');
  return /token=([a-z2-7]+)/.exec(String(row.data.path))![1]!;
}

describe('password reset', () => {
  it('emails a single-use token, stored only as its hash, that sets the password and ends every session', async () => {
    const user = await createUser();
    createSession(user.id);
    requestPasswordReset(` ${user.email.toUpperCase()} `);
    const token = emailedToken(user.id);
    expect(db.select().from(userTokens).where(eq(userTokens.tokenHash, token)).get()).toBeUndefined();
    expect(isResetTokenUsable(token)).toBe(true);

    expect(await resetPassword(token, 'new-password-2')).toBe(user.id);
    expect(await verifyLogin(user.email, 'new-password-2')).toBeTruthy();
    expect(await verifyLogin(user.email, 'old-password-1')).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toEqual([]);
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.emailVerifiedAt).toBeInstanceOf(Date);

    expect(isResetTokenUsable(token)).toBe(false);
    expect(await resetPassword(token, 'third-password-3')).toBeNull();
    expect(await verifyLogin(user.email, 'new-password-2')).toBeTruthy();
  });

  it('expires after an hour', async () => {
    const user = await createUser();
    requestPasswordReset(user.email);
    const token = emailedToken(user.id);
    setClockOffset(59 * 60_000);
    expect(isResetTokenUsable(token)).toBe(true);
    setClockOffset(61 * 60_000);
    expect(isResetTokenUsable(token)).toBe(false);
    expect(await resetPassword(token, 'new-password-2')).toBeNull();
    expect(await verifyLogin(user.email, 'old-password-1')).toBeTruthy();
  });

  it('sends at most one email a minute, and keeps only the latest link working', async () => {
    const user = await createUser();
    requestPasswordReset(user.email);
    const first = emailedToken(user.id);
    requestPasswordReset(user.email);
    expect(db.select().from(notifications).where(eq(notifications.userId, user.id)).all()).toHaveLength(1);

    setClockOffset(61_000);
    requestPasswordReset(user.email);
    const second = emailedToken(user.id);
    expect(second).not.toBe(first);
    expect(isResetTokenUsable(first)).toBe(false);
    expect(isResetTokenUsable(second)).toBe(true);
  });

  it('writes nothing for an address without an account', () => {
    const before = db.select().from(notifications).all().length;
    requestPasswordReset('nobody@example.cn');
    expect(db.select().from(notifications).all().length).toBe(before);
  });
});

describe('email verification', () => {
  it('rejects an unknown token and a reset token', async () => {
    const user = await createUser();
    requestPasswordReset(user.email);
    expect(verifyEmail(emailedToken(user.id))).toBeNull();
    expect(verifyEmail('not-a-token')).toBeNull();
  });
});
