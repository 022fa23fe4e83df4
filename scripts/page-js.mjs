// `npm run bench:page-js`: the gzip-compressed JavaScript each main page makes the browser fetch,
// measured on the production server's real HTML. Budget: 150 KB per page, so a page opens quickly
// on a cheap phone on a slow network; the pages for workers' phones (check-in, rating) ship none.
//
// `pageJavaScript(baseUrl, path, cookie?)` is the measurement alone, for other harnesses (bench/).
/* global fetch, URLSearchParams, setTimeout */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const pageBudgetBytes = 150 * 1024;

const scriptSources = (html) => [
  ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
];

const inlineScripts = (html) =>
  [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter((body) => body.trim());

const gzipBytes = (body) => gzipSync(body, { level: 9 }).length;

/**
 * Every script a page makes the browser fetch or run (external scripts, module preloads, inline
 * scripts), each gzip -9 compressed, summed. `cookie` signs the request in.
 */
export async function pageJavaScript(baseUrl, path, cookie) {
  const headers = { 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}) };
  const response = await fetch(new URL(path, baseUrl), { headers, redirect: 'manual' });
  const html = await response.text();
  const files = [...new Set(scriptSources(html))];
  const inline = inlineScripts(html);
  const bodies = await Promise.all(
    files.map(async (src) => {
      const asset = await fetch(new URL(src, baseUrl));
      if (!asset.ok) throw new Error(`${src} (from ${path}): HTTP ${asset.status}`);
      return Buffer.from(await asset.arrayBuffer());
    }),
  );
  const gzip = [...bodies, ...inline.map((body) => Buffer.from(body))].reduce((sum, b) => sum + gzipBytes(b), 0);
  return { path, status: response.status, files: files.length, inline: inline.length, gzip };
}

/** The session cookie of a demo account, for `pageJavaScript`. */
export async function loginCookie(baseUrl, email, password = 'gonghui-demo-2026') {
  const body = new URLSearchParams({ email, password });
  const response = await fetch(new URL('/login', baseUrl), { method: 'POST', body, redirect: 'manual' });
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (response.status !== 302 || cookies.length === 0) throw new Error(`login ${email}: HTTP ${response.status}`);
  return cookies.join('; ');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitUntilUp(baseUrl, server) {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error('the server exited');
    try {
      if ((await fetch(new URL('/healthz', baseUrl))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

/** Starts the production build on a freshly seeded database; returns its URL, the DB path and a stop(). */
async function startDemoServer() {
  const { ensureBuild, run } = await import('./ensure.mjs');
  ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), 'page-js-'));
  const env = { DATABASE_PATH: join(dir, 'app.db'), PORT: String(await freePort()) };
  run('npx tsx scripts/prepare-db.ts > /dev/null', env);
  const server = spawn('node_modules/.bin/react-router-serve', ['build/server/index.js'], {
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  const baseUrl = `http://localhost:${env.PORT}`;
  const stop = () => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(baseUrl, server);
  } catch (error) {
    stop();
    throw error;
  }
  return { baseUrl, databasePath: env.DATABASE_PATH, stop };
}

async function demoRecords(databasePath) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(databasePath, { readonly: true });
  const id = (sql) => db.prepare(sql).pluck().get();
  const records = {
    tenderId: id(`select id from tenders where state <> 'draft' order by id limit 1`),
    orgId: id(`select id from organizations order by id limit 1`),
    eventId: id(`select id from events order by id desc limit 1`),
    contractId: id(`select id from contracts order by id limit 1`),
  };
  db.close();
  return records;
}

async function main() {
  const { baseUrl, databasePath, stop } = await startDemoServer();
  try {
    const { tenderId, orgId, eventId, contractId } = await demoRecords(databasePath);
    const leadership = await loginCookie(baseUrl, 'leadership@demo.gonghui.cn');
    const owner = await loginCookie(baseUrl, 'rescue@demo.gonghui.cn');
    const commissioner = await loginCookie(baseUrl, 'commissioner@demo.gonghui.cn');
    const pages = [
      ['/login'],
      ['/'],
      ['/catalog'],
      ['/tenders'],
      [`/tenders/${tenderId}`],
      ['/reports', leadership, 'leadership'],
      [`/orgs/${orgId}`],
      ['/me', owner, 'org owner'],
      // The pages with the most forms and words: the heaviest of the site.
      ['/tenders/new', commissioner, 'commissioner'],
      [`/contracts/${contractId}`, commissioner, 'commissioner'],
    ];
    const workerPages = [`/c/${eventId}?k=SCANNED`, `/c/${eventId}/rate`];
    const results = [];
    for (const [path, cookie, who] of pages) results.push({ ...(await pageJavaScript(baseUrl, path, cookie)), who });
    for (const path of workerPages) results.push({ ...(await pageJavaScript(baseUrl, path)), worker: true });

    console.log('Compressed JavaScript per page (gzip -9):');
    for (const page of results) {
      const label = page.who ? `${page.path} (${page.who})` : page.path;
      console.log(
        `  ${label.padEnd(34)} HTTP ${page.status}  ${String(page.files).padStart(2)} files + ${page.inline} inline  ${String(page.gzip).padStart(7)} bytes`,
      );
    }
    const failures = results.filter(
      (p) => p.status !== 200 || p.gzip > (p.worker ? 0 : pageBudgetBytes) || (!p.worker && p.gzip === 0),
    );
    const worst = Math.max(...results.filter((p) => !p.worker).map((p) => p.gzip));
    console.log(`Largest page: ${worst} of ${pageBudgetBytes} bytes; worker pages must ship none.`);
    for (const page of failures) console.log(`  over budget or broken: ${page.path} (HTTP ${page.status})`);
    return failures.length === 0;
  } finally {
    stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit((await main()) ? 0 : 1);
