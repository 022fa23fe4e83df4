import { createCookie } from 'react-router';
import { RemixI18Next } from 'remix-i18next/server';
import { fallbackLanguage, i18nOptions, resources, supportedLanguages, type Locale } from './i18n';
import { browserMessages } from './locale';

export const localeCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  secure: process.env.NODE_ENV === 'production',
  maxAge: 60 * 60 * 24 * 365,
});

export const i18n = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: localeCookie,
    order: ['cookie', 'header'],
  },
  i18next: i18nOptions,
});

export async function getLocale(request: Request) {
  return (await i18n.getLocale(request)) as Locale;
}

export async function getT(request: Request | Locale) {
  return typeof request === 'string' ? i18n.getFixedT(request) : i18n.getFixedT(request);
}

/** All the messages the browser may need in `locale` (app/lib/page-messages.tsx sends a page's part inline). */
export function clientMessages(locale: Locale) {
  return browserMessages(resources[locale]);
}
