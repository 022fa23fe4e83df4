import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';

// A migrated database file per test file (and so per worker), copied from the template before
// any application module opens it.
const file = resolve('tests/.tmp/vitest', `test-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
copyFileSync(resolve('tests/.tmp/vitest/template.db'), file);
process.env.DATABASE_PATH = file;
process.env.BID_SEALING_SECRET ??= 'a'.repeat(64);
process.env.CHECKIN_SECRET ??= 'b'.repeat(64);
process.env.UNSUBSCRIBE_SECRET ??= 'c'.repeat(64);
