import type { TFunction } from 'i18next';
import mjml2html from 'mjml';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { now } from '../app/lib/clock.server';
import { formatDate, formatDateTime, formatDay, formatMoney } from '../app/lib/format';
import { fallbackLanguage, isLocale, type Locale } from '../app/lib/i18n';
import { getT } from '../app/lib/i18n.server';
import type { NotificationData, NotificationTemplate } from '../app/notifications/notify.server';
import { messageKey } from '../app/lib/locale';
import { shanghaiDayFrom } from '../app/lib/time';

/**
 * Renders a notification as an email: emails/templates/<template>.mjml and .txt placed inside
 * emails/layout.mjml and layout.txt. Placeholders: `{{field}}` is the notification's data formatted
 * in the recipient's language, `{{t.key}}` the words in `notifications.mail.<template>.key`
 * (`notifications.mail.layout.key` in the layout), `{{#x}}…{{/x}}` / `{{^x}}…{{/x}}` keep their
 * content only when `x` is set / unset. Every value is HTML-escaped in the HTML part.
 */

export const emailsDir = resolve('emails');
export const templatesDir = resolve(emailsDir, 'templates');

export type RenderedEmail = { appName: string; subject: string; html: string; text: string };
type Vars = Record<string, string>;

export function publicUrl(path: string) {
  return (process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '') + path;
}

const timeFields = new Set(['deadline', 'submittedAt', 'objectionUntil', 'startsAt', 'expiresAt']);

function formatField(key: string, value: unknown, locale: Locale, t: TFunction): [string, string] {
  if (key === 'path') return ['url', publicUrl(String(value))];
  if (key === 'amountFen') return ['amount', formatMoney(Number(value), locale)];
  if (timeFields.has(key)) return [key, formatDateTime(String(value), locale)];
  if (key === 'endsOn') return [key, formatDay(String(value), locale)];
  if (key === 'decision') return [key, t(messageKey('notifications.mail.decisions', String(value)))];
  if (key === 'role') return [key, t(messageKey('unions.roles', String(value)))];
  if (key === 'grade') return [key, t(`evaluation.grades.${String(value)}`, { defaultValue: String(value) })];
  if (typeof value === 'number')
    return [key, new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)];
  const text = String(value ?? '').trim();
  return [key, text === '' ? '—' : text];
}

/**
 * Something that starts is worded by its calendar day in Asia/Shanghai as the person reads it:
 * the words' `_today` or `_tomorrow` variant (i18next's context), else the ones with `{{date}}`.
 */
function startVars(startsAt: unknown, locale: Locale): Vars {
  if (typeof startsAt !== 'string') return {};
  const day = shanghaiDayFrom(now(), new Date(startsAt));
  return { date: formatDate(startsAt, locale), ...(day ? { context: day } : {}) };
}

/** The notification's data as the strings its words and templates show, in `locale`. */
function dataVars(data: Record<string, unknown>, locale: Locale, t: TFunction): Vars {
  return {
    ...Object.fromEntries(Object.entries(data).map(([key, value]) => formatField(key, value, locale, t))),
    ...startVars(data.startsAt, locale),
  };
}

function asLocale(locale: string): Locale {
  return isLocale(locale) ? locale : fallbackLanguage;
}

/** The one-line summary of a notification: its email subject, also its line in the in-app list. */
export async function notificationSubject<T extends NotificationTemplate>(
  template: T,
  data: NotificationData[T],
  locale: string,
) {
  const lang = asLocale(locale);
  const t = await getT(lang);
  const vars = { appName: t('app.name'), ...dataVars(data, lang, t) };
  return translate(t, template, 'subject', vars);
}

function translate(t: TFunction, scope: string, key: string, vars: Vars) {
  const fullKey = `notifications.mail.${scope}.${key}`;
  // The scope and key come from the template files: the test that renders every template proves them.
  const text = (t as (key: string, values: Vars) => string)(fullKey, vars);
  if (text === fullKey) throw new Error(`Missing email text ${fullKey}`);
  return text;
}

export function escapeHtml(value: string) {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Fills one template file; `resolveName` answers `{{name}}` (already escaped for its output). */
function fill(source: string, vars: Vars, resolveName: (name: string) => string) {
  return source
    .replace(/\{\{([#^])(\w+)\}\}([\s\S]*?)\{\{\/\2\}\}/g, (_, kind: string, name: string, inner: string) =>
      Boolean(vars[name]) === (kind === '#') ? inner : '',
    )
    .replace(/\{\{([\w.]+)\}\}/g, (_, name: string) => resolveName(name));
}

function resolver(t: TFunction, scope: string, vars: Vars, file: string, escape: (s: string) => string) {
  return (name: string) => {
    if (name.startsWith('t.')) return escape(translate(t, scope, name.slice(2), vars));
    const value = vars[name];
    if (value === undefined) throw new Error(`Unknown placeholder {{${name}}} in ${file}`);
    return escape(value);
  };
}

function read(file: string) {
  return readFileSync(resolve(emailsDir, file), 'utf8');
}

function renderPart(kind: 'mjml' | 'txt', t: TFunction, template: string, vars: Vars) {
  const escape = kind === 'mjml' ? escapeHtml : (s: string) => s;
  const file = `templates/${template}.${kind}`;
  const content = fill(read(file), vars, resolver(t, template, vars, file, escape));
  const layout = resolver(t, 'layout', vars, `layout.${kind}`, escape);
  return fill(read(`layout.${kind}`), vars, (name) => (name === 'content' ? content : layout(name)));
}

export async function renderEmail<T extends NotificationTemplate>(input: {
  template: T;
  data: NotificationData[T];
  locale: string;
  name: string | null;
  unsubscribeUrl: string | null;
}): Promise<RenderedEmail> {
  const lang = asLocale(input.locale);
  const t = await getT(lang);
  const appName = t('app.name');
  const vars: Vars = {
    lang,
    appName,
    name: input.name ?? '',
    kind: t(`notifications.kinds.${input.template}`),
    unsubscribeUrl: input.unsubscribeUrl ?? '',
    preferencesUrl: publicUrl('/notifications/preferences'),
    ...dataVars(input.data, lang, t),
  };
  const subject = (vars.subject = translate(t, input.template, 'subject', vars));
  const mjml = renderPart('mjml', t, input.template, vars);
  const { html } = await mjml2html(mjml, { validationLevel: 'strict', keepComments: false });
  const text = renderPart('txt', t, input.template, vars)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { appName, subject, html, text: `${text}\n` };
}
