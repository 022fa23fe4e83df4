import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import type { events } from '../../db/schema';
import { checkins, ratings } from '../../db/schema';
import type { occupations } from './machine';
import type { ratingTags } from './schemas';
import { findEvent } from './events.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { serverSecret } from '~/lib/secrets.server';

type Event = typeof events.$inferSelect;

export const codeWindowMs = 30_000;
export const checkinOpensBeforeMs = 30 * 60_000;
export const checkinClosesAfterMs = 60 * 60_000;
export const ratingClosesAfterMs = 7 * 24 * 3600_000;
export const ratingEditableMs = 24 * 3600_000;
const ticketLifetimeMs = 15 * 60_000;

function hmac(key: string | Buffer, message: string) {
  return createHmac('sha256', key).update(message).digest();
}

/** The code on the organizer's screen: an HMAC of the event and the 30-second window. */
export function checkinCode(event: Event, window = Math.floor(now().getTime() / codeWindowMs)) {
  return encodeBase32UpperCaseNoPadding(hmac(event.checkinSecret, `${event.id}:${window}`)).slice(0, 10);
}

/** Codes of the current and the previous window are accepted; older ones are refused. */
export function isCodeFresh(event: Event, code: string) {
  const window = Math.floor(now().getTime() / codeWindowMs);
  return [window, window - 1].some((w) => safeEqual(checkinCode(event, w), code));
}

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Check-in opens 30 minutes before the start and closes an hour after the end. */
export function checkinWindow(event: Event): 'before' | 'open' | 'closed' {
  const t = now().getTime();
  if (event.state !== 'scheduled' || t > event.endsAt.getTime() + checkinClosesAfterMs) return 'closed';
  return t < event.startsAt.getTime() - checkinOpensBeforeMs ? 'before' : 'open';
}

/** Rating opens when the event starts and closes 7 days after it ends. */
export function ratingWindow(event: Event): 'before' | 'open' | 'closed' {
  const t = now().getTime();
  if (event.state === 'cancelled' || t > event.endsAt.getTime() + ratingClosesAfterMs) return 'closed';
  return t < event.startsAt.getTime() ? 'before' : 'open';
}

/**
 * A scanned, fresh code is exchanged for a ticket good for a few minutes, so a worker who takes
 * a while to fill in the form is not refused because the screen moved on.
 */
export function issueTicket(event: Event, code: string) {
  if (!isCodeFresh(event, code)) throw new UserError('errors.codeExpired', 410);
  const issued = now().getTime();
  return `${issued}.${hmac(serverSecret('CHECKIN_SECRET'), `${event.id}:${issued}`).toString('hex')}`;
}

function ticketValid(event: Event, ticket: string) {
  const [issued, mac] = ticket.split('.');
  if (!issued || !mac) return false;
  const age = now().getTime() - Number(issued);
  if (!(age >= 0 && age <= ticketLifetimeMs)) return false;
  return safeEqual(hmac(serverSecret('CHECKIN_SECRET'), `${event.id}:${issued}`).toString('hex'), mac);
}

export function newDeviceId() {
  return randomBytes(18).toString('base64url');
}

function deviceHash(deviceId: string) {
  return createHash('sha256').update(deviceId).digest('hex');
}

export function findCheckin(eventId: number, deviceId: string | null) {
  if (!deviceId) return undefined;
  return db
    .select()
    .from(checkins)
    .where(and(eq(checkins.eventId, eventId), eq(checkins.deviceHash, deviceHash(deviceId))))
    .get();
}

export function checkIn(
  eventId: number,
  deviceId: string,
  input: { ticket: string; occupation?: (typeof occupations)[number]; unionMember?: 'yes' | 'no' },
  networkHash: string | null = null,
) {
  const event = findEvent(eventId);
  const window = checkinWindow(event);
  if (window === 'before') throw new UserError('delivery.errors.checkinNotYet', 409);
  if (window === 'closed') throw new UserError('errors.checkinClosed', 409);
  if (!ticketValid(event, input.ticket)) throw new UserError('errors.codeExpired', 410);
  if (findCheckin(eventId, deviceId)) throw new UserError('errors.alreadyCheckedIn', 409);
  return transaction((tx) =>
    tx
      .insert(checkins)
      .values({
        eventId,
        deviceHash: deviceHash(deviceId),
        occupation: input.occupation ?? null,
        unionMember: input.unionMember ? input.unionMember === 'yes' : null,
        networkHash,
        createdAt: now(),
      })
      .onConflictDoNothing()
      .returning()
      .get(),
  );
}

export function findRating(checkinId: number) {
  return db.select().from(ratings).where(eq(ratings.checkinId, checkinId)).get();
}

export function ratingEditable(rating: { createdAt: Date }) {
  return now().getTime() - rating.createdAt.getTime() <= ratingEditableMs;
}

/** One rating per check-in; it may be edited (`edit`) for 24 hours, never given twice. */
export function rate(
  eventId: number,
  deviceId: string | null,
  input: { score: number; comment: string; tags: (typeof ratingTags)[number][]; edit: boolean },
) {
  const event = findEvent(eventId);
  const checkin = findCheckin(eventId, deviceId);
  if (!checkin) throw new UserError('errors.checkInFirst', 403);
  const window = ratingWindow(event);
  if (window === 'before') throw new UserError('delivery.errors.ratingNotYet', 409);
  if (window === 'closed') throw new UserError('errors.ratingClosed', 409);
  const existing = findRating(checkin.id);
  if (existing && !input.edit) throw new UserError('errors.alreadyRated', 409);
  if (existing && !ratingEditable(existing)) {
    throw new UserError('errors.ratingNoLongerEditable', 409);
  }
  transaction((tx) => {
    const values = { score: input.score, comment: input.comment, tags: input.tags };
    if (existing) {
      tx.update(ratings)
        .set({ ...values, updatedAt: now() })
        .where(eq(ratings.id, existing.id))
        .run();
    } else {
      const rating = tx
        .insert(ratings)
        .values({ ...values, checkinId: checkin.id, eventId, createdAt: now() })
        .returning()
        .get();
      audit(tx, { actorId: null, action: 'rating.create', subjectType: 'rating', subjectId: rating.id });
    }
  });
}
