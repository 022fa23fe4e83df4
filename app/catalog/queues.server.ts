import { and, asc, eq, inArray } from 'drizzle-orm';
import { commissions, offerings } from '../../db/schema/catalog';
import { mayDecideCommission } from './permissions';
import type { Viewer } from '~/accounts/auth.server';
import type { Waiting } from '~/accounts/waiting';
import { db } from '~/lib/db.server';
import { may } from '~/lib/permission';

/** Direct commissions the viewer's organizations have not answered, oldest first (mayDecideCommission). */
export function commissionsToAnswer(viewer: Viewer): Waiting[] {
  const organizationIds = viewer.memberships.filter((m) => m.role === 'owner').map((m) => m.organizationId);
  if (!organizationIds.length) return [];
  return db
    .select({ commission: commissions, title: offerings.title })
    .from(commissions)
    .innerJoin(offerings, eq(offerings.id, commissions.offeringId))
    .where(and(inArray(commissions.organizationId, organizationIds), eq(commissions.state, 'requested')))
    .orderBy(asc(commissions.createdAt), asc(commissions.id))
    .all()
    .filter(({ commission }) => may(mayDecideCommission(viewer, commission)))
    .map(({ commission, title }) => ({
      kind: 'commissionsToAnswer' as const,
      id: commission.id,
      title,
      since: commission.createdAt,
      path: `/commissions/${commission.id}`,
      organizationId: commission.organizationId,
      role: 'owner' as const,
    }));
}
