import { asc, eq, sql } from 'drizzle-orm';
import { incubators, residencies, rooms } from '../../db/schema/incubation';
import { unions } from '../../db/schema/unions';
import { effectiveSettings, type IncubatorSettings } from './settings';
import type { IncubationStanding } from './permissions';
import { hasUnionRole, isOrgMember, notFound, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import type { UnionRole } from '~/accounts/roles';
import { audit } from '~/lib/audit.server';
import { db, transaction } from '~/lib/db.server';
import './audit-subjects.server';

/** The union staff who see an incubator's applications and residents; only managers decide. */
export const incubatorStaffRoles: readonly UnionRole[] = ['incubator_manager', 'reviewer', 'admin', 'leadership'];
export const managerRoles: readonly UnionRole[] = ['incubator_manager'];
export const reviewerRoles: readonly UnionRole[] = ['reviewer'];

export type Incubator = ReturnType<typeof requireIncubator>;

export function requireIncubator(incubatorId: number) {
  const row = db.select().from(incubators).where(eq(incubators.id, incubatorId)).get();
  if (!row) notFound();
  return { ...row, settings: effectiveSettings(row.settings) };
}

export function isIncubatorStaff(
  viewer: Viewer | null,
  incubator: { unionId: number },
  roles: readonly UnionRole[] = incubatorStaffRoles,
) {
  return viewer !== null && hasUnionRole(viewer, incubator.unionId, roles);
}

/** The viewer's standing toward an organization at this incubator, as incubation's permissions ask for it. */
export function incubationStanding(
  viewer: Viewer,
  organizationId: number,
  incubator: { unionId: number },
): IncubationStanding {
  return {
    member: isOrgMember(viewer, organizationId),
    manager: isIncubatorStaff(viewer, incubator, managerRoles),
    reviewer: isIncubatorStaff(viewer, incubator, reviewerRoles),
  };
}

export function requireIncubatorStaff(
  viewer: Viewer,
  incubator: { unionId: number },
  roles: readonly UnionRole[] = incubatorStaffRoles,
) {
  requireUnionRole(viewer, incubator.unionId, roles);
}

export function listIncubators() {
  return db
    .select({
      id: incubators.id,
      name: incubators.name,
      host: incubators.host,
      address: incubators.address,
      unionId: incubators.unionId,
      unionName: unions.name,
      residents: sql<number>`(select count(*) from ${residencies} r where r.incubator_id = ${incubators.id} and r.state = 'active')`,
    })
    .from(incubators)
    .innerJoin(unions, eq(unions.id, incubators.unionId))
    .orderBy(asc(incubators.id))
    .all();
}

export function listRooms(incubatorId: number) {
  return db.select().from(rooms).where(eq(rooms.incubatorId, incubatorId)).orderBy(asc(rooms.id)).all();
}

export function addRoom(
  viewer: Viewer,
  incubatorId: number,
  input: { name: string; capacity: number; opensAt: string; closesAt: string },
) {
  requireIncubatorStaff(viewer, requireIncubator(incubatorId), managerRoles);
  transaction((tx) => {
    const room = tx
      .insert(rooms)
      .values({ incubatorId, ...input })
      .returning()
      .get();
    audit(tx, { actorId: viewer.id, action: 'room.create', subjectType: 'room', subjectId: room.id });
  });
}

export function updateSettings(viewer: Viewer, incubatorId: number, settings: IncubatorSettings) {
  requireIncubatorStaff(viewer, requireIncubator(incubatorId), managerRoles);
  transaction((tx) => {
    tx.update(incubators).set({ settings }).where(eq(incubators.id, incubatorId)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'incubator.settings',
      subjectType: 'incubator',
      subjectId: incubatorId,
      data: settings,
    });
  });
}
