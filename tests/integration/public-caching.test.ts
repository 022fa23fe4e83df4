// Anonymous public pages may be kept by shared caches (docs/decisions/108): every anonymous visitor
// gets the same bytes, so the page carries no nonce, its inline scripts are allowed by their hashes,
// and an ETag lets a cache revalidate; a signed-in visitor's copy stays private, with a fresh nonce.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemo } from '../../db/seed';
import { findUserByEmail } from '~/accounts/auth.server';
import { createSession } from '~/accounts/session.server';
import { sqlite } from '~/lib/db.server';
import { killServers, startServer, type Server } from '../support/server';

let server: Server;
let pages: string[];
let signedIn: string;

beforeAll(async () => {
  await seedDemo();
  const tender = sqlite.prepare("select id from tenders where state <> 'draft' order by id limit 1").get() as {
    id: number;
  };
  const offering = sqlite.prepare("select id from offerings where state = 'published' order by id limit 1").get() as {
    id: number;
  };
  pages = ['/catalog', '/catalog?q=心理', `/catalog/${offering.id}`, '/tenders', `/tenders/${tender.id}`];
  const { token } = createSession(findUserByEmail('commissioner@demo.gonghui.cn')!.id);
  signedIn = `__Host-session=${encodeURIComponent(token)}`;
  server = await startServer();
}, 60_000);
afterAll(killServers);

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers });

const inlineScripts = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const hashOf = (source: string) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`;

describe('an anonymous public page', () => {
  test('is the same for every anonymous visitor, with one ETag, and 304 when the copy is current', async () => {
    for (const path of pages) {
      const [first, second] = [await get(path), await get(path)];
      expect(first.status, path).toBe(200);
      expect(first.headers.get('cache-control'), path).toMatch(/^public, max-age=\d+$/);
      expect(first.headers.get('vary'), path).toMatch(/Cookie.*Accept-Language/);
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^W\/".+"$/);
      expect(second.headers.get('etag'), path).toBe(etag);
      expect(await second.text(), path).toBe(await first.text());
      const revalidated = await get(path, { 'If-None-Match': etag! });
      expect(revalidated.status, path).toBe(304);
      expect(await revalidated.text(), path).toBe('');
      expect((await get(path, { 'If-None-Match': 'W/"stale"' })).status, path).toBe(200);
    }
  });

  test('has no nonce: each of its inline scripts is allowed by its hash', async () => {
    for (const path of pages) {
      const response = await get(path);
      const policy = response.headers.get('content-security-policy')!;
      const html = await response.text();
      expect(policy, path).not.toContain('nonce');
      expect(html, path).not.toContain('nonce=');
      const scripts = inlineScripts(html);
      expect(scripts.length, path).toBeGreaterThan(1);
      const scriptSrc = /script-src ([^;]+)/.exec(policy)![1]!.split(' ');
      for (const source of scripts) expect(scriptSrc, path).toContain(hashOf(source));
    }
  });

  test('differs by language, and says so in Vary', async () => {
    const [zh, en] = [await get('/tenders'), await get('/tenders', { 'Accept-Language': 'en' })];
    expect(en.headers.get('etag')).not.toBe(zh.headers.get('etag'));
    expect(await en.text()).toContain('<html lang="en">');
  });
});

test('a signed-in visitor’s copy of the same pages is private, with a fresh nonce on its scripts', async () => {
  for (const path of pages) {
    const [first, second] = [await get(path, { cookie: signedIn }), await get(path, { cookie: signedIn })];
    expect(first.headers.get('cache-control'), path).toBe('private, no-store');
    expect(first.headers.get('etag'), path).toBeNull();
    const nonce = /'nonce-([^']+)'/.exec(first.headers.get('content-security-policy')!)![1]!;
    expect(second.headers.get('content-security-policy'), path).not.toContain(nonce);
    const html = await first.text();
    expect(html, path).toContain(`nonce="${nonce}"`);
    expect(html, path).toContain('>退出<');
  }
});

test('the OCDS exports carry an ETag and answer 304 to it', async () => {
  for (const path of ['/api/ocds/releases.json', `/api/ocds/tenders/${pages[4]!.split('/')[2]}.json`]) {
    const response = await get(path);
    expect(response.headers.get('cache-control'), path).toBe('public, max-age=60');
    const etag = response.headers.get('etag')!;
    expect(etag, path).toMatch(/^W\/".+"$/);
    expect((await get(path, { 'If-None-Match': etag })).status, path).toBe(304);
  }
});

// The copies a process keeps of anonymous public pages (PAGE_CACHE_MIB, docs/decisions/114): the
// same page again from memory while its max-age lasts, for the same address, cookie and language only.
describe('kept pages', () => {
  let kept: Server;
  const at = (path: string, headers: Record<string, string> = {}) => fetch(kept.url + path, { headers });
  const moveClock = (offsetMs: number) =>
    fetch(kept.url + '/__test/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offsetMs }),
    });
  const rename = (title: string) =>
    sqlite.prepare('update tenders set title = ? where id = ?').run(title, Number(pages[4]!.split('/')[2]));

  beforeAll(async () => {
    kept = await startServer({ PAGE_CACHE_MIB: '16', TEST_CLOCK: '1' });
  }, 60_000);

  test('an anonymous visitor gets the kept copy, aged, until its max-age passes; others a fresh page', async () => {
    const first = await at('/tenders');
    expect(first.headers.get('age')).toBeNull();
    const html = await first.text();
    rename('改过名的采购项目');
    const again = await at('/tenders');
    expect(again.headers.get('age')).toMatch(/^\d+$/);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    expect(again.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
    expect(await again.text()).toBe(html);
    expect((await at('/tenders', { 'If-None-Match': first.headers.get('etag')! })).status).toBe(304);

    // Another language, another cookie, a signed-in visitor: each rendered afresh.
    expect(await (await at('/tenders', { 'Accept-Language': 'zh-TW' })).text()).toContain('改过名的采购项目');
    expect(await (await at('/tenders', { cookie: 'elder=IjEi' })).text()).toContain('改过名的采购项目');
    const personal = await at('/tenders', { cookie: signedIn });
    expect(personal.headers.get('age')).toBeNull();
    expect(await personal.text()).toContain('改过名的采购项目');

    // A minute on, the kept copy has expired.
    await moveClock(61_000);
    const fresh = await at('/tenders');
    expect(fresh.headers.get('age')).toBeNull();
    expect(await fresh.text()).toContain('改过名的采购项目');
    await moveClock(0);
  });

  test('a HEAD or a non-page request is answered as before', async () => {
    await at('/catalog');
    const head = await fetch(kept.url + '/catalog', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('age')).toMatch(/^\d+$/);
    expect(await head.text()).toBe('');
    expect((await at('/healthz')).status).toBe(200);
  });
});
