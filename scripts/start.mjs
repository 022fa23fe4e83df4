// `npm start`: install what is missing, build if stale, migrate, seed an empty database, serve.
import { ensureBuild, ensureDependencies, run } from './ensure.mjs';

ensureDependencies();
ensureBuild();
run('npx tsx scripts/prepare-db.ts');
run('node server.mjs', { NODE_ENV: 'production', PORT: process.env.PORT ?? '3000' });
