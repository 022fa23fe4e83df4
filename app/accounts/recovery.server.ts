import { and, eq, isNull } from 'drizzle-orm';
import { sessions, users } from '../../db/schema/accounts';
import { findUserByEmail, type Viewer } from './auth.server';
import { hashPassword } from './password.server';
import { consumeToken, enqueueVerification, issueToken, peekToken } from './tokens.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { notify } from '~/notifications/notify.server';

/**
 * Emails a password reset link if the address has an account. The caller answers the same either
 * way, so the form does not reveal who has an account.
 */
export function requestPasswordReset(email: string) {
  const user = findUserByEmail(email);
  if (!user) return;
  transaction((tx) => {
    const token = issueToken(tx, user.id, 'reset_password');
    if (token) notify(tx, user.id, 'password_reset', { name: user.name, path: `/reset-password?token=${token}` });
  });
}

export function isResetTokenUsable(token: string) {
  return peekToken(db, token, 'reset_password') !== null;
}

/**
 * Sets the new password and uses the token up; every session ends. Having read the email also
 * proves the address. Returns the user id, or null for a bad, used or expired token.
 */
export async function resetPassword(token: string, password: string) {
  const passwordHash = await hashPassword(password);
  return transaction((tx) => {
    const userId = consumeToken(tx, token, 'reset_password');
    if (userId === null) return null;
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    tx.update(users)
      .set({ emailVerifiedAt: now() })
      .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)))
      .run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    return userId;
  });
}

/** Marks the address verified; null for a bad, used or expired token. */
export function verifyEmail(token: string) {
  return transaction((tx) => {
    const userId = consumeToken(tx, token, 'verify_email');
    if (userId === null) return null;
    tx.update(users)
      .set({ emailVerifiedAt: now() })
      .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)))
      .run();
    return userId;
  });
}

export function isEmailVerified(userId: number) {
  return db.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, userId)).get()?.at != null;
}

export function resendVerification(viewer: Viewer) {
  if (isEmailVerified(viewer.id)) return;
  transaction((tx) => enqueueVerification(tx, viewer));
}
