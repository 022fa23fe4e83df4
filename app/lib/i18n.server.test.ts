import { describe, expect, it, vi } from 'vitest';
import { resources } from './i18n';
import type { MessageKey } from './locale';
import { getLocale, getT, i18nextFor } from './i18n.server';

type Translate = (...args: unknown[]) => unknown;

const request = (headers: Record<string, string>) => new Request('http://localhost/', { headers });

describe('language detection', () => {
  it('defaults to simplified Chinese', async () => {
    expect(await getLocale(request({}))).toBe('zh-CN');
  });
  it('follows Accept-Language', async () => {
    expect(await getLocale(request({ 'accept-language': 'en-US,en;q=0.9' }))).toBe('en');
    expect(await getLocale(request({ 'accept-language': 'zh-TW,zh;q=0.9' }))).toBe('zh-TW');
  });
  it('is worked out once per request', async () => {
    const english = request({ 'accept-language': 'en' });
    expect(getLocale(english)).toBe(getLocale(english));
    expect(await getLocale(english)).toBe('en');
  });
  it('prefers the cookie over Accept-Language', async () => {
    const cookie = `lng=${encodeURIComponent(btoa(JSON.stringify('zh-TW')))}`;
    expect(await getLocale(request({ cookie, 'accept-language': 'en' }))).toBe('zh-TW');
  });
});

describe('message keys', () => {
  it("read a capability's namespace when they start with its name, and core otherwise", async () => {
    const t = await getT('en');
    expect(t('procurement.bid.saveDraft')).toBe(resources.en.procurement.bid.saveDraft);
    expect(t('http.healthy')).toBe('The service is up.');
    expect(t('nav.home')).toBe(resources.en.core.nav.home);
    expect(t('catalog.search.total', { count: 2 })).toBe(
      resources.en.catalog.search.total_other.replace('{{count}}', '2'),
    );
  });

  it('come back as themselves when no namespace has them', async () => {
    const t = await getT('en');
    const [inCapability, inCore] = ['procurement.noSuchKey', 'nav.noSuchKey'] as string[] as MessageKey[];
    expect(t(inCapability!)).toBe('procurement.noSuchKey');
    expect(t(inCore!)).toBe('nav.noSuchKey');
    expect(t(inCore!, { defaultValue: 'given' })).toBe('given');
  });
});

describe('the server’s i18next', () => {
  it('is built once per language, not per request', async () => {
    const en = request({ 'accept-language': 'en' });
    expect(await getT(en)).toBe(await getT('en'));
    expect(i18nextFor('en')).toBe(i18nextFor('en'));
    expect((await getT('zh-TW'))('nav.home')).toBe(resources['zh-TW'].core.nav.home);
  });

  it('works out the words of a key once, and those of a key with options each time', async () => {
    const translator = (i18nextFor('zh-TW') as unknown as { translator: { translate: Translate } }).translator;
    const translate = vi.spyOn(translator, 'translate');
    const t = (await getT('zh-TW')) as unknown as Translate;
    for (let i = 0; i < 3; i++) expect(t('errors.codeExpired')).toBe(resources['zh-TW'].core.errors.codeExpired);
    expect(translate.mock.calls.length).toBeLessThanOrEqual(1);
    expect(t('catalog.search.total', { count: 1 })).not.toBe(t('catalog.search.total', { count: 2 }));
    expect(translate.mock.calls.length).toBeGreaterThanOrEqual(2);
    translate.mockRestore();
  });
});
