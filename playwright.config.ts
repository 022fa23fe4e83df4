import { defineConfig, devices } from '@playwright/test';
import { e2eSmtpPort } from './tests/support/mailbox';
import { freePortSync } from './tests/support/ports';

// Free ports, chosen once: the workers Playwright starts inherit these variables and keep them.
process.env.E2E_PORT ??= String(freePortSync());
process.env.E2E_SMTP_PORT ??= String(freePortSync());
const port = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: 'tests/e2e',
  // One server with one movable clock: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  // The end-to-end loops (tender to payment) walk dozens of pages; a loaded CI machine needs the room.
  timeout: 180_000,
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: 'node scripts/serve-e2e.mjs',
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    // Mail goes to the SMTP listener that tests needing it start (tests/support/mailbox.ts).
    env: {
      E2E_PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      SMTP_URL: `smtp://127.0.0.1:${e2eSmtpPort()}`,
      // Specs move the clock by days while signed in; session timeouts are tested in Vitest.
      SESSION_IDLE_MINUTES: String(60 * 24 * 60),
      SESSION_ABSOLUTE_HOURS: String(24 * 90),
      // Specs read a public page right after changing it; the kept copies have their own test.
      PAGE_CACHE_MIB: '0',
    },
  },
});
