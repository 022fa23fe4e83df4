import { describe, expect, it } from 'vitest';
import { getLocale } from './i18n.server';

const request = (headers: Record<string, string>) => new Request('http://localhost/', { headers });

describe('language detection', () => {
  it('defaults to simplified Chinese', async () => {
    expect(await getLocale(request({}))).toBe('zh-CN');
  });
  it('follows Accept-Language', async () => {
    expect(await getLocale(request({ 'accept-language': 'en-US,en;q=0.9' }))).toBe('en');
    expect(await getLocale(request({ 'accept-language': 'zh-TW,zh;q=0.9' }))).toBe('zh-TW');
  });
  it('prefers the cookie over Accept-Language', async () => {
    const cookie = `lng=${encodeURIComponent(btoa(JSON.stringify('zh-TW')))}`;
    expect(await getLocale(request({ cookie, 'accept-language': 'en' }))).toBe('zh-TW');
  });
});
