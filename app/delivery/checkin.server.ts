import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { checkinVerifications, events } from '../../db/schema/delivery';
import { checkins, ratings } from '../../db/schema/delivery';
import { unions } from '../../db/schema/unions';
import type { Phone } from './device.server';
import type { occupations } from './machine';
import type { ratingTags } from './schemas';
import { eventOversight, requireEvent } from './events.server';
import { mayCheckIn, mayRate } from './permissions';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { enforce } from '~/lib/permission';
import { serverSecret } from '~/lib/secrets.server';
import { smsProvider } from '~/notifications/sms.server';
import './audit-subjects.server';

type Event = typeof events.$inferSelect;

export const codeWindowMs = 30_000;
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

/**
 * A scanned, fresh code is exchanged for a ticket good for a few minutes, so a worker who takes
 * a while to fill in the form (or to receive an SMS code) is not refused because the screen moved
 * on. Its nonce is recorded by the check-in it makes: a ticket from one scan checks in one phone once.
 */
export function issueTicket(event: Event, code: string) {
  if (!isCodeFresh(event, code)) throw new UserError('errors.codeExpired', 410);
  const issued = now().getTime();
  const nonce = randomBytes(16).toString('base64url');
  return `${issued}.${nonce}.${ticketMac(event, issued, nonce)}`;
}

function ticketMac(event: Event, issued: number | string, nonce: string) {
  return hmac(serverSecret('CHECKIN_SECRET'), `${event.id}:${issued}:${nonce}`).toString('hex');
}

/** The nonce of a genuine, unexpired ticket for this event, else null. */
function ticketNonce(event: Event, ticket: string) {
  const [issued, nonce, mac] = ticket.split('.');
  if (!issued || !nonce || !mac) return null;
  const age = now().getTime() - Number(issued);
  if (!(age >= 0 && age <= ticketLifetimeMs)) return null;
  return safeEqual(ticketMac(event, issued, nonce), mac) ? nonce : null;
}

function ticketUsed(nonce: string) {
  return Boolean(db.select({ id: checkins.id }).from(checkins).where(eq(checkins.ticket, nonce)).get());
}

/** Refuses, before an SMS code is sent for it, a ticket that could not check anyone in now. */
export function requireUsableTicket(event: Event, ticket: string) {
  enforce(mayCheckIn(event, now()));
  const nonce = ticketNonce(event, ticket);
  if (!nonce) throw new UserError('errors.codeExpired', 410);
  if (ticketUsed(nonce)) throw new UserError('delivery.phoneCheckin.errors.ticketUsed', 409);
}

/**
 * What a check-in at this event takes: an SMS-confirmed number ('sms'), or the screen's code alone
 * ('code') where the deployment sends no SMS or the overseeing union's standard is 'code'.
 */
export function attendanceMode(event: Event): (typeof checkinVerifications)[number] {
  if (smsProvider() === 'off') return 'code';
  const unionId = eventOversight(event)?.unionId;
  if (!unionId) return 'sms';
  const union = db.select({ standard: unions.attendanceStandard }).from(unions).where(eq(unions.id, unionId)).get();
  return union?.standard === 'code' ? 'code' : 'sms';
}

function deviceHash(deviceId: string) {
  return createHash('sha256').update(deviceId).digest('hex');
}

/** A verified check-in's device column: one per worker and event, like the unique worker index. */
function workerDeviceHash(workerId: number) {
  return createHash('sha256').update(`worker:${workerId}`).digest('hex');
}

/** The phone's check-in at this event: as its confirmed worker, else as its code-only device. */
export function findCheckin(eventId: number, phone: Phone) {
  const where = [
    phone.workerId === null ? undefined : eq(checkins.workerId, phone.workerId),
    phone.deviceId === null
      ? undefined
      : and(isNull(checkins.workerId), eq(checkins.deviceHash, deviceHash(phone.deviceId))),
  ].filter((w) => w !== undefined);
  if (!where.length) return undefined;
  return db
    .select()
    .from(checkins)
    .where(and(eq(checkins.eventId, eventId), or(...where)))
    .get();
}

/**
 * Checks the phone in with a ticket. In SMS mode only a confirmed worker may; a worker who has a
 * credential is recorded as such in code-only mode too, since the number was confirmed.
 */
export function checkIn(
  eventId: number,
  phone: Phone,
  input: { ticket: string; occupation?: (typeof occupations)[number]; unionMember?: 'yes' | 'no' },
  networkHash: string | null = null,
) {
  const event = requireEvent(eventId);
  enforce(mayCheckIn(event, now()));
  const nonce = ticketNonce(event, input.ticket);
  if (!nonce) throw new UserError('errors.codeExpired', 410);
  const { workerId, deviceId } = phone;
  if (workerId === null && (deviceId === null || attendanceMode(event) !== 'code')) {
    throw new UserError('delivery.phoneCheckin.errors.phoneRequired', 403);
  }
  return transaction((tx) => {
    if (findCheckin(eventId, phone)) {
      throw new UserError(
        workerId === null ? 'errors.alreadyCheckedIn' : 'delivery.phoneCheckin.errors.numberCheckedIn',
        409,
      );
    }
    if (ticketUsed(nonce)) throw new UserError('delivery.phoneCheckin.errors.ticketUsed', 409);
    return tx
      .insert(checkins)
      .values({
        eventId,
        workerId,
        verification: workerId === null ? 'code' : 'sms',
        deviceHash: workerId === null ? deviceHash(deviceId!) : workerDeviceHash(workerId),
        ticket: nonce,
        occupation: input.occupation ?? null,
        unionMember: input.unionMember ? input.unionMember === 'yes' : null,
        networkHash,
        createdAt: now(),
      })
      .returning()
      .get();
  });
}

const ratingByCheckin = db
  .select()
  .from(ratings)
  .where(eq(ratings.checkinId, sql.placeholder('checkinId')))
  .prepare();

export function findRating(checkinId: number) {
  return ratingByCheckin.get({ checkinId });
}

/** One rating per check-in; it may be edited (`edit`) for 24 hours, never given twice. */
export function rate(
  eventId: number,
  phone: Phone,
  input: { score: number; comment: string; tags: (typeof ratingTags)[number][]; edit: boolean },
) {
  const event = requireEvent(eventId);
  const checkin = findCheckin(eventId, phone);
  const existing = checkin ? findRating(checkin.id) : undefined;
  enforce(mayRate(event, { checkedIn: Boolean(checkin), rating: existing ?? null, edit: input.edit }, now()));
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
        .values({ ...values, checkinId: checkin!.id, eventId, createdAt: now() })
        .returning()
        .get();
      audit(tx, { actorId: null, action: 'rating.create', subjectType: 'rating', subjectId: rating.id });
    }
  });
}
