export const displayTimeZone = 'Asia/Shanghai';

export function formatMoney(fen: number, locale: string) {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

export function formatDateTime(date: Date | number | string, locale: string) {
  return new Intl.DateTimeFormat(locale, {
    timeZone: displayTimeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(date));
}

export function formatDate(date: Date | number | string, locale: string) {
  return new Intl.DateTimeFormat(locale, { timeZone: displayTimeZone, dateStyle: 'medium' }).format(new Date(date));
}

export function formatPercent(ratio: number | null, locale: string) {
  if (ratio === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}
