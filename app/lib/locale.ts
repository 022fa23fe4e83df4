// The languages, without their messages: safe to import from code the browser runs. The messages
// live in app/lib/i18n.ts (server); the browser gets only its page's language from the root loader.
export const supportedLanguages = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof supportedLanguages)[number];
export const fallbackLanguage: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return supportedLanguages.includes(value as Locale);
}

/** The i18next options shared by the server and the browser (the server adds every language's resources). */
export const baseI18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
};

type Tree = { [key: string]: string | Tree };

/** Words only the server ever renders (the emails), left out of what the browser gets. */
export function browserMessages(bundle: Tree, parts?: ReadonlySet<string>): Tree {
  const picked = Object.entries(bundle).filter(([part]) => !parts || parts.has(part));
  const messages: Tree = Object.fromEntries(picked);
  if (typeof messages.notifications === 'object') {
    const { mail: _serverOnly, ...shown } = messages.notifications;
    messages.notifications = shown;
  }
  return messages;
}
