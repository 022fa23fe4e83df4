import type Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The server secrets' files and fingerprints, shared by the app (secrets.server.ts) and the backup
// scripts, which must not open the database the way db.server.ts does (migrating it on import).

/** A secret's key file in a secrets folder: BID_SEALING_SECRET → bid_sealing_secret.key */
export const keyFile = (folder: string, name: string) => join(folder, `${name.toLowerCase()}.key`);

/** The names of the secrets whose key files are in `folder`, whichever secrets the app has. */
export function keyNamesIn(folder: string) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => /^[a-z0-9_]+\.key$/.test(file))
    .map((file) => file.slice(0, -'.key'.length).toUpperCase());
}

/** A secret from the environment (hex), or else from its key file in `folder`; null when neither has it. */
export function findKey(name: string, folder: string, env: NodeJS.ProcessEnv = process.env) {
  const file = keyFile(folder, name);
  const hex = env[name] || (existsSync(file) ? readFileSync(file, 'utf8').trim() : '');
  return hex ? Buffer.from(hex, 'hex') : null;
}

/** Tells keys apart without revealing them: an HMAC under the key itself. */
export function fingerprint(key: Buffer) {
  return createHmac('sha256', key).update('server-key-fingerprint').digest('hex');
}

export type RecordedKey = { name: string; fingerprint: string | null };

/** The secrets a database has been used with; none for one from before fingerprints (an old backup). */
export function recordedKeys(sqlite: Database.Database): RecordedKey[] {
  const table = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = 'server_keys'`).get();
  if (!table) return [];
  return sqlite.prepare('select name, fingerprint from server_keys order by name').all() as RecordedKey[];
}

export type KeyProblem = { name: string; problem: 'missing' | 'different' };

/** Whether `key` can serve a database that recorded `recorded` for it: null, or what is wrong. */
export function keyProblem(name: string, key: Buffer | null, recorded: string | null): KeyProblem | null {
  if (!key) return { name, problem: 'missing' };
  if (recorded && recorded !== fingerprint(key)) return { name, problem: 'different' };
  return null;
}

const consequences: Record<string, string> = {
  BID_SEALING_SECRET: 'sealed bids cannot be opened, so their tenders cannot be evaluated or awarded',
  TOTP_SECRET: 'nobody who turned two-factor on can sign in until a platform admin resets their two-factor',
  CHECKIN_SECRET: 'check-in codes, calendar-feed links and network checks already given out stop working',
  UNSUBSCRIBE_SECRET: 'unsubscribe links in emails already sent stop working',
};

/** One line per key: what is wrong and what stops working without it (for the operator's console). */
export function describeKeyProblems(problems: KeyProblem[], folder: string) {
  return problems
    .map(({ name, problem }) => {
      const what =
        problem === 'missing'
          ? `${name} is missing (neither the variable ${name} nor the file ${keyFile(folder, name)})`
          : `${name} is not the key this database was used with`;
      return `  - ${what}: ${consequences[name] ?? 'what it sealed or signed can no longer be opened or checked'}.`;
    })
    .join('\n');
}
