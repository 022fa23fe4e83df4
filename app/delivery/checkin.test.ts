import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { checkins, ratings, unions, workers } from '../../db/schema';
import {
  attendanceMode,
  checkIn,
  checkinCode,
  codeWindowMs,
  findCheckin,
  isCodeFresh,
  issueTicket,
  rate,
  requireUsableTicket,
} from './checkin.server';
import { requireEvent } from './events.server';
import { checkinClosesAfterMs, checkinOpensBeforeMs, ratingClosesAfterMs, ratingEditableMs } from './permissions';
import { newDeviceId } from './device.server';
import { checkInWorker, createEvent, deliveryWorld, verifiedPhone } from '../../tests/fixtures/delivery';
import { phoneHash } from './workers.server';
import { db } from '~/lib/db.server';
import { refusal } from '../../tests/support/refused';

const start = new Date('2026-11-24T06:00:00Z'); // 14:00 in Shanghai
const end = new Date(start.getTime() + 90 * 60_000);
const rating = { score: 5, comment: '讲得很实用', tags: [] as never[], edit: false };

let eventId: number;
let world: Awaited<ReturnType<typeof deliveryWorld>>;

function at(ms: number) {
  vi.setSystemTime(ms);
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(start.getTime());
  world = await deliveryWorld();
  eventId = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the rotating code', () => {
  it('accepts the current and the previous window and refuses anything older', () => {
    const event = requireEvent(eventId);
    const middle = Math.floor(start.getTime() / codeWindowMs) * codeWindowMs + codeWindowMs / 2;
    at(middle);
    const code = checkinCode(event);
    expect(isCodeFresh(event, code)).toBe(true);
    at(middle + codeWindowMs);
    expect(isCodeFresh(event, code)).toBe(true);
    expect(checkinCode(event)).not.toBe(code);
    at(middle + 2 * codeWindowMs);
    expect(isCodeFresh(event, code)).toBe(false);
    expect(refusal(() => issueTicket(event, code))).toBe('errors.codeExpired');
  });

  it("refuses another event's code and garbage", () => {
    const event = requireEvent(eventId);
    const other = requireEvent(createEvent({ organizationId: event.organizationId }, start));
    expect(isCodeFresh(event, checkinCode(other))).toBe(false);
    expect(isCodeFresh(event, '')).toBe(false);
    expect(isCodeFresh(event, 'AAAAAAAAAA')).toBe(false);
  });
});

describe('the check-in window', () => {
  it('refuses check-in before it opens, 30 minutes before the start', () => {
    at(start.getTime() - checkinOpensBeforeMs - 1000);
    expect(refusal(() => checkInWorker(eventId))).toBe('delivery.errors.checkinNotYet');
    at(start.getTime() - checkinOpensBeforeMs);
    expect(refusal(() => checkInWorker(eventId))).toBeNull();
  });

  it('refuses check-in an hour after the end', () => {
    at(end.getTime() + checkinClosesAfterMs);
    expect(refusal(() => checkInWorker(eventId))).toBeNull();
    at(end.getTime() + checkinClosesAfterMs + 1000);
    expect(refusal(() => checkInWorker(eventId))).toBe('errors.checkinClosed');
  });

  it('checks a worker in once per event, from any phone that holds their number', () => {
    const event = requireEvent(eventId);
    const phone = verifiedPhone('13800138000');
    checkIn(eventId, phone, { ticket: issueTicket(event, checkinCode(event)) });
    expect(refusal(() => checkIn(eventId, phone, { ticket: issueTicket(event, checkinCode(event)) }))).toBe(
      'delivery.phoneCheckin.errors.numberCheckedIn',
    );
    // The same number confirmed on a second phone is the same worker.
    const secondPhone = verifiedPhone('13800138000');
    expect(secondPhone.workerId).toBe(phone.workerId);
    expect(refusal(() => checkIn(eventId, secondPhone, { ticket: issueTicket(event, checkinCode(event)) }))).toBe(
      'delivery.phoneCheckin.errors.numberCheckedIn',
    );
    expect(db.select().from(checkins).where(eq(checkins.eventId, eventId)).all()).toHaveLength(1);
  });

  it('lets a ticket from one scan check in one phone once', () => {
    const event = requireEvent(eventId);
    const ticket = issueTicket(event, checkinCode(event));
    checkIn(eventId, verifiedPhone(), { ticket });
    expect(refusal(() => checkIn(eventId, verifiedPhone(), { ticket }))).toBe(
      'delivery.phoneCheckin.errors.ticketUsed',
    );
    expect(refusal(() => requireUsableTicket(event, ticket))).toBe('delivery.phoneCheckin.errors.ticketUsed');
    expect(
      refusal(() => checkIn(eventId, verifiedPhone(), { ticket: issueTicket(event, checkinCode(event)) })),
    ).toBeNull();
  });

  it('keeps a ticket good for a slow form after the code has moved on, but not a forged one', () => {
    const event = requireEvent(eventId);
    const ticket = issueTicket(event, checkinCode(event));
    at(start.getTime() + 5 * 60_000);
    const forged = ticket.slice(0, -1) + (ticket.endsWith('0') ? '1' : '0');
    expect(refusal(() => checkIn(eventId, verifiedPhone(), { ticket: forged }))).toBe('errors.codeExpired');
    const [issued, nonce] = ticket.split('.');
    const otherNonce = `${issued}.${nonce!.slice(0, -1)}${nonce!.endsWith('A') ? 'B' : 'A'}.${ticket.split('.')[2]}`;
    expect(refusal(() => checkIn(eventId, verifiedPhone(), { ticket: otherNonce }))).toBe('errors.codeExpired');
    expect(refusal(() => checkIn(eventId, verifiedPhone(), { ticket: `${Date.now()}.deadbeef` }))).toBe(
      'errors.codeExpired',
    );
    at(start.getTime() + 16 * 60_000);
    expect(refusal(() => checkIn(eventId, verifiedPhone(), { ticket }))).toBe('errors.codeExpired');
    at(start.getTime() + 15 * 60_000);
    expect(refusal(() => checkIn(eventId, verifiedPhone(), { ticket }))).toBeNull();
  });

  it('records the worker and SMS verification, the answers and the network hash, never the number', () => {
    const event = requireEvent(eventId);
    const phone = verifiedPhone('13912345678');
    checkIn(
      eventId,
      phone,
      { ticket: issueTicket(event, checkinCode(event)), occupation: 'food_delivery', unionMember: 'no' },
      'abc123',
    );
    const row = findCheckin(eventId, phone)!;
    expect(row).toMatchObject({
      workerId: phone.workerId,
      verification: 'sms',
      occupation: 'food_delivery',
      unionMember: false,
      networkHash: 'abc123',
    });
    expect(row.createdAt.getTime()).toBe(start.getTime());
    const worker = db.select().from(workers).where(eq(workers.id, phone.workerId!)).get()!;
    expect(worker.phoneHash).toBe(phoneHash('13912345678'));
    expect(JSON.stringify(db.select().from(workers).all())).not.toContain('13912345678');
  });
});

