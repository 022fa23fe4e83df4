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

const locales = new WeakMap<Request, Promise<Locale>>();

/** The request's language (its cookie, else Accept-Language), worked out once: loaders and the render all ask. */
export function getLocale(request: Request) {
  let locale = locales.get(request);
  if (!locale) locales.set(request, (locale = detection.getLocale(request) as Promise<Locale>));
  return locale;
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
    instance.t = remembering(instance.t);
    rememberHierarchy(instance);
    return [lng, instance] as const;
  }),
);

type Translate = (...args: unknown[]) => unknown;

// Keys come from the code and from data (states, categories); the bound keeps a stray one from growing it.
const rememberedKeys = 10_000;

/**
 * `t` remembering the words of a key asked without options: they cannot change while the process
 * runs, and i18next works each out anew (the language's fallbacks, the namespaces), a few
 * microseconds a time, hundreds of times on a list.
 */
function remembering(t: I18n['t']): I18n['t'] {
  const translate = t as unknown as Translate;
  const words = new Map<string, unknown>();
  const remembered: Translate = (key, ...rest) => {
    if (typeof key !== 'string' || rest.some((argument) => argument !== undefined)) return translate(key, ...rest);
    if (words.has(key)) return words.get(key);
    const text = translate(key);
    if (words.size < rememberedKeys) words.set(key, text);
    return text;
  };
  return remembered as unknown as I18n['t'];
}

/**
 * i18next works out the languages to look in (\`zh-CN\`, then its fallbacks) on every call with
 * options, through \`Intl.getCanonicalLocales\`: about a third of each such call. The answer for a
 * language never changes; the dashboard makes hundreds of such calls.
 */
function rememberHierarchy(instance: I18n) {
  const utils = instance.services.languageUtils as { toResolveHierarchy(code: string, fallback?: unknown): string[] };
  const resolve = utils.toResolveHierarchy.bind(utils);
  const hierarchies = new Map<string, string[]>();
  utils.toResolveHierarchy = (code, fallback) => {
    if (fallback !== undefined || typeof code !== 'string') return resolve(code, fallback);
    let hierarchy = hierarchies.get(code);
    if (!hierarchy) hierarchies.set(code, (hierarchy = resolve(code)));
    return hierarchy;
  };
}

function instanceFor(locale: Locale) {
  return instances.get(locale) ?? instances.get(fallbackLanguage)!;
}

export async function getT(request: Request | Locale) {
  const locale = typeof request === 'string' ? request : await getLocale(request);
  return instanceFor(locale).t as unknown as TFunction;
}

/** The i18next a page renders with: its language's, shared (app/lib/page-messages.tsx notes per render what it translated). */
export function i18nextFor(locale: Locale): I18n {
  return instanceFor(locale);
}

/** All the messages the browser may need in `locale` (app/lib/page-messages.tsx sends a page's part inline). */
export function clientMessages(locale: Locale) {
  return browserMessages(resources[locale]);
}
