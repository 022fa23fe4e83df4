import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serverKeys } from '../../db/schema/platform';
import { databasePath, db, sqlite } from './db.server';
import {
  describeKeyProblems,
  findKey,
  fingerprint,
  keyFile,
  keyProblem,
  recordedKeys,
  type KeyProblem,
} from './server-keys';

const cache = new Map<string, Buffer>();

/** Where key files live: beside the database, never inside it, so a copy of the database alone opens nothing. */
export const secretsFolder = () => join(dirname(databasePath()), 'secrets');

/**
 * A server secret from the environment (hex), or else from its key file. A key file is created only
 * for a database that has never used that secret: one that has (server_keys) refuses, rather than
 * sealing with a new key beside data that only the old one opens.
 */
export function serverSecret(
  name: 'BID_SEALING_SECRET' | 'CHECKIN_SECRET' | 'UNSUBSCRIBE_SECRET' | 'TOTP_SECRET',
): Buffer {
  const cached = cache.get(name);
  if (cached) return cached;
  const folder = secretsFolder();
  const recorded = db.select().from(serverKeys).where(eq(serverKeys.name, name)).get();
  const secret = findKey(name, folder) ?? (recorded ? null : createKeyFile(folder, name));
  const problem = keyProblem(name, secret, recorded?.fingerprint ?? null);
  if (problem || !secret) throw new Error(refusal([problem ?? { name, problem: 'missing' }], folder));
  if (secret.length < 32) throw new Error(`${name} must be at least 32 bytes of hex`);
  if (!recorded?.fingerprint) recordFingerprint(name, secret);
  // A fingerprint just written inside a transaction may yet be rolled back: cached once it is found
  // recorded, or written outside one.
  if (recorded?.fingerprint || !sqlite.inTransaction) cache.set(name, secret);
  return secret;
}

function createKeyFile(folder: string, name: string) {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(keyFile(folder, name), randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return findKey(name, folder);
}

function recordFingerprint(name: string, secret: Buffer) {
  db.insert(serverKeys)
    .values({ name, fingerprint: fingerprint(secret) })
    .onConflictDoUpdate({ target: serverKeys.name, set: { fingerprint: fingerprint(secret) } })
    .run();
}

/**
 * Checked before the server starts: the message to refuse with when a secret this database has used
 * is missing or different, or null (and keys in use before fingerprints get theirs recorded).
 */
export function serverKeyRefusal() {
  const folder = secretsFolder();
  const recorded = recordedKeys(sqlite);
  const problems = recorded.flatMap((row) => keyProblem(row.name, findKey(row.name, folder), row.fingerprint) ?? []);
  if (problems.length) return refusal(problems, folder);
  for (const row of recorded) if (!row.fingerprint) recordFingerprint(row.name, findKey(row.name, folder)!);
  return null;
}

function refusal(problems: KeyProblem[], folder: string) {
  return [
    `The database ${databasePath()} was used with keys that are not here, so the server does not start`,
    '(new keys would leave what the old ones sealed unreadable for good):',
    describeKeyProblems(problems, folder),
    `Provide each key as it was: set the variable of that name (hex), or put its key file in ${folder}`,
    '(mode 0600), from your key export (`npm run keys:export`) or your secret store; or restore a backup',
    'together with its keys: `npm run restore -- BACKUP --keys FOLDER` (README, "Backups and keys").',
  ].join('\n');
}
