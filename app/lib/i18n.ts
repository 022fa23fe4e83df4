import en from '~/locales/en';
import zhCN from '~/locales/zh-CN';
import zhTW from '~/locales/zh-TW';
import { capabilityMessages } from '~/locales/capabilities';

export const supportedLanguages = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof supportedLanguages)[number];
export const fallbackLanguage: Locale = 'zh-CN';

type Tree = { [key: string]: string | Tree };

/** Each capability owns its strings (app/<capability>/messages.ts) under its own top-level keys. */
export type CapabilityMessages = Record<Locale, Tree>;

function withCapabilities(locale: Locale, core: Tree): Tree {
  return Object.assign({}, core, ...capabilityMessages.map((m) => m[locale]));
}

export const resources = {
  'zh-CN': { translation: withCapabilities('zh-CN', zhCN) },
  'zh-TW': { translation: withCapabilities('zh-TW', zhTW) },
  en: { translation: withCapabilities('en', en) },
};

export const i18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  resources,
};

export function isLocale(value: unknown): value is Locale {
  return supportedLanguages.includes(value as Locale);
}
