import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

// A fresh clone installs with `npm ci`, which refuses a lock file out of step with package.json
// (for instance one missing the optional platform packages of rollup or esbuild).
test('npm ci accepts the committed lock file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  try {
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(file, join(dir, file));
    const output = execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(output).toMatch(/added \d+ packages/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
