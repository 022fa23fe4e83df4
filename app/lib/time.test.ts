import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, sqlite } from './db.server';
import {
  addDays,
  addMonths,
  dayStart,
  daysInclusive,
  isIsoDate,
  monthStart,
  parseShanghaiDateTime,
  shanghaiDate,
  shanghaiDayFrom,
  shanghaiIso,
  shanghaiSeconds,
  shanghaiYear,
  shanghaiYearMonth,
  toShanghaiInput,
} from './time';

describe('Asia/Shanghai days', () => {
  it('a day starts at 16:00 UTC the evening before', () => {
    expect(shanghaiDate(new Date('2027-01-31T15:59:59.999Z'))).toBe('2027-01-31');
    expect(shanghaiDate(new Date('2027-01-31T16:00:00Z'))).toBe('2027-02-01');
    expect(shanghaiDate(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(dayStart('2027-02-01').toISOString()).toBe('2027-01-31T16:00:00.000Z');
  });

  it('months and years turn over at Shanghai midnight', () => {
    expect(shanghaiYearMonth(new Date('2026-12-31T15:59:00Z'))).toEqual({ year: 2026, month: 12 });
    expect(shanghaiYearMonth(new Date('2026-12-31T16:00:00Z'))).toEqual({ year: 2027, month: 1 });
    expect(shanghaiYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(monthStart(2027, 3).toISOString()).toBe('2027-02-28T16:00:00.000Z');
    expect(monthStart(2026, 13).toISOString()).toBe(monthStart(2027, 1).toISOString());
    expect(monthStart(2027, 0).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('calendar arithmetic clamps to the month end and counts both ends', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', -12)).toBe('2025-12-15');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysInclusive('2027-02-01', '2027-02-28')).toBe(28);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});

describe('datetime-local input in Asia/Shanghai', () => {
  it('parses what a person typed as Shanghai wall-clock time', () => {
    expect(parseShanghaiDateTime('2026-11-24T14:00')?.toISOString()).toBe('2026-11-24T06:00:00.000Z');
    expect(parseShanghaiDateTime('2026-11-25T00:30')?.toISOString()).toBe('2026-11-24T16:30:00.000Z');
    expect(parseShanghaiDateTime('2026-11-24 14:00')).toBeNull();
    expect(parseShanghaiDateTime('2026-13-01T10:00')).toBeNull();
    expect(parseShanghaiDateTime('')).toBeNull();
  });

  it('shows a stored time back as it was typed', () => {
    expect(toShanghaiInput(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25T00:30');
    expect(toShanghaiInput(parseShanghaiDateTime('2027-01-01T00:00')!)).toBe('2027-01-01T00:00');
    expect(shanghaiIso('2026-11-24', '23:59:59')).toBe('2026-11-24T23:59:59+08:00');
  });
});

describe('Asia/Shanghai in SQL', () => {
  it('SQLite reads a stored instant as the same Shanghai day and month as the code does', () => {
    sqlite.exec('create temporary table instants (at integer not null)');
    const instants = ['2027-01-31T15:59:59Z', '2027-01-31T16:00:00Z', '2026-12-31T16:00:00Z'].map(Date.parse);
    for (const at of instants) sqlite.prepare('insert into instants (at) values (?)').run(at);
    const rows = db.all<{ at: number; day: string; month: number }>(
      sql`select at, date(${shanghaiSeconds(sql.raw('at'))}, 'unixepoch') as day,
            cast(strftime('%Y%m', ${shanghaiSeconds(sql.raw('at'))}, 'unixepoch') as integer) as month
          from instants order by at`,
    );
    for (const row of rows) {
      const { year, month } = shanghaiYearMonth(row.at);
      expect(row.day).toBe(shanghaiDate(row.at));
      expect(row.month).toBe(year * 100 + month);
    }
    expect(rows.map((r) => r.day)).toEqual(['2027-01-01', '2027-01-31', '2027-02-01']);
  });
});

describe('shanghaiDayFrom', () => {
  it('counts calendar days in Asia/Shanghai, not 24-hour spans', () => {
    const at = (iso: string) => new Date(iso);
    expect(shanghaiDayFrom(at('2026-12-07T10:00:00+08:00'), at('2026-12-07T10:02:00+08:00'))).toBe('today');
    expect(shanghaiDayFrom(at('2026-12-07T23:58:00+08:00'), at('2026-12-08T00:03:00+08:00'))).toBe('tomorrow');
    expect(shanghaiDayFrom(at('2026-12-07T00:01:00+08:00'), at('2026-12-08T23:59:00+08:00'))).toBe('tomorrow');
    // 20:00 UTC on the 6th is already the 7th in Shanghai.
    expect(shanghaiDayFrom(at('2026-12-06T20:00:00Z'), at('2026-12-07T09:00:00+08:00'))).toBe('today');
    expect(shanghaiDayFrom(at('2026-12-07T10:00:00+08:00'), at('2026-12-09T08:00:00+08:00'))).toBeNull();
    expect(shanghaiDayFrom(at('2026-12-07T10:00:00+08:00'), at('2026-12-06T08:00:00+08:00'))).toBeNull();
  });
});
