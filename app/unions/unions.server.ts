import { and, asc, eq } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import { departments, staffRoles, unions } from '../../db/schema/unions';
import type { UnionLevel, UnionRole } from '~/accounts/roles';
import { notFound, requirePlatformAdmin, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { db, transaction, type DB } from '~/lib/db.server';
import './audit-subjects.server';

export function listUnions() {
  return db.select().from(unions).orderBy(asc(unions.id)).all();
}

export function requireUnion(unionId: number) {
  const union = db.select().from(unions).where(eq(unions.id, unionId)).get();
  if (!union) notFound();
  return union;
}

/** The people holding `role` in the union: whom a notification about the union's work goes to. */
export function staffWithRole(tx: DB, unionId: number, role: UnionRole) {
  return tx
    .select({ userId: staffRoles.userId })
    .from(staffRoles)
    .where(and(eq(staffRoles.unionId, unionId), eq(staffRoles.role, role)))
    .all()
    .map((r) => r.userId);
}

export function unionStaff(unionId: number) {
  return db
    .select({
      id: staffRoles.id,
      role: staffRoles.role,
      name: users.name,
      email: users.email,
      departmentName: departments.name,
    })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .leftJoin(departments, eq(departments.id, staffRoles.departmentId))
    .where(eq(staffRoles.unionId, unionId))
    .all();
}

export function unionDepartments(unionId: number) {
  return db.select().from(departments).where(eq(departments.unionId, unionId)).orderBy(asc(departments.id)).all();
}

export function createUnion(viewer: Viewer, input: { name: string; level: UnionLevel; parentId?: number }) {
  requirePlatformAdmin(viewer);
  return transaction((tx) => {
    const union = tx
      .insert(unions)
      .values({ name: input.name, level: input.level, parentId: input.parentId ?? null })
      .returning()
      .get();
    audit(tx, { actorId: viewer.id, action: 'union.create', subjectType: 'union', subjectId: union.id });
    return union.id;
  });
}

export function createDepartment(viewer: Viewer, unionId: number, name: string) {
  requirePlatformAdmin(viewer);
  requireUnion(unionId);
  transaction((tx) => {
    const department = tx.insert(departments).values({ unionId, name }).returning().get();
    audit(tx, { actorId: viewer.id, action: 'department.create', subjectType: 'department', subjectId: department.id });
  });
}

/**
 * The settings other capabilities decide on (commissioning's threshold, delivery's attendance
 * standard, procurement's minimum bidding period, risk's thresholds), in their transaction.
 */
export function updateUnionSettings(
  tx: DB,
  unionId: number,
  settings: Partial<
    Omit<typeof unions.$inferInsert, 'id' | 'name' | 'level' | 'parentId' | 'regionCode' | 'createdAt'>
  >,
) {
  tx.update(unions).set(settings).where(eq(unions.id, unionId)).run();
}
