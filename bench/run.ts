// `npm run bench`: every benchmark, one after another; each prints its own figures.
import { execSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

for (const file of readdirSync('bench').filter((f) => f.endsWith('.ts') && f !== 'run.ts')) {
  execSync(`npx tsx bench/${file}`, { stdio: 'inherit' });
}
execSync('node scripts/rating-page-js.mjs', { stdio: 'inherit' });
