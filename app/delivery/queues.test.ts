import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fileReport, reviewReport, scheduleEvent, type EventInput } from './events.server';
import { reportsToAccept } from './queues.server';
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
