import { describe, expect, test } from 'vitest';
import { publicPageCaching, sharedByCaches, withValidator } from './cache.server';

describe('publicPageCaching', () => {
  test('a minute for anonymous visitors, per cookie and language; never stored for a signed-in one', () => {
    expect(publicPageCaching(false)).toEqual({
      'Cache-Control': 'public, max-age=60',
      Vary: 'Cookie, Accept-Language',
    });
    expect(publicPageCaching(true)).toEqual({ 'Cache-Control': 'private, no-store' });
  });

  test('no longer than until the page changes by itself; moments passed do not count', () => {
    const inSeconds = (s: number) => new Date(Date.now() + s * 1000);
    expect(publicPageCaching(false, [inSeconds(10.2), inSeconds(30), null])['Cache-Control']).toBe(
      'public, max-age=11',
    );
    expect(publicPageCaching(false, [inSeconds(-5), inSeconds(3600)])['Cache-Control']).toBe('public, max-age=60');
  });
});

test('only a public response without a cookie is for shared caches', () => {
  expect(sharedByCaches(new Headers({ 'Cache-Control': 'public, max-age=60' }))).toBe(true);
  expect(sharedByCaches(new Headers({ 'Cache-Control': 'private, no-store' }))).toBe(false);
  expect(sharedByCaches(new Headers())).toBe(false);
  expect(sharedByCaches(new Headers({ 'Cache-Control': 'public', 'Set-Cookie': 'a=b' }))).toBe(false);
});

describe('withValidator', () => {
  const respond = (ifNoneMatch?: string, body = '<p>x</p>') =>
    withValidator(ifNoneMatch, body, {
      headers: new Headers({ 'Content-Type': 'text/html', 'Cache-Control': 'public, max-age=60' }),
    });

  test('the ETag follows the body', async () => {
    const etag = respond().headers.get('ETag')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(respond().headers.get('ETag')).toBe(etag);
    expect(respond(undefined, '<p>y</p>').headers.get('ETag')).not.toBe(etag);
    expect(await respond().text()).toBe('<p>x</p>');
  });

  test('304 without a body for a held copy, compared weakly, in a list or as *', async () => {
    const etag = respond().headers.get('ETag')!;
    for (const held of [etag, etag.slice(2), `W/"other", ${etag}`, '*']) {
      const response = respond(held);
      expect(response.status, held).toBe(304);
      expect(await response.text()).toBe('');
      expect(response.headers.get('ETag')).toBe(etag);
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=60');
    }
    expect(respond('W/"other"').status).toBe(200);
  });
});
