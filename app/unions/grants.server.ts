import { audit } from '~/lib/audit.server';
import type { DB } from '~/lib/db.server';

/** A staff role given (by a platform admin, or by an invitation taken up at sign-up), in the audit trail. */
export function auditStaffGrant(
  tx: DB,
  actorId: number,
  unionId: number,
  grant: { userId: number; role: string; departmentId?: number | null },
) {
  audit(tx, {
    actorId,
    action: 'staff.grant',
    subjectType: 'union',
    subjectId: unionId,
    unionId,
    before: { userId: grant.userId, role: null },
    after: { userId: grant.userId, role: grant.role, departmentId: grant.departmentId ?? null },
  });
}
