import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, lt } from 'drizzle-orm';
import { loginFailures } from '../../db/schema/accounts';
import { normalizeEmail } from './auth.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { limitOf } from '~/lib/rate-limit.server';

// Failed sign-ins, kept in SQLite so a restart forgets nothing: at most RATE_LIMIT_LOGIN_ACCOUNT per
// account and RATE_LIMIT_LOGIN_ADDRESS per client address in a sliding window. The account is
// counted by its email whether or not it exists, so refusals reveal nothing about who has one.

type Scope = 'account' | 'address';

function keyOf(text: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

function subjects(email: string, address: string | null) {
  const list: [Scope, string][] = [['account', keyOf(normalizeEmail(email))]];
  if (address) list.push(['address', keyOf(address)]);
  return list;
}

function limitFor(scope: Scope) {
  return limitOf(scope === 'account' ? 'loginAccount' : 'loginAddress');
}

/** When sign-in may be tried again for this email from this address; null if it may now. */
export function loginBlockedUntil(email: string, address: string | null): Date | null {
  const time = now().getTime();
  let until = 0;
  for (const [scope, key] of subjects(email, address)) {
    const limit = limitFor(scope);
    if (!limit) continue;
    // The max-th most recent failure: once it leaves the window, one more try is allowed.
    const edge = db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(loginFailures.scope, scope), eq(loginFailures.key, key)))
      .orderBy(desc(loginFailures.at))
      .limit(1)
      .offset(limit.max - 1)
      .get();
    if (edge) until = Math.max(until, edge.at.getTime() + limit.windowMs);
  }
  return until > time ? new Date(until) : null;
}

export function recordLoginFailure(email: string, address: string | null) {
  const at = now();
  transaction((tx) => {
    for (const [scope, key] of subjects(email, address)) {
      tx.insert(loginFailures).values({ scope, key, at }).run();
      const windowMs = limitFor(scope)?.windowMs ?? 0;
      tx.delete(loginFailures)
        .where(
          and(
            eq(loginFailures.scope, scope),
            eq(loginFailures.key, key),
            lt(loginFailures.at, new Date(at.getTime() - windowMs)),
          ),
        )
        .run();
    }
  });
}

/** A successful sign-in clears the account's count (not the address's). */
export function clearLoginFailures(email: string) {
  db.delete(loginFailures)
    .where(and(eq(loginFailures.scope, 'account'), eq(loginFailures.key, keyOf(normalizeEmail(email)))))
    .run();
}
