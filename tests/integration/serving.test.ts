// `node server.mjs` serves pages whatever NODE_ENV says (unset, as `npm run serve` leaves it, means
// production), and /healthz answers 200 only once a page has rendered (docs/decisions/095).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { killServers, startServer } from '../support/server';

afterAll(killServers);

describe.each([
  ['unset', undefined],
  ['production', 'production'],
  ['development', 'development'],
])('NODE_ENV %s', (_name, nodeEnv) => {
  test('pages render, and /healthz says so', { timeout: 60_000 }, async () => {
    const server = await startServer({ NODE_ENV: nodeEnv });
    for (const path of ['/', '/login', '/catalog', '/healthz']) {
      const response = await fetch(server.url + path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toMatch(/<html lang="zh-CN">.*<\/html>$/s);
    }
    server.process.kill('SIGKILL');
  });
});

test('/healthz fails when pages fail, though the database answers', { timeout: 60_000 }, async () => {
  const server = await startServer({}, [
    '--import',
    pathToFileURL(resolve('tests/support/react-development.mjs')).href,
  ]);
  expect((await fetch(`${server.url}/login`)).status).toBe(500);
  expect((await fetch(`${server.url}/healthz`)).status).toBeGreaterThanOrEqual(500);
  server.process.kill('SIGKILL');
});
