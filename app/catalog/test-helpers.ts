import { eq } from 'drizzle-orm';
import { organizationMembers, organizations, staffRoles, users } from '../../db/schema';
import type { Viewer } from '~/accounts/auth.server';
import type { OrgRole, UnionRole } from '~/accounts/roles';
import { db } from '~/lib/db.server';

/** The Viewer a signed-in demo account would be, read from the database (tests only). */
export function viewerFor(email: string): Viewer {
  const user = db.select().from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no user ${email}`);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    isPlatformAdmin: user.isPlatformAdmin,
    sessionId: 'test',
    memberships: db
      .select({ organizationId: organizationMembers.organizationId, role: organizationMembers.role })
      .from(organizationMembers)
      .where(eq(organizationMembers.userId, user.id))
      .all() as { organizationId: number; role: OrgRole }[],
    roles: db
      .select({ unionId: staffRoles.unionId, role: staffRoles.role, departmentId: staffRoles.departmentId })
      .from(staffRoles)
      .where(eq(staffRoles.userId, user.id))
      .all() as { unionId: number; role: UnionRole; departmentId: number | null }[],
  };
}

export function organizationIdByName(name: string) {
  return db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)).get()!.id;
}

/** Runs `fn` and returns the HTTP status of the Response it throws (403/404 guards), or null. */
export function thrownStatus(fn: () => unknown) {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}
