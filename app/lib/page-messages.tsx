import type { i18n as I18n } from 'i18next';
import { useContext } from 'react';
import { I18nContext } from 'react-i18next';
import { browserMessages, messagePart, type Bundles } from './locale';

/**
 * The browser gets its words in two steps, to keep each page's JavaScript small (150 KB budget, scripts/page-js.mjs):
 * 1. inline, only the parts of the page's language (a namespace's first-level groups: `core.nav`,
 *    `procurement.bid`…) that the server's render translated, noted by `useRecordMessageParts` and
 *    sent by `PageMessages`;
 * 2. after hydration, the whole language from /locales/:lng (cached, versioned), for the pages the
 *    browser renders next. Languages change with a full page load (POST /set-locale).
 */
export const pageMessagesId = 'page-messages';

/** Sent with every page: the messages of client-side form checks, which the server's render never shows. */
const alwaysSent = ['core.errors'];

const usedParts = new WeakMap<I18n, Set<string>>();

// Worked out once: a list page translates hundreds of keys, the same few dozen, and sends the same
// words as the last page of its kind. The bound keeps keys or pages made from data from growing them.
const remembered = 10_000;
const partOfKey = new Map<string, string>();

function notePart(parts: Set<string>, key: unknown, namespaces: readonly string[]) {
  for (const k of [key].flat()) {
    if (typeof k !== 'string') continue;
    let part = partOfKey.get(k);
    if (part === undefined) {
      part = messagePart(k, namespaces);
      if (partOfKey.size < remembered) partOfKey.set(k, part);
    }
    parts.add(part);
  }
}

/** On the server, once per request's i18next: notes the part of every key translated from then on. */
function recordMessageParts(i18n: I18n) {
  if (typeof document !== 'undefined' || usedParts.has(i18n)) return;
  const parts = new Set(alwaysSent);
  usedParts.set(i18n, parts);
  const translate = i18n.t.bind(i18n) as unknown as (...args: unknown[]) => unknown;
  i18n.t = ((key: unknown, ...rest: unknown[]) => {
    notePart(parts, key, i18n.options.ns as readonly string[]);
    return translate(key, ...rest);
  }) as unknown as I18n['t'];
}

/** The request's i18next itself (useTranslation hands out per-component wrappers). */
const useI18next = () => useContext(I18nContext).i18n;

/** Called by the root layout before the page renders. */
export function useRecordMessageParts() {
  recordMessageParts(useI18next());
}

const versions = new Map<string, string>();

/** A short hash of a language's browser messages, so /locales/:lng?v= can be cached for good. */
export function messagesVersion(locale: string, bundles: Bundles) {
  let version = versions.get(locale);
  if (!version) {
    const text = JSON.stringify(browserMessages(bundles));
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    version = (hash >>> 0).toString(36);
    versions.set(locale, version);
  }
  return version;
}

let sent: { json: string; version: string } | undefined;

const messagesForParts = new Map<string, { json: string; version: string }>();

function serverMessages(i18n: I18n) {
  const parts = usedParts.get(i18n);
  const key = `${i18n.language} ${[...(parts ?? [])].sort().join(' ')}`;
  let messages = messagesForParts.get(key);
  if (!messages) {
    const namespaces = i18n.options.ns as readonly string[];
    const bundles: Bundles = Object.fromEntries(
      namespaces.map((ns) => [ns, i18n.getResourceBundle(i18n.language, ns)]),
    );
    const json = JSON.stringify(browserMessages(bundles, parts)).replace(/</g, '\\u003c');
    messages = { json, version: messagesVersion(i18n.language, bundles) };
    if (messagesForParts.size < remembered) messagesForParts.set(key, messages);
  }
  return messages;
}

/** Rendered after the page, so that every part its render used has been noted. */
export function PageMessages() {
  const i18n = useI18next();
  const { json, version } =
    typeof document === 'undefined' ? serverMessages(i18n) : (sent ?? { json: '{}', version: '' });
  return (
    <script
      type="application/json"
      id={pageMessagesId}
      data-version={version}
      dangerouslySetInnerHTML={{ __html: json }}
    />
  );
}

/** entry.client.tsx, before hydrating: the messages the server sent with this page. */
export function readPageMessages(): Bundles {
  const element = document.getElementById(pageMessagesId);
  sent = { json: element?.textContent ?? '{}', version: element?.dataset.version ?? '' };
  return JSON.parse(sent.json) as Bundles;
}

/** entry.client.tsx, after hydrating: the rest of the language; pages using it re-render. */
export async function loadAllMessages(i18n: I18n) {
  if (!sent?.version) return;
  const response = await fetch(`/locales/${i18n.language}?v=${sent.version}`);
  if (!response.ok) return;
  for (const [ns, tree] of Object.entries((await response.json()) as Bundles))
    i18n.addResourceBundle(i18n.language, ns, tree, true, false);
}
