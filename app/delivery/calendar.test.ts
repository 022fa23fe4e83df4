import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addMonths, monthGrid, monthRange, parseMonth } from './calendar';
import { feedPath, organizationEvents, resolveFeed, rotateFeed, unionEvents } from './calendar.server';
import { escapeText, foldLine, toICalendar } from './ical';
import {
  createContract,
  createEvent,
  createOrganization,
  createUnion,
  deliveryWorld,
} from '../../tests/fixtures/delivery';

describe('months in Asia/Shanghai', () => {
  it('start at Shanghai midnight and run Monday to Sunday', () => {
    const november = { year: 2026, month: 11 };
    expect(monthRange(november)).toEqual({
      from: new Date('2026-10-31T16:00:00Z'),
      to: new Date('2026-11-30T16:00:00Z'),
    });
    const weeks = monthGrid(november);
    // 1 November 2026 is a Sunday: six days of October lead the first week.
    expect(weeks[0]!.map((d) => d.day)).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(30);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('parse ?month= or fall back to the Shanghai month of now', () => {
    expect(parseMonth('2027-02', new Date())).toEqual({ year: 2027, month: 2 });
    // 23:30 UTC on 31 January is already 1 February in Shanghai.
    expect(parseMonth('2027-13', new Date('2027-01-31T23:30:00Z'))).toEqual({ year: 2027, month: 2 });
    expect(parseMonth(null, new Date('2027-01-31T15:59:00Z'))).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });
});

describe('iCalendar', () => {
  it('escapes text and folds long lines without splitting a character', () => {
    expect(escapeText('讲座; 地点: 食堂, 二楼\n带上工牌\\')).toBe('讲座\\; 地点: 食堂\\, 二楼\\n带上工牌\\\\');
    const folded = foldLine(`SUMMARY:${'快递员心理健康讲座'.repeat(8)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(`SUMMARY:${'快递员心理健康讲座'.repeat(8)}`);
  });

  it('writes a calendar with UTC times and CRLF line ends', () => {
    const ics = toICalendar({
      name: '象山县总工会活动',
      stamp: new Date('2026-11-20T00:00:00Z'),
      events: [
        {
          uid: 'event-1@test.example',
          start: new Date('2026-11-24T06:00:00Z'),
          end: new Date('2026-11-24T07:30:00Z'),
          summary: '驿站心理讲座',
          location: '户外劳动者驿站 · 丹东街道',
          description: '象山县心理咨询协会',
          url: 'https://test.example/events/1',
          cancelled: true,
        },
      ],
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('\r\nDTSTART:20261124T060000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20261124T073000Z\r\n');
    expect(ics).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('calendars and feeds', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-20T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("show a union every event it pays for and its residents' own activities, and nothing else", async () => {
    const world = await deliveryWorld();
    const other = createUnion('另一个工会');
    const stranger = createOrganization('外县组织');
    const day = new Date('2026-11-24T06:00:00Z');
    const paid = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, day);
    const own = createEvent({ organizationId: world.organizationId, residencyId: world.residencyId }, day);
    const elsewhere = createEvent(
      { organizationId: stranger.organizationId, contractId: createContract(other, stranger.organizationId) },
      day,
    );
    const from = new Date('2026-11-01T00:00:00Z');
    const to = new Date('2026-12-01T00:00:00Z');
    expect(unionEvents(world.unionId, from, to).map((e) => e.id)).toEqual([paid, own]);
    expect(unionEvents(other, from, to).map((e) => e.id)).toEqual([elsewhere]);
    expect(organizationEvents(world.organizationId, from, to).map((e) => e.id)).toEqual([paid, own]);
    expect(unionEvents(world.unionId, new Date('2026-12-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toEqual([]);
  });

  it('are reached by a signed URL that cannot be forged or reused after it is replaced', async () => {
    const world = await deliveryWorld();
    const segment = (path: string) => path.split('/').at(-1)!;
    const first = feedPath('union', world.unionId);
    expect(resolveFeed(segment(first))).toEqual({ scope: 'union', scopeId: world.unionId });
    // The same token does not open another union's or an organization's feed.
    expect(resolveFeed(segment(first).replace(`union-${world.unionId}`, `union-${world.unionId + 1}`))).toBeNull();
    expect(resolveFeed(segment(first).replace('union-', 'organization-'))).toBeNull();
    expect(resolveFeed(`union-${world.unionId}-${'0'.repeat(32)}.ics`)).toBeNull();

    expect(() => rotateFeed(world.leadership, 'union', world.unionId)).toThrow(Response);
    rotateFeed(world.commissioner, 'union', world.unionId);
    const second = feedPath('union', world.unionId);
    expect(second).not.toBe(first);
    expect(resolveFeed(segment(first))).toBeNull();
    expect(resolveFeed(segment(second))).toEqual({ scope: 'union', scopeId: world.unionId });
    rotateFeed(world.commissioner, 'union', world.unionId);
    expect(resolveFeed(segment(second))).toBeNull();

    expect(() => rotateFeed(world.commissioner, 'organization', world.organizationId)).toThrow(Response);
    rotateFeed(world.owner, 'organization', world.organizationId);
  });
});
