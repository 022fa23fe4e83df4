import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import {
  contentSecurityPolicy,
  isCrossSite,
  refuseCrossSite,
  securityHeaders,
  sharedPagePolicy,
} from './security.server';

const post = (headers: Record<string, string>, url = 'http://app.test/login') =>
  new Request(url, { method: 'POST', headers });

describe('isCrossSite', () => {
  test('reads and safe methods always pass', () => {
    for (const method of ['GET', 'HEAD'])
      expect(
        isCrossSite(new Request('http://app.test/', { method, headers: { 'Sec-Fetch-Site': 'cross-site' } })),
      ).toBe(false);
  });

  test('Sec-Fetch-Site decides when the browser sends it', () => {
    expect(isCrossSite(post({ 'Sec-Fetch-Site': 'same-origin' }))).toBe(false);
    expect(isCrossSite(post({ 'Sec-Fetch-Site': 'none' }))).toBe(false);
    expect(isCrossSite(post({ 'Sec-Fetch-Site': 'same-site' }))).toBe(true);
    expect(isCrossSite(post({ 'Sec-Fetch-Site': 'cross-site', Origin: 'http://app.test' }))).toBe(true);
  });

  test('otherwise Origin must be our own or PUBLIC_URL', () => {
    expect(isCrossSite(post({ Origin: 'http://app.test' }))).toBe(false);
    expect(isCrossSite(post({ Origin: 'https://union.example' }), 'https://union.example/')).toBe(false);
    expect(isCrossSite(post({ Origin: 'https://evil.example' }), 'https://union.example')).toBe(true);
    expect(isCrossSite(post({ Origin: 'null' }))).toBe(true);
  });

  test('clients that send neither header pass, and the Stripe webhook is exempt', () => {
    expect(isCrossSite(post({}))).toBe(false);
    expect(isCrossSite(post({ Origin: 'https://evil.example' }, 'http://app.test/webhooks/stripe'))).toBe(false);
  });
});

test('a refusal is a 403 in the requester’s language', async () => {
  const response = await refuseCrossSite(post({ Origin: 'https://evil.example', 'Accept-Language': 'zh-TW' }));
  expect(response?.status).toBe(403);
  expect(await response?.text()).toContain('網站');
  expect(await refuseCrossSite(post({ Origin: 'http://app.test' }))).toBeNull();
});

test('HSTS only in production; the nonce lands in script-src', () => {
  expect(securityHeaders('n0nce', true)['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
  expect(securityHeaders('n0nce', false)['Strict-Transport-Security']).toBeUndefined();
  expect(contentSecurityPolicy('n0nce')).toContain("script-src 'nonce-n0nce' 'strict-dynamic'");
});

test('a shared page’s policy allows its inline scripts by their hashes, and no nonce', () => {
  const sources = ['window.a = 1;', '{"core":{}}', 'import("/assets/entry.js");'];
  const html = `<head><link rel="modulepreload" href="/assets/x.js"/></head><body><p>&lt;script&gt;</p>
<script>${sources[0]}</script><script type="application/json" id="page-messages">${sources[1]}</script>
<script type="module" async="">${sources[2]}</script><script src="/assets/y.js"></script><script>${sources[0]}</script></body>`;
  const hashes = sources.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
  const scriptSrc = /script-src ([^;]+)/.exec(sharedPagePolicy(html))![1];
  expect(scriptSrc).toBe(`${hashes.join(' ')} 'strict-dynamic'`);
  expect(sharedPagePolicy(html)).not.toContain('nonce');
});
