// The server Playwright tests talk to: a fresh seeded database, a movable clock, its own port.
import { rmSync } from 'node:fs';
import { run } from './ensure.mjs';

const env = { DATABASE_PATH: 'tests/.tmp/e2e/app.db', TEST_CLOCK: '1', PORT: process.env.E2E_PORT ?? '3100' };
rmSync('tests/.tmp/e2e', { recursive: true, force: true });
run('npx tsx scripts/prepare-db.ts', env);
run('node server.mjs', { ...env, NODE_ENV: 'production' });
