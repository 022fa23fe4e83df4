import { createReadableStreamFromReadable } from '@react-router/node';
import { isbot } from 'isbot';
import { PassThrough } from 'node:stream';
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
import { getLocale, requestI18next } from '~/lib/i18n.server';
import { startBackgroundWork } from '~/jobs/schedule.server';
import { sqlite } from '~/lib/db.server';
import { serverKeyRefusal } from '~/lib/secrets.server';
import { smsProvider } from '~/notifications/sms.server';

// What server.mjs reaches through the build (`build.entry.module`): headers, the cross-site check,
// request bodies, the refusal to start without the database's keys, and shutdown.
export { securityHeaders, refuseCrossSite } from '~/http/security.server';
export { badRequest, bodyLimit, bodyTooLarge, refuseBody } from '~/http/bodies.server';
export { stopBackgroundWork } from '~/jobs/schedule.server';
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
  // Set by server.mjs; absent under `react-router dev`, which sends no Content-Security-Policy.
  const nonce = loadContext.cspNonce;
  if (request.method.toUpperCase() === 'HEAD') {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const i18n = requestI18next(await getLocale(request));

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

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  console.error(error);
};
