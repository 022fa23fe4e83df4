import { createInstance, type i18n as I18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
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

const detection = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: localeCookie,
    order: ['cookie', 'header'],
  },
});

export async function getLocale(request: Request) {
  return (await detection.getLocale(request)) as Locale;
}

/**
 * One i18next per language, built once: building one per request (and one more per getT, as
 * remix-i18next's getFixedT does) cost more CPU than rendering a worker's page (docs/decisions/108).
 * Every message is in `resources`, so init is synchronous.
 */
const instances = new Map(
  supportedLanguages.map((lng) => {
    const instance = createInstance();
    void instance.use(initReactI18next).init({ ...i18nOptions, lng, initAsync: false });
    return [lng, instance] as const;
  }),
);
const translators = new Map([...instances].map(([lng, instance]) => [lng, instance.getFixedT(lng)]));

function instanceFor(locale: Locale) {
  return instances.get(locale) ?? instances.get(fallbackLanguage)!;
}

export async function getT(request: Request | Locale): Promise<TFunction> {
  const locale = typeof request === 'string' ? request : await getLocale(request);
  return translators.get(locale) ?? translators.get(fallbackLanguage)!;
}

/**
 * The i18next a request renders with: a view of its language's shared instance, so that what the
 * render notes on it (app/lib/page-messages.tsx replaces its `t`) stays with this request. i18next
 * binds its methods to the instance they were made on; getFixedT, which useTranslation calls, is
 * bound to the view instead, so that the `t` it hands out is the view's.
 */
export function requestI18next(locale: Locale): I18n {
  const shared = instanceFor(locale);
  const view = Object.create(shared) as I18n;
  view.getFixedT = (Object.getPrototypeOf(shared) as I18n).getFixedT.bind(view) as I18n['getFixedT'];
  return view;
}

/** All the messages the browser may need in `locale` (app/lib/page-messages.tsx sends a page's part inline). */
export function clientMessages(locale: Locale) {
  return browserMessages(resources[locale]);
}
