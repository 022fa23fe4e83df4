import { and, asc, eq, inArray } from 'drizzle-orm';
import { milestones } from '../../db/schema/payments';
import { contracts } from '../../db/schema/procurement';
import { mayApproveMilestone, mayConfirmReceipt, mayPayMilestone } from './permissions';
import type { Viewer } from '~/accounts/auth.server';
import type { Waiting } from '~/accounts/waiting';
import { db, inJsonArray } from '~/lib/db.server';
import { may } from '~/lib/permission';

// Each queue is a query built once, the viewer's unions or organizations its one JSON array
// parameter (decision 111).

const milestonePath = (id: number) => `/milestones/${id}`;

const milestoneColumns = {
  milestone: { id: milestones.id, state: milestones.state, dueAt: milestones.dueAt, createdAt: milestones.createdAt },
  contract: {
    title: contracts.title,
    unionId: contracts.unionId,
    organizationId: contracts.organizationId,
    state: contracts.state,
  },
};

const payableMilestones = db
  .select(milestoneColumns)
  .from(milestones)
  .innerJoin(contracts, eq(contracts.id, milestones.contractId))
  .where(and(inJsonArray(contracts.unionId, 'unionIds'), inArray(milestones.state, ['due', 'approved'])))
  .orderBy(asc(milestones.dueAt), asc(milestones.id))
  .prepare();

/** Due milestones finance may approve and approved ones it may pay (or record as paid), oldest due first. */
export function milestonesToPay(viewer: Viewer): Waiting[] {
  const unionIds = [...new Set(viewer.roles.filter((r) => r.role === 'finance').map((r) => r.unionId))];
  if (!unionIds.length) return [];
  return payableMilestones
    .all({ unionIds: JSON.stringify(unionIds) })
    .filter(
      ({ milestone, contract }) =>
        may(mayApproveMilestone(viewer, milestone, contract)) || may(mayPayMilestone(viewer, milestone, contract)),
    )
    .map(({ milestone, contract }) => ({
      kind: 'milestonesToPay' as const,
      id: milestone.id,
      title: contract.title,
      since: milestone.dueAt ?? milestone.createdAt,
      path: milestonePath(milestone.id),
      unionId: contract.unionId,
      role: 'finance' as const,
    }));
}

const paidMilestones = db
  .select(milestoneColumns)
  .from(milestones)
  .innerJoin(contracts, eq(contracts.id, milestones.contractId))
  .where(and(inJsonArray(contracts.organizationId, 'organizationIds'), eq(milestones.state, 'paid')))
  .orderBy(asc(milestones.dueAt), asc(milestones.id))
  .prepare();

/** Paid milestones whose arrival the organization's owner has not confirmed yet, oldest first. */
export function receiptsToConfirm(viewer: Viewer): Waiting[] {
  const organizationIds = viewer.memberships.filter((m) => m.role === 'owner').map((m) => m.organizationId);
  if (!organizationIds.length) return [];
  return paidMilestones
    .all({ organizationIds: JSON.stringify(organizationIds) })
    .filter(({ milestone, contract }) => may(mayConfirmReceipt(viewer, milestone, contract)))
    .map(({ milestone, contract }) => ({
      kind: 'receiptsToConfirm' as const,
      id: milestone.id,
      title: contract.title,
      since: milestone.dueAt ?? milestone.createdAt,
      path: milestonePath(milestone.id),
      organizationId: contract.organizationId,
      role: 'owner' as const,
    }));
}
