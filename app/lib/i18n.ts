import en from '~/locales/en';
import zhCN from '~/locales/zh-CN';
import zhTW from '~/locales/zh-TW';
import { capabilityMessages } from '~/locales/capabilities';
import { baseI18nOptions, type Locale } from './locale';

export { fallbackLanguage, isLocale, supportedLanguages, type Locale } from './locale';

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

export const i18nOptions = { ...baseI18nOptions, resources };
