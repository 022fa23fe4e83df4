import { monthStart, shanghaiYearMonth } from '~/lib/time';

/** Month arithmetic for the calendars: months of the Shanghai calendar. */
export type Month = { year: number; month: number };

export function formatMonth({ year, month }: Month) {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** "2026-11" from the query string, else the month `today` falls in. */
export function parseMonth(value: string | null, today: Date): Month {
  const match = value ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    if (year >= 2000 && year <= 2100 && month >= 1 && month <= 12) return { year, month };
  }
  return shanghaiYearMonth(today);
}

export function addMonths({ year, month }: Month, delta: number): Month {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The instants the month starts and ends (exclusive). */
export function monthRange(m: Month) {
  return { from: monthStart(m.year, m.month), to: monthStart(m.year, m.month + 1) };
}

/** The weeks (Monday first) covering the month, each day as "YYYY-MM-DD" and whether it is in it. */
export function monthGrid(m: Month) {
  const first = new Date(Date.UTC(m.year, m.month - 1, 1));
  const daysInMonth = new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
  const leading = (first.getUTCDay() + 6) % 7;
  const cells = Math.ceil((leading + daysInMonth) / 7) * 7;
  const weeks: { day: string; inMonth: boolean }[][] = [];
  for (let i = 0; i < cells; i++) {
    const date = new Date(Date.UTC(m.year, m.month - 1, 1 + i - leading));
    if (i % 7 === 0) weeks.push([]);
    weeks.at(-1)!.push({ day: date.toISOString().slice(0, 10), inMonth: date.getUTCMonth() === m.month - 1 });
  }
  return weeks;
}
