import { and, asc, eq, isNull } from 'drizzle-orm';
import { departments, staffInvitations, staffRoles, unions, users } from '../../db/schema';
import type { UnionLevel, UnionRole } from '~/accounts/roles';
import { findUserByEmail, normalizeEmail, notFound, requirePlatformAdmin, type Viewer } from '~/accounts/auth.server';
import { auditStaffGrant } from './grants.server';
import { audit } from '~/lib/audit.server';
import { db, transaction } from '~/lib/db.server';

export function listUnions() {
  return db.select().from(unions).orderBy(asc(unions.id)).all();
}

export function getUnion(unionId: number) {
  const union = db.select().from(unions).where(eq(unions.id, unionId)).get();
  if (!union) notFound();
  return union;
}

export function unionStaff(unionId: number) {
  const members = db
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
  const pending = db
    .select()
    .from(staffInvitations)
    .where(and(eq(staffInvitations.unionId, unionId), isNull(staffInvitations.acceptedAt)))
    .all();
  return { members, pending };
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
  getUnion(unionId);
  transaction((tx) => {
    const department = tx.insert(departments).values({ unionId, name }).returning().get();
    audit(tx, { actorId: viewer.id, action: 'department.create', subjectType: 'department', subjectId: department.id });
  });
}

/** Gives the role at once to an existing account, or holds it for the email until sign-up. */
export function inviteStaff(
  viewer: Viewer,
  unionId: number,
  input: { email: string; role: UnionRole; departmentId?: number },
) {
  requirePlatformAdmin(viewer);
  getUnion(unionId);
  const email = normalizeEmail(input.email);
  const user = findUserByEmail(email);
  transaction((tx) => {
    if (user) {
      const granted = tx
        .insert(staffRoles)
        .values({ unionId, userId: user.id, role: input.role, departmentId: input.departmentId ?? null })
        .onConflictDoNothing()
        .run().changes;
      if (granted)
        auditStaffGrant(tx, viewer.id, unionId, {
          userId: user.id,
          role: input.role,
          departmentId: input.departmentId,
        });
    } else {
      tx.insert(staffInvitations)
        .values({ unionId, email, role: input.role, departmentId: input.departmentId ?? null, invitedBy: viewer.id })
        .run();
    }
    audit(tx, {
      actorId: viewer.id,
      action: 'staff.invite',
      subjectType: 'union',
      subjectId: unionId,
      data: { email, role: input.role },
    });
  });
  return user ? 'granted' : 'invited';
}
