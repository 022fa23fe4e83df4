// `npm start`: install what is missing, build if stale, migrate, seed an empty database, serve.
import { ensureBuild, ensureDependencies, run } from './ensure.mjs';

ensureDependencies();
ensureBuild();
run('npx tsx scripts/prepare-db.ts');
// The server runs in this process, so the SIGTERM that npm passes on reaches its graceful shutdown.
process.env.NODE_ENV = 'production';
process.env.PORT ??= '3000';
await import('../server.mjs');
