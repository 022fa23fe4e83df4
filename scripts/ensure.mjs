// Steps shared by `npm start` and `npm test`: each does its work only when it is missing or stale.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function run(command, env = {}) {
  execSync(command, { stdio: 'inherit', env: { ...process.env, ...env } });
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function ensureDependencies() {
  const installed = newestMtime('node_modules/.package-lock.json');
  if (installed >= newestMtime('package-lock.json') && installed >= newestMtime('package.json')) return;
  console.log('Installing dependencies…');
  // The committed lock file decides every version: `npm ci` installs exactly it, or refuses a stale one.
  run('npm ci --no-audit --no-fund', { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' });
}

export function ensureBuild() {
  const built = newestMtime('build/server/index.js');
  const sources = Math.max(
    ...[
      'app',
      'db',
      'emails',
      'incubator-docs',
      'public',
      'package-lock.json',
      'vite.config.ts',
      'react-router.config.ts',
    ].map(newestMtime),
  );
  if (built >= sources) return;
  console.log('Building…');
  run('npx react-router build');
}

export function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  console.log('Installing Chromium from Debian…');
  run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
}
