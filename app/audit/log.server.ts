import { and, desc, eq, gte, like, lt, not, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema/accounts';
import { auditLog } from '../../db/schema/audit';
import { forbidden, hasUnionRole, requirePlatformAdmin, type Viewer } from '~/accounts/auth.server';
import { db } from '~/lib/db.server';
import { sealedAuditRow, withoutContentDigest } from '~/procurement/disclosure.server';
import { addDays, dayStart } from '~/lib/time';

export const auditPageSize = 50;

const dayInShanghai = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** The filters, read leniently from the query string: anything malformed is simply not applied. */
export const auditFilterSchema = z.object({
  action: z.string().trim().max(80).optional().catch(undefined),
  subjectType: z.string().trim().max(40).optional().catch(undefined),
  subjectId: z.coerce.number().int().positive().optional().catch(undefined),
  actor: z.string().trim().max(120).optional().catch(undefined),
  from: dayInShanghai,
  to: dayInShanghai,
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export function parseAuditFilter(url: URL): AuditFilter {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== ''));
  return auditFilterSchema.parse(raw);
}

/**
 * Whose rows the viewer may read: a union's admins see that union's rows; platform admins see any
 * union's, and with no union, every row including the platform's own.
 */
export function requireAuditReader(viewer: Viewer, unionId: number | null) {
  if (unionId === null) return requirePlatformAdmin(viewer);
  if (!viewer.isPlatformAdmin && !hasUnionRole(viewer, unionId, ['admin'])) forbidden();
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Rows about bidding on a tender stay out of every view until its deadline (decision 093). */
function conditions(unionId: number | null, filter: AuditFilter) {
  const where: (SQL | undefined)[] = [not(sealedAuditRow())];
  if (unionId !== null) where.push(eq(auditLog.unionId, unionId));
  if (filter.action) where.push(like(auditLog.action, `${escapeLike(filter.action)}%`));
  if (filter.subjectType) where.push(eq(auditLog.subjectType, filter.subjectType));
  if (filter.subjectId) where.push(eq(auditLog.subjectId, filter.subjectId));
  if (filter.actor) {
    const pattern = `%${escapeLike(filter.actor)}%`;
    where.push(or(like(users.email, pattern), like(users.name, pattern)));
  }
  if (filter.from) where.push(gte(auditLog.createdAt, dayStart(filter.from)));
  if (filter.to) where.push(lt(auditLog.createdAt, dayStart(addDays(filter.to, 1))));
  if (filter.before) where.push(lt(auditLog.id, filter.before));
  return and(...where);
}

/** One page of the log, newest first, and where the next (older) page starts. */
export function auditPage(viewer: Viewer, unionId: number | null, filter: AuditFilter) {
  requireAuditReader(viewer, unionId);
  const rows = db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      unionId: auditLog.unionId,
      actorName: users.name,
      actorEmail: users.email,
      data: auditLog.data,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(conditions(unionId, filter))
    .orderBy(desc(auditLog.id))
    .limit(auditPageSize + 1)
    .all();
  const page = rows.slice(0, auditPageSize);
  return {
    rows: page.map((row) => ({ ...withoutContentDigest(row), changes: changesOf(row.before, row.after) })),
    olderBefore: rows.length > auditPageSize ? page.at(-1)!.id : null,
  };
}

/** The subject types that occur in the viewer's rows, for the filter's choices. */
export function auditSubjectTypes(unionId: number | null) {
  return db
    .selectDistinct({ subjectType: auditLog.subjectType })
    .from(auditLog)
    .where(and(unionId === null ? undefined : eq(auditLog.unionId, unionId), not(sealedAuditRow())))
    .orderBy(auditLog.subjectType)
    .all()
    .map((r) => r.subjectType);
}

type Json = Record<string, unknown> | null;
const shown = (value: unknown) =>
  value === undefined ? '' : value === null ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** Field by field, what it was and what it became: the readable form of before/after. */
export function changesOf(before: Json, after: Json) {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => ({
    field,
    before: before && field in before ? shown(before[field]) : null,
    after: after && field in after ? shown(after[field]) : null,
  }));
}
