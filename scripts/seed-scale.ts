// `npm run seed:scale -- --counties N [--years Y] [--out PATH]`: a fresh database at national scale
// (db/scale.ts), with a progress bar on stderr, the row counts and the accounts to sign in with.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { progressBar } from '../bench/progress';
import { generateScale } from '../db/scale';

const { values } = parseArgs({
  options: {
    counties: { type: 'string', default: '300' },
    years: { type: 'string', default: '3' },
    out: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});
const counties = Number(values.counties);
const years = Number(values.years);
if (!(Number.isInteger(counties) && counties > 0 && Number.isInteger(years) && years > 0)) {
  console.error('Usage: npm run seed:scale -- --counties N [--years Y] [--out PATH] [--force]');
  process.exit(2);
}
const out = values.out ?? `data/scale-${counties}.db`;
if (existsSync(out) && !values.force) {
  console.error(`${out} exists; pass --force to replace it.`);
  process.exit(2);
}

const started = performance.now();
const cpuStarted = process.cpuUsage();
const result = await generateScale(out, { counties, years, onProgress: progressBar(started) });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stderr.write('\n');
console.log(`\n${out}: ${counties} counties × ${years} years`);
for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(24)} ${n.toLocaleString('en')}`);
console.log(
  `${result.rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s: ${Math.round(result.rows / seconds).toLocaleString('en')} rows/s ` +
    `(${Math.round(result.rows / cpuSeconds).toLocaleString('en')} rows per CPU-second; the difference is time waiting for a shared CPU or the disk)`,
);
console.log(`\nAccounts (password for all: ${result.password}):`);
for (const account of result.accounts) console.log(`  ${account.email.padEnd(44)} ${account.who}`);
console.log(`Serve it: DATABASE_PATH=${out} npm start`);
