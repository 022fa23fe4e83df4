import { and, asc, eq } from 'drizzle-orm';
import { commissions, offerings } from '../../db/schema/catalog';
import { mayDecideCommission } from './permissions';
import type { Viewer } from '~/accounts/auth.server';
import type { Waiting } from '~/accounts/waiting';
import { db, inJsonArray } from '~/lib/db.server';
import { may } from '~/lib/permission';

// Built once, the viewer's organizations its one JSON array parameter (decision 111).
const requestedCommissions = db
  .select({
    id: commissions.id,
    organizationId: commissions.organizationId,
    state: commissions.state,
    createdAt: commissions.createdAt,
    title: offerings.title,
  })
  .from(commissions)
  .innerJoin(offerings, eq(offerings.id, commissions.offeringId))
  .where(and(inJsonArray(commissions.organizationId, 'organizationIds'), eq(commissions.state, 'requested')))
  .orderBy(asc(commissions.createdAt), asc(commissions.id))
  .prepare();

/** Direct commissions the viewer's organizations have not answered, oldest first (mayDecideCommission). */
export function commissionsToAnswer(viewer: Viewer): Waiting[] {
  const organizationIds = viewer.memberships.filter((m) => m.role === 'owner').map((m) => m.organizationId);
  if (!organizationIds.length) return [];
  return requestedCommissions
    .all({ organizationIds: JSON.stringify(organizationIds) })
    .filter((commission) => may(mayDecideCommission(viewer, commission)))
    .map((commission) => ({
      kind: 'commissionsToAnswer' as const,
      id: commission.id,
      title: commission.title,
      since: commission.createdAt,
      path: `/commissions/${commission.id}`,
      organizationId: commission.organizationId,
      role: 'owner' as const,
    }));
}
