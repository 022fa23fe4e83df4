import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { userTokens } from '../../db/schema/accounts';
import { now } from '~/lib/clock.server';
import type { DB } from '~/lib/db.server';
import { notify } from '~/notifications/notify.server';

// Emailed single-use tokens: the link carries the token, the database only its SHA-256. Invitations
// (app/invitations) use the same tokens.
export type TokenPurpose = 'verify_email' | 'reset_password';

export const tokenLifetimeMs: Record<TokenPurpose, number> = {
  verify_email: 24 * 3600_000,
  reset_password: 3600_000,
};

/** 160 random bits, safe in a URL path or query. */
export function newToken() {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function hashToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** One email a minute per account and purpose at most, so the forms cannot flood an inbox. */
const minimumIntervalMs = 60_000;

function issuedRecently(tx: DB, userId: number, purpose: TokenPurpose, at: Date) {
  const issuedAfter = new Date(at.getTime() - minimumIntervalMs + tokenLifetimeMs[purpose]);
  return (
    tx
      .select({ id: userTokens.id })
      .from(userTokens)
      .where(
        and(
          eq(userTokens.userId, userId),
          eq(userTokens.purpose, purpose),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, issuedAfter),
        ),
      )
      .get() !== undefined
  );
}

/**
 * A fresh token for `purpose`, retiring earlier unused ones; null if one was issued less than a
 * minute ago (its email is on its way).
 */
export function issueToken(tx: DB, userId: number, purpose: TokenPurpose) {
  const at = now();
  if (issuedRecently(tx, userId, purpose, at)) return null;
  const token = newToken();
  tx.update(userTokens)
    .set({ usedAt: at })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)))
    .run();
  tx.insert(userTokens)
    .values({
      userId,
      purpose,
      tokenHash: hashToken(token),
      expiresAt: new Date(at.getTime() + tokenLifetimeMs[purpose]),
    })
    .run();
  return token;
}

function usable(token: string, purpose: TokenPurpose) {
  return and(
    eq(userTokens.tokenHash, hashToken(token)),
    eq(userTokens.purpose, purpose),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, now()),
  );
}

/** The token's user if it is unused and unexpired, without using it up. */
export function peekToken(tx: DB, token: string, purpose: TokenPurpose) {
  return tx.select({ userId: userTokens.userId }).from(userTokens).where(usable(token, purpose)).get()?.userId ?? null;
}

/** Uses the token up, atomically: of two concurrent uses exactly one gets the user id. */
export function consumeToken(tx: DB, token: string, purpose: TokenPurpose) {
  return (
    tx
      .update(userTokens)
      .set({ usedAt: now() })
      .where(usable(token, purpose))
      .returning({ userId: userTokens.userId })
      .get()?.userId ?? null
  );
}

/** Sends the person a link to verify their email, in the caller's transaction. */
export function enqueueVerification(tx: DB, user: { id: number; name: string }) {
  const token = issueToken(tx, user.id, 'verify_email');
  if (token) notify(tx, user.id, 'verify_email', { name: user.name, path: `/verify-email?token=${token}` });
}
