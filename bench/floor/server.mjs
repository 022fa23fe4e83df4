// The framework's floor for `npm run bench`: the minimal React Router app beside it, served the way
// server.mjs serves the product (a process per core, express, compression, a CSP nonce and security
// headers per response), so the bench can say how far each page sits above what the stack itself does.
import compression from 'compression';
import express from 'express';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';

// Before anything loads React (see server.mjs).
process.env.NODE_ENV ??= 'production';
const workers = Number(process.env.WEB_CONCURRENCY || availableParallelism());

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => process.exit(0));
} else {
  const { createRequestHandler } = await import('@react-router/express');
  // FLOOR_ROUTES=app: the floor built with the product's route table (app/routes.ts).
  const directory = process.env.FLOOR_ROUTES === 'app' ? 'build-routes' : 'build';
  const build = await import(`./${directory}/server/index.js`);
  const server = express();
  server.disable('x-powered-by');
  server.use(compression());
  server.use((_req, res, next) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    res.set({
      'Content-Security-Policy': `default-src 'self'; script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
      'Cache-Control': 'private, no-store',
    });
    next();
  });
  server.use(
    '/assets',
    express.static(new URL(`./${directory}/client/assets`, import.meta.url).pathname, {
      immutable: true,
      maxAge: '1y',
    }),
  );
  server.use(
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }),
    }),
  );
  server.listen(Number(process.env.PORT ?? 3000));
}
