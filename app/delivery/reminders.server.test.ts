import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../db/seed';
import { remindUpcomingEvents } from './reminders.server';
import { notificationSubject, renderEmail } from '../../emails/render.server';
import { now, setClockOffset } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

function eventStartingIn(hours: number) {
  return eventStartingAt(new Date(now().getTime() + hours * 3600_000), `提醒测试 ${hours}`);
}

function eventStartingAt(startsAt: Date, title: string) {
  const contract = db.select().from(s.contracts).where(eq(s.contracts.state, 'active')).limit(1).get()!;
  return db
    .insert(s.events)
    .values({
      organizationId: contract.organizationId,
      contractId: contract.id,
      title,
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

process.env.TEST_CLOCK = '1';

beforeAll(async () => {
  await seedDemo();
});

afterEach(() => setClockOffset(0));

const setClock = (iso: string) => setClockOffset(Date.parse(iso) - Date.now());

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

describe('a reminder’s words', () => {
  it('name the calendar day in Asia/Shanghai, not the hours until the event', async () => {
    setClock('2026-12-07T10:00:00+08:00');
    const soon = eventStartingAt(new Date('2026-12-07T10:02:00+08:00'), '两分钟后的讲座');
    remindUpcomingEvents();
    const data = reminders(soon.id)[0]!.data as Parameters<typeof notificationSubject<'event_reminder'>>[1];
    expect(await notificationSubject('event_reminder', data, 'zh-CN')).toBe('今天的活动：两分钟后的讲座');
    expect(await notificationSubject('event_reminder', data, 'en')).toBe('Today: 两分钟后的讲座');
    const email = await renderEmail({
      template: 'event_reminder',
      data,
      locale: 'zh-CN',
      name: null,
      unsubscribeUrl: null,
    });
    expect(email.text).toContain('提醒您：活动“两分钟后的讲座”今天举行。');
    expect(email.text).not.toContain('明天');

    // Five minutes before midnight, an event five minutes after it is tomorrow's.
    setClock('2026-12-07T23:58:00+08:00');
    const midnight = eventStartingAt(new Date('2026-12-08T00:03:00+08:00'), '午夜后的讲座');
    remindUpcomingEvents();
    const next = reminders(midnight.id)[0]!.data as typeof data;
    expect(await notificationSubject('event_reminder', next, 'zh-TW')).toBe('明天的活動：午夜后的讲座');

    // Read in the inbox a week later, the reminder names the date.
    setClock('2026-12-14T09:00:00+08:00');
    expect(await notificationSubject('event_reminder', data, 'zh-CN')).toBe('2026年12月7日的活动：两分钟后的讲座');
  });
});
