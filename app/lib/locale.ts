import type { ParseKeys } from 'i18next';

// The languages, without their messages: safe to import from code the browser runs. The messages
// are gathered in app/lib/i18n.ts (server); the browser gets its page's part with the page.
export const supportedLanguages = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof supportedLanguages)[number];
export const fallbackLanguage: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return supportedLanguages.includes(value as Locale);
}

/**
 * The i18next options shared by the server and the browser (the server adds every language's
 * resources). One namespace per capability, and '.' separates it too: in t('procurement.bid.saveDraft')
 * `procurement` is the namespace because it is one (i18next checks the first segment against `ns`);
 * t('nav.home') has no namespace in front and reads the default one, `core`.
 */
export const baseI18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: 'core',
  nsSeparator: '.',
  keySeparator: '.',
  interpolation: { escapeValue: false },
  // A missing key shows as written ('procurement.x', not 'x'), so that readers and tests spot it;
  // i18next hands the handler `<namespace>.<key>`.
  appendNamespaceToMissingKey: true,
  parseMissingKeyHandler: (key: string, defaultValue?: string) => defaultValue ?? key.replace(/^core\./, ''),
};

type Tree = { [key: string]: string | Tree };
/** A language's messages: namespace -> its tree. */
export type Bundles = Record<string, Tree>;

/** Another language's messages for a namespace: exactly zh-CN's keys (checked by the type check). */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

/** The part of a key the browser is sent by: its namespace and first group, e.g. 'procurement.bid' or 'core.nav'. */
export function messagePart(key: string, namespaces: readonly string[]) {
  const [first, second] = key.split('.');
  return namespaces.includes(first!) ? `${first}.${second}` : `core.${first}`;
}

const plural = /_(zero|one|two|few|many|other)$/;

/** The groups `parts` names (all when absent), without the words only the server renders (the emails). */
export function browserMessages(bundles: Bundles, parts?: ReadonlySet<string>): Bundles {
  const shown: Bundles = {};
  for (const [ns, tree] of Object.entries(bundles)) {
    const picked = Object.entries(tree).filter(
      // A plural's forms (unread_one, unread_other) go with the key the page asked for (unread).
      ([group]) =>
        !(ns === 'notifications' && group === 'mail') && (!parts || parts.has(`${ns}.${group.replace(plural, '')}`)),
    );
    if (picked.length > 0) shown[ns] = Object.fromEntries(picked);
  }
  return shown;
}

/** Any message key: what t() accepts. */
export type MessageKey = ParseKeys;

/** The keys in `group`, e.g. KeysIn<'evaluation.grades'> = 'evaluation.grades.excellent' | 'evaluation.grades.good' | … */
export type KeysIn<Group extends string> = Extract<MessageKey, `${Group}.${string}`>;

/**
 * A key whose last part comes from data (a state, a grade, a category kept as text): the type check
 * proves the group exists, the tests that every state, grade and category has its words prove the rest.
 */
export function messageKey<Group extends string>(
  group: Group & ([KeysIn<Group>] extends [never] ? 'is not a group of messages' : unknown),
  name: string | number,
) {
  return `${group}.${name}` as KeysIn<Group>;
}
