// `npm test`: install what is missing (npm packages, Chromium), then every check CI runs.
import { ensureBuild, ensureChromium, ensureDependencies, run } from './ensure.mjs';

ensureDependencies();
ensureChromium();
run('npm run typecheck');
run('npm run lint');
// tests/integration starts the built server (server.mjs), so build before Vitest.
ensureBuild();
run('npx vitest run');
run('npx playwright test');
