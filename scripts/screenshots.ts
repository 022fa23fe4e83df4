// `npm run screenshots`: the demo county on a fresh database, its main pages photographed on a phone
// (390 px) and a desktop (1280 px) into docs/screenshots/ for the README. Chromium at CHROMIUM_PATH
// (default /usr/bin/chromium); Chinese glyphs need a CJK font (Debian: fonts-noto-cjk).
import { spawn, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { demoPassword } from '../db/seed';
import { freePortSync } from '../tests/support/ports';
import { ensureBuild } from './ensure.mjs';

const shots: { name: string; path: string; as?: string }[] = [
  { name: 'home', path: '/' },
  { name: 'tenders', path: '/tenders' },
  { name: 'workspace', path: '/me', as: 'commissioner@demo.gonghui.cn' },
  { name: 'reports', path: '/reports', as: 'leadership@demo.gonghui.cn' },
  // 象山县总工会 is the demo's second union (db/demo-data.ts).
  { name: 'risk', path: '/unions/2/risk', as: 'auditor@demo.gonghui.cn' },
];
const sizes = [
  { device: 'phone', width: 390, height: 844 },
  { device: 'desktop', width: 1280, height: 800 },
];
const outDir = 'docs/screenshots';

ensureBuild();
const dataDir = mkdtempSync(join(tmpdir(), 'screenshots-'));
const port = freePortSync();
const env = { ...process.env, DATABASE_PATH: join(dataDir, 'app.db'), PORT: String(port), SMS_PROVIDER: 'local' };
execSync('npx tsx scripts/prepare-db.ts', { env, stdio: 'ignore' });
const server = spawn('node', ['server.mjs'], { env: { ...env, NODE_ENV: 'production' }, stdio: 'ignore' });
const origin = `http://localhost:${port}`;

async function serverUp() {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the demo server did not start');
}

async function signIn(page: Page, email: string) {
  const response = await page.request.post(`${origin}/login`, { form: { email, password: demoPassword } });
  if (!response.ok()) throw new Error(`could not sign in as ${email}`);
}

try {
  await serverUp();
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  for (const { device, width, height } of sizes) {
    for (const shot of shots) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', deviceScaleFactor: 1 });
      const page = await context.newPage();
      if (shot.as) await signIn(page, shot.as);
      await page.goto(origin + shot.path);
      const file = join(outDir, `${shot.name}-${device}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await context.close();
    }
  }
  await browser.close();
} finally {
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
