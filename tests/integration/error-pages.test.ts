// Error pages have a real title in the reader's language: for a URL that no route matches not even
// the root loader runs, and the title used to read "undefined".
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { killServers, startServer, type Server } from '../support/server';

let server: Server;
beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(killServers);

describe.each([
  ['zh-CN', '页面不存在'],
  ['zh-TW', '頁面不存在'],
  ['en', 'Page not found'],
])('in %s', (language, title) => {
  test.each(['/no-such-page', '/tenders/999999'])('%s answers 404 with a title', async (path) => {
    const response = await fetch(server.url + path, { headers: { 'Accept-Language': language } });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain(`<html lang="${language}">`);
    expect([...html.matchAll(/<title>(.*?)<\/title>/g)].map((m) => m[1])).toEqual([title]);
  });
});
