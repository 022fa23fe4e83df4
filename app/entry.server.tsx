import type { i18n as I18n } from 'i18next';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import {
  isRouteErrorResponse,
  ServerRouter,
  type AppLoadContext,
  type EntryContext,
  type HandleErrorFunction,
} from 'react-router';
import { sharedByCaches, withValidator } from '~/http/cache.server';
import { keepPage } from '~/http/page-cache.server';
import { sharedPagePolicy } from '~/http/security.server';
import { getLocale, i18nextFor } from '~/lib/i18n.server';
import { startBackgroundWork } from '~/jobs/schedule.server';
import { sqlite } from '~/lib/db.server';
import { serverKeyRefusal } from '~/lib/secrets.server';
import { smsProvider } from '~/notifications/sms.server';

// What server.mjs reaches through the build (`build.entry.module`): headers, the cross-site check,
// request bodies, the refusal to start without the database's keys, and shutdown.
export { securityHeaders, refuseCrossSite } from '~/http/security.server';
export { badRequest, bodyLimit, bodyTooLarge, refuseBody } from '~/http/bodies.server';
export { stopBackgroundWork } from '~/jobs/schedule.server';
export { keptPage } from '~/http/page-cache.server';
export function closeDatabase() {
  sqlite.close();
}

export const streamTimeout = 5_000;

export const missingKeys = serverKeyRefusal();
// A wrong SMS configuration stops the server here rather than at a worker's first check-in.
smsProvider();
if (!missingKeys) startBackgroundWork();

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (request.method.toUpperCase() === 'HEAD') {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const i18n = i18nextFor(await getLocale(request));
  const shared = responseStatusCode === 200 && sharedByCaches(responseHeaders);
  // A page shared caches may keep (an anonymous visitor's public page) is the same bytes for
  // everyone who asks: no nonce, its inline scripts allowed by their hashes (docs/decisions/108).
  // Otherwise the nonce is set by server.mjs; absent under `react-router dev`, which sends no
  // Content-Security-Policy.
  const nonce = shared ? undefined : loadContext.cspNonce;
  const { body, failed } = await renderDocument(request, routerContext, i18n, nonce);
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  if (!shared) return new Response(body as Uint8Array<ArrayBuffer>, { status: failed ? 500 : responseStatusCode, headers: responseHeaders });
  const html = body.toString();
  responseHeaders.set('Content-Security-Policy', sharedPagePolicy(html));
  if (failed) {
    responseHeaders.set('Cache-Control', 'private, no-store');
    return new Response(html, { status: 500, headers: responseHeaders });
  }
  keepPage(request, responseHeaders, html);
  return withValidator(request.headers.get('If-None-Match'), html, { headers: responseHeaders });
}

/**
 * The whole document, then one write. No route defers data (no Suspense), so streaming would send
 * the same bytes only later and in dozens of small writes, each through the compression stream:
 * about a quarter of a dashboard's CPU (docs/decisions/116).
 */
function renderDocument(request: Request, routerContext: EntryContext, i18n: I18n, nonce: string | undefined) {
  return new Promise<{ body: Buffer; failed: boolean }>((resolve, reject) => {
    let error: unknown;
    const timeoutId = setTimeout(() => abort(), streamTimeout + 1000);
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </I18nextProvider>,
      {
        nonce,
        onAllReady() {
          if (error !== undefined) console.error(error);
          const body = new PassThrough();
          pipe(body);
          buffer(body)
            .then((bytes) => resolve({ body: bytes, failed: error !== undefined }), reject)
            .finally(() => clearTimeout(timeoutId));
        },
        onShellError(shellError: unknown) {
          clearTimeout(timeoutId);
          reject(shellError);
        },
        onError(renderError: unknown) {
          error ??= renderError;
        },
      },
    );
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  console.error(error);
};
