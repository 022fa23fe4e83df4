import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fileReport, reviewReport, scheduleEvent, type EventInput } from './events.server';
import { eventsToReport, reportsToAccept } from './queues.server';
import { remindReportsDue } from './reminders.server';
import { eq } from 'drizzle-orm';
import { notifications } from '../../db/schema/notifications';
import { db } from '~/lib/db.server';
import { deliveryWorld } from '../../tests/fixtures/delivery';

const start = new Date('2026-11-24T06:00:00Z');
const event = (title: string, startsAt: Date): EventInput => ({
  title,
  startsAt,
  durationMinutes: 60,
  venueType: 'station',
  address: '石浦镇爱心驿站',
  capacity: 40,
  expectedAttendance: 30,
});

/** Who was sent `template` about the event. */
const notified = (template: 'report_due' | 'report_filed', eventId: number) =>
  db
    .select({ userId: notifications.userId, data: notifications.data })
    .from(notifications)
    .where(eq(notifications.template, template))
    .all()
    .filter((n) => n.data.path === `/events/${eventId}`)
    .map((n) => n.userId);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start.getTime() - 24 * 3600_000);
});
afterEach(() => vi.useRealTimers());

it('lists the reports the viewer may accept, oldest first, and only theirs', async () => {
  const world = await deliveryWorld();
  const later = scheduleEvent(world.owner, world.contractId, event('第二场', new Date(start.getTime() + 3600_000 * 3)));
  const earlier = scheduleEvent(world.owner, world.contractId, event('第一场', start));
  vi.setSystemTime(start.getTime() + 6 * 3600_000);
  await fileReport(world.owner, later, { walkIns: 0, summary: '完成。' });
  await fileReport(world.owner, earlier, { walkIns: 0, summary: '完成。' });

  expect(reportsToAccept(world.commissioner).map((r) => r.id)).toEqual([earlier, later]);
  expect(reportsToAccept(world.owner)).toEqual([]);
  reviewReport(world.commissioner, earlier, 'accept');
  expect(reportsToAccept(world.commissioner).map((r) => r.id)).toEqual([later]);
});

it('lists the organization’s events that are over and wait for their report, until it is filed', async () => {
  const world = await deliveryWorld();
  const over = scheduleEvent(world.owner, world.contractId, event('已结束的活动', start));
  const ahead = scheduleEvent(
    world.owner,
    world.contractId,
    event('还没开始的活动', new Date(start.getTime() + 48 * 3600_000)),
  );
  vi.setSystemTime(start.getTime() + 2 * 3600_000);

  expect(eventsToReport(world.owner).map((e) => e.id)).toEqual([over]);
  expect(eventsToReport(world.owner)[0]).toMatchObject({ organizationId: world.organizationId, role: 'owner' });
  expect(eventsToReport(world.commissioner)).toEqual([]);
  await fileReport(world.owner, over, { walkIns: 0, summary: '完成。' });
  expect(eventsToReport(world.owner)).toEqual([]);
  // Returned to the organization, it waits on them again.
  reviewReport(world.commissioner, over, 'return', '请补充照片。');
  expect(eventsToReport(world.owner).map((e) => e.id)).toEqual([over]);
  expect(ahead).toBeGreaterThan(0);
});

it('a filed report notifies the reviewers who may accept it; an ended event reminds its organization once', async () => {
  const world = await deliveryWorld();
  const id = scheduleEvent(world.owner, world.contractId, event('需要提醒的活动', start));
  vi.setSystemTime(start.getTime() + 2 * 3600_000);
  remindReportsDue();
  remindReportsDue();
  expect(notified('report_due', id)).toEqual([world.owner.id]);

  await fileReport(world.owner, id, { walkIns: 0, summary: '完成。' });
  expect(notified('report_filed', id)).toEqual([world.commissioner.id]);
  expect(reportsToAccept(world.commissioner).map((r) => r.id)).toContain(id);
});
