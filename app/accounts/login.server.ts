import { eq } from 'drizzle-orm';
import { redirect } from 'react-router';
import { users } from '../../db/schema/accounts';
import { staffRoles } from '../../db/schema/unions';
import type { UnionRole } from './roles';
import { twoFactorEnrolPath, verifyLogin } from './auth.server';
import { createSession, endRequestSession, sessionCookie } from './session.server';
import { clearLoginFailures, loginBlockedUntil, recordLoginFailure } from './throttle.server';
import { completePendingLogin, findPendingLogin, hasTwoFactor, unionsAwaitingTwoFactor } from './two-factor.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

export type LoginOutcome =
  | { kind: 'throttled'; retryMinutes: number }
  | { kind: 'wrong' }
  | { kind: 'expired' }
  | { kind: 'signed-in'; userId: number; redirectTo?: string }
  | { kind: 'needs-code'; userId: number };

function throttled(until: Date): LoginOutcome {
  return { kind: 'throttled', retryMinutes: Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 60_000)) };
}

/**
 * The password step. Throttled per account and per address before the password is even checked, so
 * a right guess after too many wrong ones is refused like any other.
 */
export async function attemptLogin(email: string, password: string, address: string | null): Promise<LoginOutcome> {
  const until = loginBlockedUntil(email, address);
  if (until) return throttled(until);
  const user = await verifyLogin(email, password);
  if (!user) {
    recordLoginFailure(email, address);
    return { kind: 'wrong' };
  }
  if (hasTwoFactor(user.id)) return { kind: 'needs-code', userId: user.id };
  clearLoginFailures(email);
  return { kind: 'signed-in', userId: user.id };
}

/** The code step: wrong codes count as failed sign-ins of the account, like wrong passwords. */
export function attemptCode(pendingToken: string | null, code: string, address: string | null): LoginOutcome {
  const pending = findPendingLogin(pendingToken);
  if (!pending) return { kind: 'expired' };
  const { email } = db.select({ email: users.email }).from(users).where(eq(users.id, pending.userId)).get()!;
  const until = loginBlockedUntil(email, address);
  if (until) return throttled(until);
  const outcome = completePendingLogin(pendingToken, code);
  if (outcome.result === 'expired') return { kind: 'expired' };
  if (outcome.result === 'wrong') {
    recordLoginFailure(email, address);
    return { kind: 'wrong' };
  }
  clearLoginFailures(email);
  return { kind: 'signed-in', userId: outcome.userId, redirectTo: outcome.redirectTo };
}

function mustEnrolFirst(userId: number) {
  const roles = db
    .select({ unionId: staffRoles.unionId, role: staffRoles.role })
    .from(staffRoles)
    .where(eq(staffRoles.userId, userId))
    .all() as { unionId: number; role: UnionRole }[];
  return unionsAwaitingTwoFactor(userId, roles).length > 0;
}

/**
 * A fresh session, always: the one the request arrived with (if any) ends. A finance person whose
 * union requires two-factor and who has none goes to enrolment first.
 */
export function signIn(request: Request, userId: number, redirectTo: string, cookies: string[] = []) {
  endRequestSession(request);
  const { token, expiresAt } = createSession(userId);
  const headers = new Headers();
  for (const cookie of [sessionCookie(token, expiresAt), ...cookies]) headers.append('Set-Cookie', cookie);
  return redirect(mustEnrolFirst(userId) ? twoFactorEnrolPath : redirectTo, { headers });
}
