import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { commissions, offerings } from '../../db/schema/catalog';
import { organizationMembers, organizations } from '../../db/schema/organizations';
import { contracts } from '../../db/schema/procurement';
import { unions } from '../../db/schema/unions';
import { commissionMachine } from './machine';
import type { CommissionInput } from './schemas';
import type { UnionRole } from '~/accounts/roles';
import {
  forbidden,
  hasUnionRole,
  isOrgMember,
  notFound,
  requireOrgMember,
  requireUnionRole,
  type Viewer,
} from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably, transaction, type DB } from '~/lib/db.server';
import { recomputeCommissions } from '~/risk/recompute.server';
import { updateUnionSettings } from '~/unions/unions.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import { notify } from '~/notifications/notify.server';
import { draftContract, signContract } from '~/procurement/contracts.server';
import { shanghaiDate } from '~/lib/time';
import './audit-subjects.server';
import '~/unions/audit-subjects.server';
import { mayBeCommissioned, mayDecideCommission } from './permissions';
import { enforce, may } from '~/lib/permission';

type Commission = typeof commissions.$inferSelect;

/** Today's date (YYYY-MM-DD) in Asia/Shanghai by the server's clock. */
export function shanghaiToday() {
  return shanghaiDate(now());
}

function findUnion(unionId: number) {
  const union = db.select().from(unions).where(eq(unions.id, unionId)).get();
  if (!union) notFound();
  return union;
}

/** The union admin's page: the threshold above which purchases go to a tender. */
export function requireCommissioningSettings(viewer: Viewer, unionId: number) {
  requireUnionRole(viewer, unionId, ['admin']);
  const union = findUnion(unionId);
  return { id: union.id, name: union.name, limitFen: union.directCommissionLimitFen };
}

export function setDirectCommissionLimit(viewer: Viewer, unionId: number, limitFen: number) {
  requireUnionRole(viewer, unionId, ['admin']);
  const union = findUnion(unionId);
  transaction((tx) => {
    updateUnionSettings(tx, unionId, { directCommissionLimitFen: limitFen });
    audit(tx, {
      actorId: viewer.id,
      action: 'union.setDirectCommissionLimit',
      subjectType: 'union',
      subjectId: unionId,
      data: { from: union.directCommissionLimitFen, to: limitFen },
    });
  });
}

/** The unions this person may commission for, with each one's threshold. */
export function commissioningUnions(viewer: Viewer) {
  const ids = viewer.roles.filter((r) => r.role === 'commissioner').map((r) => r.unionId);
  if (!ids.length) return [];
  return db
    .select({ id: unions.id, name: unions.name, limitFen: unions.directCommissionLimitFen })
    .from(unions)
    .where(inArray(unions.id, ids))
    .all();
}

function ownerIds(tx: DB, organizationId: number) {
  return tx
    .select({ userId: organizationMembers.userId })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.role, 'owner')))
    .all()
    .map((m) => m.userId);
}

/**
 * A commissioner orders sessions of a published offering at its current price. Above the union's
 * threshold the order is refused: that purchase must go to a tender.
 */
export function requestCommission(viewer: Viewer, offeringId: number, input: CommissionInput) {
  requireUnionRole(viewer, input.unionId, ['commissioner']);
  const departmentId = viewer.roles.find((r) => r.unionId === input.unionId && r.role === 'commissioner')?.departmentId;
  return transaction((tx) => {
    const offering = tx
      .select({ offering: offerings, status: organizations.status })
      .from(offerings)
      .innerJoin(organizations, eq(organizations.id, offerings.organizationId))
      .where(eq(offerings.id, offeringId))
      .get();
    if (!offering) notFound();
    enforce(mayBeCommissioned(offering.offering, offering.status === 'active'));
    const union = tx.select().from(unions).where(eq(unions.id, input.unionId)).get()!;
    const amountFen = input.sessions * offering.offering.priceFen;
    if (amountFen > union.directCommissionLimitFen) throw new UserError('catalog.errors.aboveLimit', 422);
    const commission = tx
      .insert(commissions)
      .values({
        offeringId,
        organizationId: offering.offering.organizationId,
        unionId: union.id,
        departmentId: departmentId ?? null,
        requestedBy: viewer.id,
        sessions: input.sessions,
        priceFen: offering.offering.priceFen,
        amountFen,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        note: input.note,
      })
      .returning()
      .get();
    audit(tx, {
      actorId: viewer.id,
      action: 'commission.request',
      subjectType: 'commission',
      subjectId: commission.id,
    });
    recomputeCommissions(tx, union.id, commission.organizationId);
    for (const userId of ownerIds(tx, commission.organizationId)) {
      notify(tx, userId, 'commission_requested', {
        title: offering.offering.title,
        union: union.name,
        sessions: commission.sessions,
        amountFen,
        path: `/commissions/${commission.id}`,
      });
    }
    return commission.id;
  });
}

function findCommission(tx: DB, commissionId: number) {
  const commission = tx.select().from(commissions).where(eq(commissions.id, commissionId)).get();
  if (!commission) notFound();
  return commission;
}

function offeringTitle(tx: DB, offeringId: number) {
  return tx.select({ title: offerings.title }).from(offerings).where(eq(offerings.id, offeringId)).get()!.title;
}

