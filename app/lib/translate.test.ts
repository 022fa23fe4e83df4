import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { i18nOptions, resources } from './i18n';
import { browserMessages, supportedLanguages, type Bundles } from './locale';
import { translate } from './translate';

type Tree = Bundles[string];

const plural = /_(zero|one|two|few|many|other)$/;

/** Every key as t() is called with it ('nav.home', 'procurement.bid.saveDraft', a plural by its plain key), with its texts. */
function keys(bundles: Bundles) {
  const found = new Map<string, string[]>();
  const walk = (tree: Tree, prefix: string) => {
    for (const [name, value] of Object.entries(tree)) {
      if (typeof value !== 'string') walk(value, `${prefix}${name}.`);
      else
        found.set(prefix + name.replace(plural, ''), [...(found.get(prefix + name.replace(plural, '')) ?? []), value]);
    }
  };
  for (const [ns, tree] of Object.entries(bundles)) walk(tree, ns === 'core' ? '' : `${ns}.`);
  return found;
}

/** Values for a message's placeholders: each count a plural rule tells apart, and a word for every other name. */
function valueSets(texts: string[]) {
  const names = new Set(texts.flatMap((text) => [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1]!.trim())));
  const words = Object.fromEntries([...names].filter((n) => n !== 'count').map((n) => [n, `«${n}»`]));
  const counts = names.has('count') || texts.length > 1 ? [0, 1, 2, 5, 11, 21, 1.5] : [undefined];
  return [undefined, ...counts.map((count) => (count === undefined ? words : { ...words, count }))];
}

describe("the browser's translate() says what the server's i18next says", async () => {
  for (const language of supportedLanguages) {
    const i18next = createInstance();
    await i18next.init({ ...i18nOptions, lng: language });
    const messages = browserMessages(resources[language]);

    it(`for every message the browser can be sent in ${language}, with and without its values`, () => {
      let compared = 0;
      for (const [key, texts] of keys(messages)) {
        for (const values of valueSets(texts)) {
          expect(translate(messages, language, key, values), `${key} ${JSON.stringify(values)}`).toBe(
            i18next.t(key as never, values as never),
          );
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(1000);
    });

    it(`for keys it does not have in ${language}: shown as written`, () => {
      for (const key of ['nav.noSuchKey', 'procurement.noSuch.key', 'noSuchGroup.key', 'core.nav.noSuchKey']) {
        expect(translate(messages, language, key)).toBe(i18next.t(key as never));
      }
      // A page that was not sent a namespace shows its keys as written until the language arrives.
      expect(translate({ core: messages.core! }, language, 'procurement.bid.saveDraft')).toBe(
        'procurement.bid.saveDraft',
      );
    });
  }

  it('fills a value given as null or undefined with nothing, and leaves a placeholder given no value', async () => {
    const messages = { core: { greeting: '你好，{{name}}。{{ place }}' } };
    const i18next = createInstance();
    await i18next.init({ ...i18nOptions, ns: ['core'], lng: 'zh-CN', resources: { 'zh-CN': messages } });
    for (const values of [{ name: null }, { name: undefined }, undefined, { name: '{{place}}', place: 1 }]) {
      expect(translate(messages, 'zh-CN', 'greeting', values)).toBe(i18next.t('greeting' as never, values as never));
    }
  });
});
