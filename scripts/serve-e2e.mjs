// The server Playwright tests talk to: a fresh seeded database, a movable clock, its own port.
import { rmSync } from 'node:fs';
import { run } from './ensure.mjs';

// TRUST_PROXY: the specs play the reverse proxy, naming workers' networks with X-Forwarded-For.
// One process: the specs move its clock, which a second process would not share.
const env = {
  DATABASE_PATH: 'tests/.tmp/e2e/app.db',
  TEST_CLOCK: '1',
  WEB_CONCURRENCY: '1',
  TRUST_PROXY: 'true',
  // Workers' SMS codes land in the database, where the specs read them (tests/e2e/support.ts).
  SMS_PROVIDER: 'local',
  PORT: process.env.E2E_PORT,
};
rmSync('tests/.tmp/e2e', { recursive: true, force: true });
run('npx tsx scripts/prepare-db.ts', env);
run('node server.mjs', { ...env, NODE_ENV: 'production' });
