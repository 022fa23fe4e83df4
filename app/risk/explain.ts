import type { TFunction } from 'i18next';
import type { Facts } from './indicators';
import type { RiskIndicator } from './indicators-list';
import { formatDateTime, formatMoney, formatNumber } from '~/lib/format';
import { messageKey } from '~/lib/locale';

type Value = number | string;

function shown(key: string, value: Value, t: TFunction, locale: string): string {
  if (key.endsWith('Fen') && typeof value === 'number') return formatMoney(value, locale);
  if (key.endsWith('At') && typeof value === 'string') return formatDateTime(value, locale);
  if (key === 'criterion') return t(messageKey('procurement.criteria', value));
  return typeof value === 'number' ? formatNumber(value, locale) : value;
}

const format = (values: Record<string, Value>, t: TFunction, locale: string, prefix = '') =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [prefix + k, shown(k, v, t, locale)]));

/**
 * A flag in plain words — what was seen, against which threshold — in the reader's language: on
 * the pages, in the CSV and in the OCDS extension alike.
 */
export function explainFlag(t: TFunction, locale: string, flag: { indicator: RiskIndicator; facts: Facts }) {
  const { facts } = flag;
  const values: Record<string, string> = {
    ...format(facts.seen, t, locale),
    // Thresholds as `limit_<name>`: one level of names, as the browser's translate() reads them.
    ...format(facts.threshold, t, locale, 'limit_'),
  };
  // The key is made from the indicator and its variant, which the messages' types cannot follow.
  const say = t as unknown as (key: string, values: Record<string, string>) => string;
  return say(`risk.explain.${flag.indicator}.${facts.variant ?? 'default'}`, values);
}
