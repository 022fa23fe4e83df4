import type Database from 'better-sqlite3';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { desc, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema/audit';
import { now } from './clock.server';
import type { DB } from './db.server';

type Json = Record<string, unknown>;

export type AuditEntry = {
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: number;
  data?: Json;
  /** The subject's relevant fields before and after the change (state and changed fields). */
  before?: Json;
  after?: Json;
  /** The union whose records this is; derived from the subject when left out, null for platform rows. */
  unionId?: number | null;
};

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Appends one row to the audit chain, in the caller's (immediate) transaction: the row carries the
 * previous row's hash and a SHA-256 over its own fields and that hash (decision 072).
 */
export function audit(tx: DB, entry: AuditEntry) {
  const last = tx
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
  // AUTOINCREMENT never reuses an id and a rolled-back insert gives its id back, so the chain's ids
  // run without gaps: a missing id is a removed row.
  const sequence = tx.get<{ seq: number } | undefined>(sql`select seq from sqlite_sequence where name = 'audit_log'`);
  const row = {
    id: Math.max(sequence?.seq ?? 0, last?.id ?? 0) + 1,
    createdAt: now(),
    actorId: entry.actorId,
    unionId: entry.unionId !== undefined ? entry.unionId : unionOfSubject(tx, entry.subjectType, entry.subjectId),
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    data: plain(entry.data),
    before: plain(entry.before),
    after: plain(entry.after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  tx.insert(auditLog)
    .values({ ...row, hash: auditHash({ ...row, createdAt: row.createdAt.getTime() }) })
    .run();
}

/** The fields of a change worth recording: `pick(row, ['state', 'title'])`. */
export function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Json {
  return Object.fromEntries(keys.map((k) => [k, row[k] instanceof Date ? (row[k] as Date).toISOString() : row[k]]));
}

export type HashedFields = {
  id: number;
  createdAt: number;
  actorId: number | null;
  unionId: number | null;
  action: string;
  subjectType: string;
  subjectId: number;
  data: Json | null;
  before: Json | null;
  after: Json | null;
  prevHash: string;
};

export function auditHash(row: HashedFields): string {
  const fields = [
    row.id,
    row.createdAt,
    row.actorId,
    row.unionId,
    row.action,
    row.subjectType,
    row.subjectId,
    row.data,
    row.before,
    row.after,
    row.prevHash,
  ];
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(fields))));
}

/** JSON with object keys sorted at every depth, so equal values always serialize alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Json)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What the JSON column will give back on reading: dates as strings, undefined dropped. */
function plain(value: Json | undefined): Json | null {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json);
}

/**
 * How to find the union a subject belongs to, so union admins see their own records only: an SQL
 * select ending in `where <row>.id =` (the subject's id follows), or null for a platform subject
 * (a user, an organization) that belongs to no union.
 */
export type AuditSubjectUnion = string | null;
const subjectUnions = new Map<string, AuditSubjectUnion>();

/**
 * A capability names here the union of each subject type it audits (`app/<capability>/audit-subjects.server.ts`).
 * A module that audits a subject imports the owner's file, so the subject is known wherever it is written.
 */
export function registerAuditSubjects(subjects: Record<string, AuditSubjectUnion>) {
  for (const [type, union] of Object.entries(subjects)) {
    const known = subjectUnions.get(type);
    if (known !== undefined && known !== union) throw new Error(`audit subject ${type} registered twice`);
    subjectUnions.set(type, union);
  }
}

export function isAuditSubject(type: string) {
  return subjectUnions.has(type);
}

export function unionOfSubject(tx: DB, subjectType: string, subjectId: number): number | null {
  const query = subjectUnions.get(subjectType);
  if (!query) return null;
  const row = tx.get<{ unionId: number | null } | undefined>(sql`select (${sql.raw(query)} ${subjectId}) as unionId`);
  return row?.unionId ?? null;
}

type StoredRow = {
  id: number;
  created_at: number;
  actor_id: number | null;
  union_id: number | null;
  action: string;
  subject_type: string;
  subject_id: number;
  data: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string | null;
  hash: string | null;
};

export type ChainReport =
  { ok: true; count: number; unchained: number } | { ok: false; brokenId: number; reason: string };

/**
 * Walks the audit chain from the first row, recomputing every hash from the stored columns. Rows
 * written before the chain existed (no hash) are allowed only before the first chained row.
 */
export function verifyAuditChain(sqlite: Database.Database): ChainReport {
  const rows = sqlite.prepare('select * from audit_log order by id').iterate() as IterableIterator<StoredRow>;
  let prevHash: string | null = null;
  let lastId = 0;
  let count = 0;
  let unchained = 0;
  for (const row of rows) {
    count++;
    if (row.hash === null && prevHash === null) {
      unchained++;
      lastId = row.id;
      continue;
    }
    if (row.id !== lastId + 1) return { ok: false, brokenId: row.id, reason: `rows after ${lastId} are missing` };
    const expectedPrev = prevHash ?? GENESIS_HASH;
    if (row.prev_hash !== expectedPrev) return { ok: false, brokenId: row.id, reason: 'previous hash does not match' };
    const hash = auditHash({
      id: row.id,
      createdAt: row.created_at,
      actorId: row.actor_id,
      unionId: row.union_id,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      data: parseJson(row.data),
      before: parseJson(row.before),
      after: parseJson(row.after),
      prevHash: expectedPrev,
    });
    if (row.hash !== hash) return { ok: false, brokenId: row.id, reason: 'row hash does not match its fields' };
    prevHash = row.hash;
    lastId = row.id;
  }
  const sequence = sqlite.prepare("select seq from sqlite_sequence where name = 'audit_log'").get() as
    { seq: number } | undefined;
  if (sequence && sequence.seq > lastId) {
    return { ok: false, brokenId: lastId + 1, reason: `rows ${lastId + 1}–${sequence.seq} are missing` };
  }
  return { ok: true, count, unchained };
}

function parseJson(text: string | null): Json | null {
  return text === null ? null : (JSON.parse(text) as Json);
}
