import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, lt, sql } from 'drizzle-orm';
import { phoneChallenges } from '../../db/schema/delivery';
import { deliveryKey } from './keys.server';
import { phoneHash } from './workers.server';
import { now } from '~/lib/clock.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import type { Locale } from '~/lib/i18n';
import { limitOf, type Limit } from '~/lib/rate-limit.server';
import { SmsNotSent, sendVerificationCode } from '~/notifications/sms.server';

// A 6-digit code sent by SMS confirms a number. Only keyed hashes of the number and the code are
// stored; a code is good for 10 minutes and 5 tries, and codes are counted per number and per
// network in the table itself, so a restart forgets no limit.

export const codeLifetimeMs = 10 * 60_000;
export const maxCodeAttempts = 5;

type Challenge = typeof phoneChallenges.$inferSelect;

function codeHash(challengeId: string, code: string) {
  return createHmac('sha256', deliveryKey('phone-code')).update(`${challengeId}:${code}`).digest('hex');
}

/** Seconds until the `limit.max`-th most recent code matching `where` leaves the window, or null. */
function waitFor(limit: Limit, where: ReturnType<typeof eq>) {
  if (!limit) return null;
  const edge = db
    .select({ at: phoneChallenges.createdAt })
    .from(phoneChallenges)
    .where(where)
    .orderBy(desc(phoneChallenges.createdAt))
    .limit(1)
    .offset(limit.max - 1)
    .get();
  const until = edge ? edge.at.getTime() + limit.windowMs : 0;
  const seconds = Math.ceil((until - now().getTime()) / 1000);
  return seconds > 0 ? seconds : null;
}

/** Seconds to wait before another code may go to this number from this network, or null. */
export function phoneCodeWait(phone: string, networkHash: string | null) {
  const number = eq(phoneChallenges.phoneHash, phoneHash(phone));
  const waits = [waitFor(limitOf('smsResend'), number), waitFor(limitOf('smsNumber'), number)];
  if (networkHash) waits.push(waitFor(limitOf('smsAddress'), eq(phoneChallenges.networkHash, networkHash)));
  const longest = Math.max(0, ...waits.map((w) => w ?? 0));
  return longest > 0 ? longest : null;
}

function forgetOld(tx: DB) {
  const windows = (['smsResend', 'smsNumber', 'smsAddress'] as const).map((n) => limitOf(n)?.windowMs ?? 0);
  const keepMs = Math.max(codeLifetimeMs, ...windows);
  tx.delete(phoneChallenges)
    .where(lt(phoneChallenges.createdAt, new Date(now().getTime() - keepMs)))
    .run();
}

/**
 * Sends a fresh code to the number and returns the challenge id the form carries. The caller has
 * checked `phoneCodeWait`. When the provider fails, nothing is kept and the worker may try again.
 */
export async function sendPhoneCode(phone: string, networkHash: string | null, locale: Locale) {
  const id = randomBytes(20).toString('base64url');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const at = now();
  transaction((tx) => {
    forgetOld(tx);
    tx.insert(phoneChallenges)
      .values({
        id,
        phoneHash: phoneHash(phone),
        codeHash: codeHash(id, code),
        networkHash,
        expiresAt: new Date(at.getTime() + codeLifetimeMs),
        createdAt: at,
      })
      .run();
  });
  try {
    await sendVerificationCode(phone, code, locale);
  } catch (error) {
    db.delete(phoneChallenges).where(eq(phoneChallenges.id, id)).run();
    if (!(error instanceof SmsNotSent)) throw error;
    console.error(`SMS code not sent: ${error.message}`);
    throw new UserError('delivery.phoneCheckin.errors.smsNotSent', 503);
  }
  return id;
}

function live(id: string): Challenge | undefined {
  return db
    .select()
    .from(phoneChallenges)
    .where(and(eq(phoneChallenges.id, id), gt(phoneChallenges.expiresAt, now())))
    .get();
}

/**
 * The number's hash when `code` is the one sent for this challenge. Each try counts; a right code
 * is used up, so it confirms the number once.
 */
export function confirmPhoneCode(challengeId: string, code: string) {
  const challenge = live(challengeId);
  if (!challenge) throw new UserError('delivery.phoneCheckin.errors.phoneCodeExpired', 410);
  if (challenge.attempts >= maxCodeAttempts)
    throw new UserError('delivery.phoneCheckin.errors.phoneCodeTooManyTries', 429);
  const right = timingSafeEqual(Buffer.from(codeHash(challenge.id, code)), Buffer.from(challenge.codeHash));
  const counted = transaction((tx) => {
    if (right) {
      return tx.delete(phoneChallenges).where(eq(phoneChallenges.id, challenge.id)).run().changes;
    }
    return tx
      .update(phoneChallenges)
      .set({ attempts: sql`${phoneChallenges.attempts} + 1` })
      .where(and(eq(phoneChallenges.id, challenge.id), lt(phoneChallenges.attempts, maxCodeAttempts)))
      .run().changes;
  });
  // A right code another request used up a moment ago confirms nothing a second time.
  if (right && counted) return challenge.phoneHash;
  if (right) throw new UserError('delivery.phoneCheckin.errors.phoneCodeExpired', 410);
  const left = maxCodeAttempts - challenge.attempts - 1;
  if (left <= 0) throw new UserError('delivery.phoneCheckin.errors.phoneCodeTooManyTries', 429);
  throw new UserError('delivery.phoneCheckin.errors.phoneCodeWrong', 400, { count: left });
}
