import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../db/seed';
import { remindUpcomingEvents } from './reminders.server';
import { db } from '~/lib/db.server';

function eventStartingIn(hours: number) {
  const contract = db.select().from(s.contracts).where(eq(s.contracts.state, 'active')).limit(1).get()!;
  const startsAt = new Date(Date.now() + hours * 3600_000);
  return db
    .insert(s.events)
    .values({
      organizationId: contract.organizationId,
      contractId: contract.id,
      title: `提醒测试 ${hours}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3600_000),
      venueType: 'station',
      address: '丹东街道爱心驿站',
      capacity: 50,
      checkinSecret: 'c'.repeat(64),
    })
    .returning()
    .get();
}

const reminders = (eventId: number) =>
  db
    .select()
    .from(s.notifications)
    .where(eq(s.notifications.template, 'event_reminder'))
    .all()
    .filter((n) => n.data.path === `/events/${eventId}`);

beforeAll(async () => {
  await seedDemo();
});

describe('event reminders', () => {
  it('remind the organizer’s members once, the day before', () => {
    const tomorrow = eventStartingIn(20);
    const later = eventStartingIn(30);
    remindUpcomingEvents();
    remindUpcomingEvents();
    const members = db
      .select()
      .from(s.organizationMembers)
      .where(eq(s.organizationMembers.organizationId, tomorrow.organizationId))
      .all();
    expect(members.length).toBeGreaterThan(0);
    expect(
      reminders(tomorrow.id)
        .map((n) => n.userId)
        .sort(),
    ).toEqual(members.map((m) => m.userId).sort());
    expect(reminders(tomorrow.id)[0]!.data).toMatchObject({ title: tomorrow.title, address: '丹东街道爱心驿站' });
    expect(reminders(later.id)).toEqual([]);
  });

  it('remind a slice of the events due at each call, the soonest first', () => {
    const first = eventStartingIn(2);
    const second = eventStartingIn(3);
    remindUpcomingEvents(1);
    expect(reminders(first.id)).not.toEqual([]);
    expect(reminders(second.id)).toEqual([]);
    remindUpcomingEvents(1);
    expect(reminders(second.id)).not.toEqual([]);
  });
});
