import { createHash } from 'node:crypto';
import type { HeadersFunction } from 'react-router';
import { now } from '~/lib/clock.server';

/** How long a browser or proxy may keep an anonymous copy of a public page without asking again. */
export const publicMaxAgeSeconds = 60;

/**
 * Cache-Control for a page anyone may see: anonymous copies may be kept for a minute by browsers
 * and proxies (per cookie and language), less when the page will change sooner (`changesAt`: a
 * tender's deadline, say); a signed-in person's copy is never stored.
 */
export function publicPageCaching(
  signedIn: boolean,
  changesAt: readonly (Date | null | undefined)[] = [],
): Record<string, string> {
  if (signedIn) return { 'Cache-Control': 'private, no-store' };
  const at = now().getTime();
  const untilChange = changesAt.flatMap((d) => (d && d.getTime() > at ? [Math.ceil((d.getTime() - at) / 1000)] : []));
  const maxAge = Math.min(publicMaxAgeSeconds, ...untilChange);
  return { 'Cache-Control': `public, max-age=${maxAge}`, Vary: 'Cookie, Accept-Language' };
}

/** A route's `headers` export that sends what its loader decided. */
export const loaderCaching: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers();
  for (const name of ['Cache-Control', 'Vary']) {
    const value = loaderHeaders.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
};

/** Whether shared caches (proxies, CDNs) may keep the response: the same copy then goes to many people. */
export function sharedByCaches(headers: Headers) {
  return /^\s*public\b/i.test(headers.get('Cache-Control') ?? '') && !headers.has('Set-Cookie');
}

/** The opaque part of an entity tag, for If-None-Match's weak comparison. */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/**
 * The response with its validator: an ETag from the body (weak: the compression middleware may
 * re-encode the bytes), and 304 with no body when the client already holds this body (`held`: the
 * request's If-None-Match).
 */
export function withValidator(
  held: string | null | undefined,
  body: string,
  init: { status?: number; headers: Headers },
) {
  const etag = `W/"${createHash('sha256').update(body).digest('base64url')}"`;
  const { headers } = init;
  headers.set('ETag', etag);
  if (held?.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag))) {
    headers.delete('Content-Type');
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: init.status ?? 200, headers });
}

/** Open data (the OCDS exports): anyone may read it, from any site, and caches may keep it for a minute. */
export function openData(request: Request, value: unknown) {
  const headers = new Headers({
    'Content-Type': 'application/json',
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': `public, max-age=${publicMaxAgeSeconds}`,
  });
  return withValidator(request.headers.get('If-None-Match'), JSON.stringify(value), { headers });
}
