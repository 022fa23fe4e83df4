/* global Headers, Request, setImmediate, setTimeout */
// The production server (`npm run serve`): static files, security headers on every response, the
// cross-site check, request bodies, React Router, and a graceful shutdown (docs/decisions/070, 095).
// A process per core (docs/decisions/106): the primary (server/cluster.mjs) forks WEB_CONCURRENCY
// workers, each of which runs this file's server on the same port; with one, it runs here alone.
import compression from 'compression';
import express from 'express';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';

// Like react-router-serve: production unless told otherwise (Secure cookies, HSTS). Set before
// anything loads React, which picks its development or production build on first import: with a
// static import of React Router above, React came up in development and react-dom in production,
// and every page failed.
process.env.NODE_ENV ??= 'production';
const shutdownTimeoutMs = 10_000;

if (cluster.isPrimary) {
  const { processCount, runCluster } = await import('./server/cluster.mjs');
  const processes = processCount();
  if (processes > 1) process.exit(await runCluster(processes, shutdownTimeoutMs));
}

const { createRequestHandler } = await import('@react-router/express');
const build = await import('./build/server/index.js');
const app = build.entry.module;
if (app.missingKeys) {
  console.error(app.missingKeys);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);

/** `TRUST_PROXY` as express understands it: a hop count, `true`, or a list of addresses/subnets. */
function trustProxySetting(value) {
  if (/^\d+$/.test(value)) return Number(value);
  return value === 'true' ? true : value;
}

/** Express's request as the web Request the app's functions take (no body: headers are enough). */
function webRequest(req) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of [value].flat()) if (one !== undefined) headers.append(name, one);
  }
  return new Request(`${req.protocol}://${req.get('host')}${req.originalUrl}`, { method: req.method, headers });
}

const server = express();
server.disable('x-powered-by');
if (process.env.TRUST_PROXY) server.set('trust proxy', trustProxySetting(process.env.TRUST_PROXY));
server.use(compression());

// The client address the app reads (`X-Real-IP`: throttles, rate limits, integrity signals). Only
// a proxy we trust may name it; otherwise it is the socket's, so no client can pick its own.
server.use((req, _res, next) => {
  if (!(process.env.TRUST_PROXY && req.headers['x-real-ip'])) req.headers['x-real-ip'] = req.ip;
  delete req.headers['x-forwarded-for'];
  next();
});

/**
 * Sets headers a route may replace: @react-router/express appends the route's headers, so a name
 * set here is replaced instead (a download's stricter Content-Security-Policy, a public page's
 * Cache-Control) rather than sent twice.
 */
function setDefaults(res, headers) {
  res.set(headers);
  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const append = res.append.bind(res);
  res.append = (name, value) => (names.has(name.toLowerCase()) ? res.set(name, value) : append(name, value));
}

let stopping = false;
server.use((req, res, next) => {
  const nonce = randomBytes(16).toString('base64');
  res.locals.cspNonce = nonce;
  setDefaults(res, app.securityHeaders(nonce));
  // During shutdown a keep-alive socket is closed as soon as its last response is sent.
  if (stopping) res.set('Connection', 'close');
  res.on('finish', () => stopping && setImmediate(() => listener.closeIdleConnections()));
  next();
});

/** Sends a refusal the app wrote; `close` ends the connection, so a body still on its way is not read. */
async function refuse(res, refusal, { close = false } = {}) {
  const text = await refusal.text();
  if (res.headersSent) return;
  if (close) res.set('Connection', 'close');
  res.status(refusal.status).set(Object.fromEntries(refusal.headers)).send(text);
}

// Fingerprinted by Vite: cached for a year. Everything else in build/client: an hour. A page's
// address has no extension: it is not looked for on disk (a stat per request, docs/decisions/108).
server.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y', fallthrough: false }));
const publicFiles = express.static('build/client', { maxAge: '1h' });
server.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()));

/**
 * Counts a body as it streams in (to the app, which reads it from the same socket) and answers 413
 * once it runs past its limit: a body without a Content-Length, or with a false one.
 */
function limitBody(req, res, request) {
  const limit = app.bodyLimit(request);
  let received = 0;
  const count = (chunk) => {
    received += chunk.length;
    if (received <= limit) return;
    req.off('data', count);
    app
      .bodyTooLarge(request)
      .then((tooLarge) => refuse(res, tooLarge, { close: true }))
      .catch(() => res.destroy());
  };
  // Data flows from the next tick: React Router attaches its reader in this one, and misses nothing.
  req.on('data', count);
}

// A post from another site is refused. Request bodies: one the route cannot read (JSON or text on a
// form) or declared over its limit is refused before a byte of it is read; any other is counted as
// it arrives (docs/decisions/095).
server.use(async (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  try {
    const request = webRequest(req);
    const crossSite = await app.refuseCrossSite(request);
    if (crossSite) return refuse(res, crossSite);
    const refusal = await app.refuseBody(request);
    if (refusal) return refuse(res, refusal, { close: true });
    limitBody(req, res, request);
    next();
  } catch (error) {
    next(error);
  }
});

// An anonymous public page this process rendered a moment ago, while its max-age lasts
// (docs/decisions/114): the copy a shared cache in front would otherwise have served.
server.use(async (req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  try {
    const kept = app.keptPage({
      url: `${req.protocol}://${req.get('host')}${req.originalUrl}`,
      cookie: req.headers.cookie,
      language: req.headers['accept-language'],
      ifNoneMatch: req.headers['if-none-match'],
    });
    if (!kept) return next();
    res
      .status(kept.status)
      .set(Object.fromEntries(kept.headers))
      .send(await kept.text());
  } catch (error) {
    next(error);
  }
});

// Pages and data are personal unless a route says otherwise (the public catalog does).
server.use((_req, res, next) => {
  setDefaults(res, { 'Cache-Control': 'private, no-store' });
  next();
});

// `use`, not `all('*')`: express would decode the path for a parameter and fail on a malformed one;
// React Router answers such an address with its 404 page.
server.use(
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }),
  }),
);

// A malformed address express itself refuses (under /assets), in the user's language.
server.use(async (error, req, res, next) => {
  if (res.headersSent || error.status !== 400) return next(error);
  try {
    await refuse(res, await app.badRequest(webRequest(req)));
  } catch (failure) {
    next(failure);
  }
});

// A cluster's primary says so once every worker listens.
const listener = server.listen(port, () => cluster.isWorker || console.log(`Listening on http://localhost:${port}`));

/**
 * Stop taking connections, let requests under way finish, stop the clock and the email worker,
 * close the database, exit 0; exit 1 if that takes longer than the timeout.
 */
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  setTimeout(() => {
    console.error(`Still busy after ${shutdownTimeoutMs} ms; exiting`);
    process.exit(1);
  }, shutdownTimeoutMs).unref();
  const closed = new Promise((resolve) => listener.close(resolve));
  listener.closeIdleConnections();
  await closed;
  await app.stopBackgroundWork();
  app.closeDatabase();
  console.log('Shut down cleanly');
  process.exit(0);
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
