import type { Bundles } from './locale';

type Values = Record<string, unknown>;

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralForm(language: string, count: number) {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return rules.select(count);
}

function lookup(tree: unknown, path: string[]) {
  let node = tree;
  for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

/**
 * The browser's t(): what i18next gives for the options of app/lib/locale.ts (the server renders
 * with i18next; translate.test.ts holds the two to the same words for every message), in a few
 * hundred bytes instead of i18next's 14 KB. It reads one language, the messages the page was sent:
 * a key's first segment is a namespace when the page has that namespace, otherwise the key is
 * core's; `count` picks a plural form (`_zero` for 0 first, then the language's form, then the
 * plain key); `{{name}}` takes a value. A missing key shows as written, as on the server.
 */
export function translate(messages: Bundles, language: string, key: string, values?: Values): string {
  const path = key.split('.');
  if (!(path[0]! in messages)) path.unshift('core');
  const last = path.pop()!;
  const count = values?.count;
  const names =
    typeof count === 'number'
      ? [count === 0 && `${last}_zero`, `${last}_${pluralForm(language, count)}`, last]
      : [last];
  const group = lookup(messages, path) as Record<string, unknown> | undefined;
  const text = names.map((name) => name && group?.[name]).find((found) => typeof found === 'string');
  if (typeof text !== 'string') return key.replace(/^core\./, '');
  return text.replace(/\{\{(.+?)\}\}/g, (placeholder, name: string) => {
    const value = lookup(values, name.trim().split('.'));
    if (value === undefined) return values && Object.hasOwn(values, name.trim()) ? '' : placeholder;
    return value === null ? '' : String(value);
  });
}
