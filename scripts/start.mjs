// `npm start`: install what is missing, build if stale, migrate, seed an empty database, serve.
import { ensureBuild, ensureDependencies, run } from './ensure.mjs';

ensureDependencies();
ensureBuild();
run('npx tsx scripts/prepare-db.ts');
// The server (with several processes, their primary) runs in this process, so the SIGTERM that npm
// passes on reaches its graceful shutdown.
process.env.NODE_ENV = 'production';
process.env.PORT ??= '3000';
// The demo sends no real text messages: workers' SMS codes appear at /admin/outbox (platform admin).
process.env.SMS_PROVIDER ??= 'local';
if (process.env.SMS_PROVIDER === 'local') {
  console.log('SMS_PROVIDER=local: check-in codes are shown at /admin/outbox; set aliyun or off for real use.');
}
await import('../server.mjs');
