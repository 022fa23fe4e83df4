// `npm test`: install what is missing (npm packages, Chromium), then every check CI runs.
import { ensureBuild, ensureChromium, ensureDependencies, run } from './ensure.mjs';

ensureDependencies();
ensureChromium();
run('npm run typecheck');
run('npm run lint');
run('npx vitest run');
ensureBuild();
run('npx playwright test');
