import { createReadableStreamFromReadable } from '@react-router/node';
import type { i18n as I18n } from 'i18next';
import { isbot } from 'isbot';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import type { RenderToPipeableStreamOptions } from 'react-dom/server';
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
  if (responseStatusCode === 200 && sharedByCaches(responseHeaders)) {
    return sharedPage(request, responseHeaders, routerContext, i18n);
  }
  // Set by server.mjs; absent under `react-router dev`, which sends no Content-Security-Policy.
  const nonce = loadContext.cspNonce;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get('user-agent');
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady';
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </I18nextProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              callback();
            },
          });
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          pipe(body);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}

/**
 * A page shared caches may keep (an anonymous visitor's public page): the same bytes for everyone
 * who asks, so rendered whole, without a nonce, its inline scripts allowed by their hashes, with an
 * ETag (docs/decisions/108).
 */
async function sharedPage(request: Request, headers: Headers, routerContext: EntryContext, i18n: I18n) {
  let failed = false;
  const html = await new Promise<string>((resolve, reject) => {
    const timeoutId = setTimeout(() => abort(), streamTimeout + 1000);
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <ServerRouter context={routerContext} url={request.url} />
      </I18nextProvider>,
      {
        onAllReady() {
          const body = new PassThrough();
          pipe(body);
          text(body)
            .then(resolve, reject)
            .finally(() => clearTimeout(timeoutId));
        },
        onShellError: reject,
        onError(error: unknown) {
          failed = true;
          console.error(error);
        },
      },
    );
  });
  headers.set('Content-Type', 'text/html; charset=utf-8');
  headers.set('Content-Security-Policy', sharedPagePolicy(html));
  if (failed) {
    headers.set('Cache-Control', 'private, no-store');
    return new Response(html, { status: 500, headers });
  }
  keepPage(request, headers, html);
  return withValidator(request.headers.get('If-None-Match'), html, { headers });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  console.error(error);
};
