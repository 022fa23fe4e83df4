import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';

// The ports the browser tests used to take for granted; another program may hold them.
const held: Server[] = [];

beforeAll(async () => {
  for (const port of [3100, 4100]) {
    const server = createServer();
    await new Promise<void>((resolve) => server.once('error', () => resolve()).listen(port, '127.0.0.1', resolve));
    held.push(server);
  }
});

afterAll(() => held.forEach((server) => server.close()));

test('the browser tests choose ports nobody holds, for the app and its mailbox', async () => {
  delete process.env.E2E_PORT;
  delete process.env.E2E_SMTP_PORT;
  const config = (await import('../../playwright.config')).default;
  const { e2eSmtpPort } = await import('../support/mailbox');
  const appPort = Number(new URL(config.use!.baseURL!).port);
  for (const port of [appPort, e2eSmtpPort()]) {
    expect([3100, 4100]).not.toContain(port);
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(port, '127.0.0.1', resolve));
    probe.close();
  }
  expect(appPort).not.toBe(e2eSmtpPort());
});
