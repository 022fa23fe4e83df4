import { dayStart, shanghaiTimeZone } from './time';

/**
 * Building an Intl formatter costs far more than using one (it was most of a tender list's render
 * time): one per locale and kind, kept for the life of the process.
 */
function memoByLocale<T>(make: (locale: string) => T) {
  const made = new Map<string, T>();
  return (locale: string) => {
    let formatter = made.get(locale);
    if (!formatter) made.set(locale, (formatter = make(locale)));
    return formatter;
  };
}

const money = memoByLocale((locale) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }));
const dateTime = memoByLocale(
  (locale) => new Intl.DateTimeFormat(locale, { timeZone: shanghaiTimeZone, dateStyle: 'medium', timeStyle: 'short' }),
);
const date = memoByLocale(
  (locale) => new Intl.DateTimeFormat(locale, { timeZone: shanghaiTimeZone, dateStyle: 'medium' }),
);
const number = memoByLocale((locale) => new Intl.NumberFormat(locale));
const integer = memoByLocale((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }));
const percent = memoByLocale((locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }));

export function formatMoney(fen: number, locale: string) {
  return money(locale).format(fen / 100);
}

export function formatDateTime(value: Date | number | string, locale: string) {
  return dateTime(locale).format(new Date(value));
}

export function formatDate(value: Date | number | string, locale: string) {
  return date(locale).format(new Date(value));
}

/** A number as the locale writes it, with up to three decimals. */
export function formatNumber(value: number, locale: string) {
  return number(locale).format(value);
}

/** A count (sessions, worker-visits, organizations): a whole number, grouped as the locale groups digits. */
export function formatCount(value: number, locale: string) {
  return integer(locale).format(value);
}

/**
 * A count expected pro rata (a contract's 64 sessions over part of its period: 33.9) is still a
 * count: a whole number, at least 1 when anything is expected; the words around it say "about".
 */
export function formatExpectedCount(prorated: number, locale: string) {
  return formatCount(prorated > 0 ? Math.max(1, Math.round(prorated)) : 0, locale);
}

/** A Shanghai calendar day stored as 'YYYY-MM-DD' (a period's bound, a payment day), in the locale's one date form. */
export function formatDay(isoDate: string, locale: string) {
  return formatDate(dayStart(isoDate), locale);
}

/** From one calendar day to another, both included. */
export function formatPeriod(start: string, end: string, locale: string) {
  return `${formatDay(start, locale)} – ${formatDay(end, locale)}`;
}

export function formatPercent(ratio: number | null, locale: string) {
  if (ratio === null) return '—';
  return percent(locale).format(ratio);
}
