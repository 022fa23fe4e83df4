import en from '~/locales/en';
import zhCN from '~/locales/zh-CN';
import zhTW from '~/locales/zh-TW';

export const supportedLanguages = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof supportedLanguages)[number];
export const fallbackLanguage: Locale = 'zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  'zh-TW': { translation: zhTW },
  en: { translation: en },
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
