// `npm run bench:rating-js`: the gzip-compressed JavaScript a worker's phone downloads for the
// check-in and rating pages, measured on the production build's real HTML. Budget: 30 KB (we ship none).
// A signed-in page is measured too, for comparison, so a broken measurement cannot pass as "0".
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuild } from './ensure.mjs';
import { pageJavaScript } from './page-js.mjs';

const budgetBytes = 30 * 1024;

ensureBuild();
const dir = mkdtempSync(join(tmpdir(), 'rating-page-js-'));
process.env.DATABASE_PATH = join(dir, 'app.db');
process.env.CHECKIN_SECRET = randomBytes(32).toString('hex');
process.env.NODE_ENV = 'production';

const { createRequestHandler } = await import('react-router');
const build = await import(join(process.cwd(), 'build/server/index.js'));
const handle = createRequestHandler(build, 'production');

// Importing the build opened and migrated the database; give it one event to show.
const { default: Database } = await import('better-sqlite3');
const sqlite = new Database(process.env.DATABASE_PATH);
const organizationId = sqlite
  .prepare(`insert into organizations (name, type) values ('测试组织', 'grassroots') returning id`)
  .get().id;
const startsAt = Date.now();
const eventId = sqlite
  .prepare(
    `insert into events (organization_id, title, starts_at, ends_at, venue_type, capacity, checkin_secret)
     values (?, '驿站讲座', ?, ?, 'station', 50, ?) returning id`,
  )
  .get(organizationId, startsAt, startsAt + 3600_000, randomBytes(32).toString('hex')).id;
sqlite.close();

/** Every script the page makes the browser fetch or run: external, module preloads, inline. */
async function scriptsOf(path) {
  const response = await handle(
    new globalThis.Request(`http://localhost${path}`, { headers: { 'accept-language': 'zh-CN' } }),
  );
  return { path, status: response.status, ...pageJavaScript(await response.text()) };
}

const workerPages = [await scriptsOf(`/c/${eventId}?k=SCANNED`), await scriptsOf(`/c/${eventId}/rate`)];
const reference = await scriptsOf('/login');
rmSync(dir, { recursive: true, force: true });

console.log('Compressed JavaScript per page (gzip -9):');
for (const page of [...workerPages, { ...reference, path: `${reference.path} (for comparison)` }]) {
  console.log(
    `  ${page.path.padEnd(28)} HTTP ${page.status}  ${String(page.files).padStart(2)} files + ${page.inline} inline  ${page.gzip} bytes`,
  );
}
const worst = Math.max(...workerPages.map((p) => p.gzip));
const broken = workerPages.some((p) => p.status !== 200) || reference.gzip === 0;
console.log(`Rating page budget: ${worst} of ${budgetBytes} bytes${worst === 0 ? ' (no JavaScript at all)' : ''}.`);
process.exit(broken || worst > budgetBytes ? 1 : 0);