describe('the attendance mode', () => {
  afterEach(() => {
    delete process.env.SMS_PROVIDER;
  });

  it('asks for a confirmed number where the union counts SMS-verified check-ins', () => {
    const event = requireEvent(eventId);
    expect(attendanceMode(event)).toBe('sms');
    const device = { workerId: null, deviceId: newDeviceId() };
    expect(refusal(() => checkIn(eventId, device, { ticket: issueTicket(event, checkinCode(event)) }))).toBe(
      'delivery.phoneCheckin.errors.phoneRequired',
    );
    expect(db.select().from(checkins).where(eq(checkins.eventId, eventId)).all()).toHaveLength(0);
  });

  it("takes the screen's code alone where the union's standard is 'code' or no SMS is sent", () => {
    const event = requireEvent(eventId);
    db.update(unions).set({ attendanceStandard: 'code' }).where(eq(unions.id, world.unionId)).run();
    expect(attendanceMode(event)).toBe('code');
    const device = { workerId: null, deviceId: newDeviceId() };
    checkIn(eventId, device, { ticket: issueTicket(event, checkinCode(event)) });
    expect(findCheckin(eventId, device)).toMatchObject({ workerId: null, verification: 'code' });
    expect(refusal(() => checkIn(eventId, device, { ticket: issueTicket(event, checkinCode(event)) }))).toBe(
      'errors.alreadyCheckedIn',
    );
    // A phone whose number was confirmed earlier is still recorded as that worker.
    const verified = verifiedPhone();
    checkIn(eventId, verified, { ticket: issueTicket(event, checkinCode(event)) });
    expect(findCheckin(eventId, verified)).toMatchObject({ workerId: verified.workerId, verification: 'sms' });

    db.update(unions).set({ attendanceStandard: 'sms' }).where(eq(unions.id, world.unionId)).run();
    expect(attendanceMode(event)).toBe('sms');
    process.env.SMS_PROVIDER = 'off';
    expect(attendanceMode(event)).toBe('code');
  });
});

describe('the rating window', () => {
  it('refuses a rating before the event starts', () => {
    at(start.getTime() - 10 * 60_000);
    const phone = checkInWorker(eventId);
    expect(refusal(() => rate(eventId, phone, rating))).toBe('delivery.errors.ratingNotYet');
    at(start.getTime());
    expect(refusal(() => rate(eventId, phone, rating))).toBeNull();
  });

  it('refuses a rating more than 7 days after the end', () => {
    const late = checkInWorker(eventId);
    const inTime = checkInWorker(eventId);
    at(end.getTime() + ratingClosesAfterMs);
    expect(refusal(() => rate(eventId, inTime, rating))).toBeNull();
    at(end.getTime() + ratingClosesAfterMs + 1000);
    expect(refusal(() => rate(eventId, late, rating))).toBe('errors.ratingClosed');
  });

  it('takes one rating per check-in, editable for 24 hours', () => {
    const phone = checkInWorker(eventId);
    rate(eventId, phone, rating);
    expect(refusal(() => rate(eventId, phone, rating))).toBe('errors.alreadyRated');
    at(start.getTime() + ratingEditableMs);
    rate(eventId, phone, { ...rating, score: 3, edit: true });
    at(start.getTime() + ratingEditableMs + 1000);
    expect(refusal(() => rate(eventId, phone, { ...rating, score: 1, edit: true }))).toBe(
      'errors.ratingNoLongerEditable',
    );
    const rows = db.select().from(ratings).where(eq(ratings.eventId, eventId)).all();
    expect(rows.map((r) => r.score)).toEqual([3]);
  });

  it('refuses a phone that did not check in', () => {
    expect(refusal(() => rate(eventId, verifiedPhone(), rating))).toBe('errors.checkInFirst');
    expect(refusal(() => rate(eventId, { workerId: null, deviceId: newDeviceId() }, rating))).toBe(
      'errors.checkInFirst',
    );
    expect(refusal(() => rate(eventId, { workerId: null, deviceId: null }, rating))).toBe('errors.checkInFirst');
  });
});
