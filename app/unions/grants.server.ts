import { staffRoles } from '../../db/schema/unions';
import type { UnionRole } from '~/accounts/roles';
import type { DB } from '~/lib/db.server';

/** Gives a staff role (once: holding it already changes nothing). Only an accepted invitation calls this. */
export function grantStaffRole(
  tx: DB,
  grant: { unionId: number; userId: number; role: UnionRole; departmentId: number | null },
) {
  tx.insert(staffRoles).values(grant).onConflictDoNothing().run();
}
