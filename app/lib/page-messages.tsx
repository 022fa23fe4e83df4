import type { i18n as I18n } from 'i18next';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nContext } from 'react-i18next';
import { browserMessages, messagePart, type Bundles, type Locale } from './locale';
import { translate } from './translate';
import { TranslationContext, withMessageKeys, type Translation } from './translation';

/**
 * The browser gets its words in two steps, to keep each page's JavaScript small (150 KB budget,
 * scripts/page-js.mjs, decision 109):
 * 1. inline, only the parts of the page's language (a namespace's first-level groups: `core.nav`,
 *    `procurement.bid`…) that the server's render translated, noted as it translates them and sent
 *    by `PageMessages`;
 * 2. after hydration, the whole language from /locales/:lng (cached, versioned), for the pages the
 *    browser renders next. Languages change with a full page load (POST /set-locale).
 * The server translates with i18next; the browser with `translate`, which gives the same words in
 * a fraction of i18next's size.
 */
export const pageMessagesId = 'page-messages';

/** Sent with every page: the form errors an action returns to a page already in the browser. */
const alwaysSent = ['core.errors'];

type Sent = { json: string; version: string };

const SentMessages = createContext<() => Sent>(() => ({ json: '{}', version: '' }));

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

// Worked out once: a list page translates hundreds of keys, the same few dozen, and sends the same
// words as the last page of its kind. The bound keeps keys or pages made from data from growing them.
const remembered = 10_000;
const partOfKey = new Map<string, string>();
const sentForParts = new Map<string, Sent>();

function partOf(key: string, namespaces: readonly string[]) {
  let part = partOfKey.get(key);
  if (part === undefined) {
    part = messagePart(key, namespaces);
    if (partOfKey.size < remembered) partOfKey.set(key, part);
  }
  return part;
}

/** One page's render on the server: i18next's words, noting the part of every key translated. */
function recordingTranslation(i18next: I18n) {
  const namespaces = i18next.options.ns as readonly string[];
  const parts = new Set(alwaysSent);
  const t = withMessageKeys((key, values) => {
    parts.add(partOf(key, namespaces));
    return i18next.t(key as never, values);
  });
  const sent = (): Sent => {
    const cacheKey = `${i18next.language} ${[...parts].sort().join(' ')}`;
    let words = sentForParts.get(cacheKey);
    if (!words) {
      const bundles: Bundles = Object.fromEntries(
        namespaces.map((ns) => [ns, i18next.getResourceBundle(i18next.language, ns)]),
      );
      const json = JSON.stringify(browserMessages(bundles, parts)).replace(/</g, '\\u003c');
      words = { json, version: messagesVersion(i18next.language, bundles) };
      if (sentForParts.size < remembered) sentForParts.set(cacheKey, words);
    }
    return words;
  };
  return { translation: { t, i18n: { language: i18next.language as Locale } }, sent };
}

function ServerTranslations({ children }: { children: ReactNode }) {
  // entry.server.tsx hands the request's i18next to react-i18next's provider.
  const { i18n } = useContext(I18nContext);
  const [{ translation, sent }] = useState(() => recordingTranslation(i18n));
  return (
    <SentMessages value={sent}>
      <TranslationContext value={translation}>{children}</TranslationContext>
    </SentMessages>
  );
}

let page: Sent & { language: Locale; messages: Bundles };

/** entry.client.tsx, before hydrating: the messages the server sent with this page. */
export function readPageMessages() {
  const element = document.getElementById(pageMessagesId);
  const sent = { json: element?.textContent ?? '{}', version: element?.dataset.version ?? '' };
  page = { ...sent, language: document.documentElement.lang as Locale, messages: JSON.parse(sent.json) as Bundles };
}

const sentWithPage = () => page;

/** The rest of the language, once the page is hydrated. */
async function loadAllMessages() {
  if (!page.version) return undefined;
  const response = await fetch(`/locales/${page.language}?v=${page.version}`);
  return response.ok ? ((await response.json()) as Bundles) : undefined;
}

function BrowserTranslations({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState(page.messages);
  useEffect(() => {
    let current = true;
    void loadAllMessages().then((all) => {
      if (all && current) setMessages(all);
    });
    return () => {
      current = false;
    };
  }, []);
  const translation = useMemo<Translation>(() => {
    const t = withMessageKeys((key, values) => translate(messages, page.language, key, values));
    return { t, i18n: { language: page.language } };
  }, [messages]);
  return (
    <SentMessages value={sentWithPage}>
      <TranslationContext value={translation}>{children}</TranslationContext>
    </SentMessages>
  );
}

/** Around the whole document (root.tsx): what `useTranslation` reads, on the server and in the browser. */
export const Translations = typeof document === 'undefined' ? ServerTranslations : BrowserTranslations;

/** Rendered after the page, so that every part its render used has been noted. */
export function PageMessages() {
  const { json, version } = useContext(SentMessages)();
  return (
    <script
      type="application/json"
      id={pageMessagesId}
      data-version={version}
      dangerouslySetInnerHTML={{ __html: json }}
    />
  );
}
