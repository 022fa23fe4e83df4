import { createHash } from 'node:crypto';
import { getT } from '~/lib/i18n.server';

declare module 'react-router' {
  interface AppLoadContext {
    /** The Content-Security-Policy nonce server.mjs made for this response. */
    cspNonce?: string;
  }
}

// Stripe's hosted pages are where checkout and Connect onboarding actions redirect to.
const formTargets = ["'self'", 'https://checkout.stripe.com', 'https://connect.stripe.com'];

export function contentSecurityPolicy(nonce: string) {
  return policy(`'nonce-${nonce}' 'strict-dynamic'`);
}

/**
 * The policy of a page a shared cache may keep, which many visitors get byte for byte: a nonce in
 * it would be everyone's. Its inline scripts are allowed by their hashes instead, and, as with a
 * nonce, what they load by 'strict-dynamic' (docs/decisions/108).
 */
export function sharedPagePolicy(html: string) {
  const hashes = [...html.matchAll(inlineScript)].map(([, source]) => `'sha256-${sha256Base64(source!)}'`);
  return policy(`${[...new Set(hashes)].join(' ')} 'strict-dynamic'`);
}

// React's markup escapes '<' in text and attributes, so in a page it renders "<script" opens a
// script element, and a script's source (which React Router and page-messages escape) ends at the
// first "</script>".
const inlineScript = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

const sha256Base64 = (text: string) => createHash('sha256').update(text).digest('base64');

function policy(scriptSources: string) {
  return [
    "default-src 'self'",
    `script-src ${scriptSources}`,
    // Inline styles: the outbox's email preview (an iframe srcdoc, which inherits this policy) is
    // styled inline, as email is. Styles cannot load anything from elsewhere: default-src is 'self'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    `form-action ${formTargets.join(' ')}`,
  ].join('; ');
}

/** The headers every response carries, HTML, data, downloads and static files alike. */
export function securityHeaders(nonce: string, production = process.env.NODE_ENV === 'production') {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(nonce),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (production) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}

const safeMethods = new Set(['GET', 'HEAD']);
// Signed by Stripe and checked against the signature, not sent by a browser.
const exemptPaths = new Set(['/webhooks/stripe']);

/**
 * Whether a state-changing request was sent by a browser on behalf of another site: by
 * Sec-Fetch-Site where the browser sends it, else by Origin. Requests with neither come from
 * non-browser clients, which carry no victim's cookies, and pass.
 */
export function isCrossSite(request: Request, publicUrl = process.env.PUBLIC_URL) {
  const url = new URL(request.url);
  if (safeMethods.has(request.method.toUpperCase()) || exemptPaths.has(url.pathname)) return false;
  const site = request.headers.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  return origin !== url.origin && origin !== (publicUrl ? new URL(publicUrl).origin : undefined);
}

/** A 403 in the user's language for a cross-site request, or null to let it through. */
export async function refuseCrossSite(request: Request): Promise<Response | null> {
  if (!isCrossSite(request)) return null;
  const t = await getT(request);
  return new Response(t('http.crossSiteRefused'), {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
