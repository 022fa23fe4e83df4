import type { MessageKey } from './locale';

export type MessageValues = Record<string, string | number | Date>;

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A form's error message travels as a string (Conform's errors are strings): the i18n key, and after
 * a "|" the values it names, e.g. `errors.tooLong|{"max":200}`, so that the limit stated to the
 * person is the schema's own. A moment (a refusal's "bids open at") travels as its ISO instant and
 * comes back a Date, for the page to write in the person's locale.
 */
export function formMessage(key: MessageKey, values?: MessageValues) {
  return values && Object.keys(values).length > 0 ? `${key}|${JSON.stringify(values)}` : key;
}

export function readFormMessage(text: string): { key: MessageKey; values?: MessageValues } {
  const bar = text.indexOf('|');
  if (bar < 0) return { key: text as MessageKey };
  const values = JSON.parse(text.slice(bar + 1), (_key, value: unknown) =>
    typeof value === 'string' && isoInstant.test(value) ? new Date(value) : value,
  ) as MessageValues;
  return { key: text.slice(0, bar) as MessageKey, values };
}
