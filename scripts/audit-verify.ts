// `npm run audit:verify`: recomputes the audit log's hash chain (decision 072). Prints OK and the
// number of rows, or the first broken row's id and exits 1. Reads DATABASE_PATH (default data/app.db).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { verifyAuditChain } from '../app/lib/audit.server';
import { databaseFile } from './database-file';

const path = databaseFile();
if (!existsSync(path)) {
  console.error(`No database at ${path}`);
  process.exit(2);
}
const sqlite = new Database(path, { readonly: true });
const report = verifyAuditChain(sqlite);
sqlite.close();
if (report.ok) {
  const legacy = report.unchained ? ` (${report.unchained} rows from before the chain)` : '';
  console.log(`OK: ${report.count} audit rows, chain intact${legacy}.`);
} else {
  console.error(`BROKEN at audit_log row ${report.brokenId}: ${report.reason}.`);
  process.exit(1);
}
