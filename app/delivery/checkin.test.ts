import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { checkins, ratings } from '../../db/schema';
import {
  checkIn,
  checkinClosesAfterMs,
  checkinCode,
  checkinOpensBeforeMs,
  codeWindowMs,
  findCheckin,
  isCodeFresh,
  issueTicket,
  newDeviceId,
  rate,
  ratingClosesAfterMs,
  ratingEditableMs,
} from './checkin.server';
import { findEvent } from './events.server';
import { checkInWorker, createEvent, deliveryWorld } from './test-fixtures';
import { db } from '~/lib/db.server';

const start = new Date('2026-11-24T06:00:00Z'); // 14:00 in Shanghai
const end = new Date(start.getTime() + 90 * 60_000);
const rating = { score: 5, comment: '讲得很实用', tags: [] as never[], edit: false };

let eventId: number;

function at(ms: number) {
  vi.setSystemTime(ms);
}

function errorKey(command: () => unknown) {
  try {
    command();
  } catch (error) {
    return (error as { messageKey?: string }).messageKey;
  }
  return 'no error';
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(start.getTime());
  const world = await deliveryWorld();
  eventId = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the rotating code', () => {
  it('accepts the current and the previous window and refuses anything older', () => {
    const event = findEvent(eventId);
    const middle = Math.floor(start.getTime() / codeWindowMs) * codeWindowMs + codeWindowMs / 2;
    at(middle);
    const code = checkinCode(event);
    expect(isCodeFresh(event, code)).toBe(true);
    at(middle + codeWindowMs);
    expect(isCodeFresh(event, code)).toBe(true);
    expect(checkinCode(event)).not.toBe(code);
    at(middle + 2 * codeWindowMs);
    expect(isCodeFresh(event, code)).toBe(false);
    expect(errorKey(() => issueTicket(event, code))).toBe('errors.codeExpired');
  });

  it("refuses another event's code and garbage", () => {
    const event = findEvent(eventId);
    const other = findEvent(createEvent({ organizationId: event.organizationId }, start));
    expect(isCodeFresh(event, checkinCode(other))).toBe(false);
    expect(isCodeFresh(event, '')).toBe(false);
    expect(isCodeFresh(event, 'AAAAAAAAAA')).toBe(false);
  });
});

describe('the check-in window', () => {
  it('refuses check-in before it opens, 30 minutes before the start', () => {
    at(start.getTime() - checkinOpensBeforeMs - 1000);
    expect(errorKey(() => checkInWorker(eventId))).toBe('delivery.errors.checkinNotYet');
    at(start.getTime() - checkinOpensBeforeMs);
    expect(errorKey(() => checkInWorker(eventId))).toBe('no error');
  });

  it('refuses check-in an hour after the end', () => {
    at(end.getTime() + checkinClosesAfterMs);
    expect(errorKey(() => checkInWorker(eventId))).toBe('no error');
    at(end.getTime() + checkinClosesAfterMs + 1000);
    expect(errorKey(() => checkInWorker(eventId))).toBe('errors.checkinClosed');
  });

  it('refuses a second check-in from the same device', () => {
    const event = findEvent(eventId);
    const deviceId = newDeviceId();
    checkIn(eventId, deviceId, { ticket: issueTicket(event, checkinCode(event)) });
    expect(errorKey(() => checkIn(eventId, deviceId, { ticket: issueTicket(event, checkinCode(event)) }))).toBe(
      'errors.alreadyCheckedIn',
    );
    expect(db.select().from(checkins).where(eq(checkins.eventId, eventId)).all()).toHaveLength(1);
  });

  it('keeps a ticket good for a slow form after the code has moved on, but not a forged one', () => {
    const event = findEvent(eventId);
    const ticket = issueTicket(event, checkinCode(event));
    at(start.getTime() + 5 * 60_000);
    const forged = ticket.slice(0, -1) + (ticket.endsWith('0') ? '1' : '0');
    expect(errorKey(() => checkIn(eventId, newDeviceId(), { ticket: forged }))).toBe('errors.codeExpired');
    expect(errorKey(() => checkIn(eventId, newDeviceId(), { ticket: `${Date.now()}.deadbeef` }))).toBe(
      'errors.codeExpired',
    );
    expect(errorKey(() => checkIn(eventId, newDeviceId(), { ticket }))).toBe('no error');
  });

  it('stores the occupation, membership and network hash, never the device id itself', () => {
    const event = findEvent(eventId);
    const deviceId = newDeviceId();
    checkIn(
      eventId,
      deviceId,
      { ticket: issueTicket(event, checkinCode(event)), occupation: 'food_delivery', unionMember: 'no' },
      'abc123',
    );
    const row = findCheckin(eventId, deviceId)!;
    expect(row).toMatchObject({ occupation: 'food_delivery', unionMember: false, networkHash: 'abc123' });
    expect(row.deviceHash).not.toContain(deviceId);
    expect(row.createdAt.getTime()).toBe(start.getTime());
  });
});

describe('the rating window', () => {
  it('refuses a rating before the event starts', () => {
    at(start.getTime() - 10 * 60_000);
    const deviceId = checkInWorker(eventId);
    expect(errorKey(() => rate(eventId, deviceId, rating))).toBe('delivery.errors.ratingNotYet');
    at(start.getTime());
    expect(errorKey(() => rate(eventId, deviceId, rating))).toBe('no error');
  });

  it('refuses a rating more than 7 days after the end', () => {
    const late = checkInWorker(eventId);
    const inTime = checkInWorker(eventId);
    at(end.getTime() + ratingClosesAfterMs);
    expect(errorKey(() => rate(eventId, inTime, rating))).toBe('no error');
    at(end.getTime() + ratingClosesAfterMs + 1000);
    expect(errorKey(() => rate(eventId, late, rating))).toBe('errors.ratingClosed');
  });

  it('takes one rating per check-in, editable for 24 hours', () => {
    const deviceId = checkInWorker(eventId);
    rate(eventId, deviceId, rating);
    expect(errorKey(() => rate(eventId, deviceId, rating))).toBe('errors.alreadyRated');
    at(start.getTime() + ratingEditableMs);
    rate(eventId, deviceId, { ...rating, score: 3, edit: true });
    at(start.getTime() + ratingEditableMs + 1000);
    expect(errorKey(() => rate(eventId, deviceId, { ...rating, score: 1, edit: true }))).toBe(
      'errors.ratingNoLongerEditable',
    );
    const rows = db.select().from(ratings).where(eq(ratings.eventId, eventId)).all();
    expect(rows.map((r) => r.score)).toEqual([3]);
  });

  it('refuses a device that did not check in', () => {
    expect(errorKey(() => rate(eventId, newDeviceId(), rating))).toBe('errors.checkInFirst');
    expect(errorKey(() => rate(eventId, null, rating))).toBe('errors.checkInFirst');
  });
});