/** Acceptance is the organization's signature: the contract is created active, its money committed. */
function acceptInto(tx: DB, commission: Commission, actorId: number) {
  const offering = tx.select().from(offerings).where(eq(offerings.id, commission.offeringId)).get()!;
  const contract = draftContract(
    tx,
    {
      unionId: commission.unionId,
      departmentId: commission.departmentId,
      organizationId: commission.organizationId,
      offeringId: offering.id,
      title: offering.title,
      category: offering.category,
      amountFen: commission.amountFen,
      sessions: commission.sessions,
      periodStart: commission.periodStart,
      periodEnd: commission.periodEnd,
    },
    actorId,
  );
  signContract(tx, contract, actorId);
  return contract.id;
}

/** The organization's owner accepts (creating the contract) or declines with a reason. */
export function decideCommission(
  viewer: Viewer,
  commissionId: number,
  decision: { accept: true } | { accept: false; reason: string },
) {
  const { organizationId } = findCommission(db, commissionId);
  requireOrgMember(viewer, organizationId, ['owner']);
  return durably((tx) => {
    const commission = findCommission(tx, commissionId);
    const name = decision.accept ? 'accept' : 'decline';
    const state = transition(commissionMachine, commission.state, name, 'organization');
    const contractId = decision.accept ? acceptInto(tx, commission, viewer.id) : null;
    tx.update(commissions)
      .set({
        state,
        contractId,
        declineReason: decision.accept ? null : decision.reason,
        decidedBy: viewer.id,
        decidedAt: now(),
      })
      .where(eq(commissions.id, commissionId))
      .run();
    audit(tx, { actorId: viewer.id, action: `commission.${name}`, subjectType: 'commission', subjectId: commissionId });
    recomputeCommissions(tx, commission.unionId, organizationId);
    const organization = tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .get()!;
    notify(tx, commission.requestedBy, 'commission_decided', {
      title: offeringTitle(tx, commission.offeringId),
      organization: organization.name,
      decision: decision.accept ? 'accepted' : 'declined',
      reason: decision.accept ? '' : decision.reason,
      path: contractId ? `/contracts/${contractId}` : `/commissions/${commissionId}`,
    });
    return contractId;
  });
}

/** Any commissioner of the union may withdraw a request the organization has not answered. */
export function cancelCommission(viewer: Viewer, commissionId: number) {
  const { unionId } = findCommission(db, commissionId);
  requireUnionRole(viewer, unionId, ['commissioner']);
  transaction((tx) => {
    const commission = findCommission(tx, commissionId);
    const state = transition(commissionMachine, commission.state, 'cancel', 'commissioner');
    tx.update(commissions)
      .set({ state, decidedBy: viewer.id, decidedAt: now() })
      .where(eq(commissions.id, commissionId))
      .run();
    audit(tx, { actorId: viewer.id, action: 'commission.cancel', subjectType: 'commission', subjectId: commissionId });
    recomputeCommissions(tx, unionId, commission.organizationId);
  });
}

const unionViewers: readonly UnionRole[] = ['admin', 'commissioner', 'reviewer', 'finance', 'leadership', 'auditor'];

/** Seen by the organization's members and the ordering union's staff. */
export function requireCommissionFor(viewer: Viewer, commissionId: number) {
  const commission = findCommission(db, commissionId);
  const asOrganization = isOrgMember(viewer, commission.organizationId);
  const asUnion = hasUnionRole(viewer, commission.unionId, unionViewers);
  if (!asOrganization && !asUnion) forbidden();
  const names = db
    .select({ organization: organizations.name, union: unions.name, offering: offerings.title })
    .from(commissions)
    .innerJoin(organizations, eq(organizations.id, commissions.organizationId))
    .innerJoin(unions, eq(unions.id, commissions.unionId))
    .innerJoin(offerings, eq(offerings.id, commissions.offeringId))
    .where(eq(commissions.id, commissionId))
    .get()!;
  return {
    commission,
    names,
    canDecide: may(mayDecideCommission(viewer, commission)),
    canCancel: hasUnionRole(viewer, commission.unionId, ['commissioner']) && commission.state === 'requested',
  };
}

/** Commissions to the viewer's organizations and from the viewer's unions, newest first. */
export function listCommissionsFor(viewer: Viewer) {
  const organizationIds = viewer.memberships.map((m) => m.organizationId);
  const unionIds = viewer.roles.filter((r) => unionViewers.includes(r.role)).map((r) => r.unionId);
  const scope = [
    organizationIds.length ? inArray(commissions.organizationId, organizationIds) : undefined,
    unionIds.length ? inArray(commissions.unionId, unionIds) : undefined,
  ].filter((c) => c !== undefined);
  if (!scope.length) return [];
  return db
    .select({
      id: commissions.id,
      state: commissions.state,
      sessions: commissions.sessions,
      amountFen: commissions.amountFen,
      createdAt: commissions.createdAt,
      offeringTitle: offerings.title,
      organizationName: organizations.name,
      unionName: unions.name,
      contractId: contracts.id,
    })
    .from(commissions)
    .innerJoin(offerings, eq(offerings.id, commissions.offeringId))
    .innerJoin(organizations, eq(organizations.id, commissions.organizationId))
    .innerJoin(unions, eq(unions.id, commissions.unionId))
    .leftJoin(contracts, eq(contracts.id, commissions.contractId))
    .where(or(...scope))
    .orderBy(desc(commissions.id))
    .all();
}
