import type { MessageKey } from './locale';

export type MessageValues = Record<string, string | number>;

/**
 * A form's error message travels as a string (Conform's errors are strings): the i18n key, and after
 * a "|" the values it names, e.g. `errors.tooLong|{"max":200}`, so that the limit stated to the
 * person is the schema's own.
 */
export function formMessage(key: MessageKey, values?: MessageValues) {
  return values && Object.keys(values).length > 0 ? `${key}|${JSON.stringify(values)}` : key;
}

export function readFormMessage(text: string): { key: MessageKey; values?: MessageValues } {
  const bar = text.indexOf('|');
  if (bar < 0) return { key: text as MessageKey };
  return { key: text.slice(0, bar) as MessageKey, values: JSON.parse(text.slice(bar + 1)) as MessageValues };
}
