import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * Asia/Shanghai, the zone people read, type and count days in: all stored times are UTC, and every
 * conversion between the two is here. The zone has had no daylight saving since 1991, so it is a
 * fixed UTC+8 and plain arithmetic is exact.
 */
export const shanghaiTimeZone = 'Asia/Shanghai';
const shanghaiOffset = '+08:00';
const offsetMs = 8 * 3600_000;
const dayMs = 24 * 3600_000;

/** The Shanghai calendar day of an instant, 'YYYY-MM-DD' (a Date, or epoch milliseconds). */
export function shanghaiDate(at: Date | number): string {
  return new Date(new Date(at).getTime() + offsetMs).toISOString().slice(0, 10);
}

/**
 * The Shanghai calendar day an instant falls on, seen from another: 'today', 'tomorrow', or null
 * (any other day). A reminder two minutes before an event is about today, whatever the hours between.
 */
export function shanghaiDayFrom(from: Date | number, at: Date | number): 'today' | 'tomorrow' | null {
  const days = daysInclusive(shanghaiDate(from), shanghaiDate(at)) - 1;
  return days === 0 ? 'today' : days === 1 ? 'tomorrow' : null;
}

/** The Shanghai calendar year and month (1–12) an instant falls in. */
export function shanghaiYearMonth(at: Date | number): { year: number; month: number } {
  const local = new Date(new Date(at).getTime() + offsetMs);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
}

export function shanghaiYear(at: Date | number): number {
  return shanghaiYearMonth(at).year;
}

/** The instant a Shanghai calendar day ('YYYY-MM-DD') starts. */
export function dayStart(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00${shanghaiOffset}`);
}

/** The instant a Shanghai month starts; month 13 is next January, month 0 last December. */
export function monthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1) - offsetMs);
}

/** A Shanghai wall-clock time as ISO 8601 with its offset: ('2026-11-24', '23:59:59') → '2026-11-24T23:59:59+08:00'. */
export function shanghaiIso(isoDate: string, time: string): string {
  return `${isoDate}T${time}${shanghaiOffset}`;
}

/** "2026-11-24T14:00" as typed into a datetime-local input in Asia/Shanghai → Date, or null. */
export function parseShanghaiDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00${shanghaiOffset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The datetime-local value for a Date, in Asia/Shanghai. */
export function toShanghaiInput(date: Date): string {
  return new Date(date.getTime() + offsetMs).toISOString().slice(0, 16);
}

/**
 * SQLite's seconds for a UTC-millisecond column read on a Shanghai clock, for its date functions:
 * `date(${shanghaiSeconds(col)}, 'unixepoch')` is the Shanghai day.
 */
export function shanghaiSeconds(millis: SQLWrapper): SQL {
  return sql`(${millis} / 1000 + ${offsetMs / 1000})`;
}

// Calendar dates ('YYYY-MM-DD') carry no zone: this arithmetic is the same in every one.

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Same day of the month `months` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs) + 1;
}

export function isIsoDate(value: string) {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
  );
}
