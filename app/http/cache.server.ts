import type { HeadersFunction } from 'react-router';

/**
 * Cache-Control for a page anyone may see: anonymous copies may be kept for a minute by browsers
 * and proxies (per cookie and language); a signed-in person's copy is never stored.
 */
export function publicPageCaching(signedIn: boolean): Record<string, string> {
  if (signedIn) return { 'Cache-Control': 'private, no-store' };
  return { 'Cache-Control': 'public, max-age=60', Vary: 'Cookie, Accept-Language' };
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
