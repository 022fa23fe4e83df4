import { asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { bids } from '../../db/schema/procurement';
import { organizations } from '../../db/schema/organizations';
import { milestones } from '../../db/schema/payments';
import { contractAmendments, contracts, tenders } from '../../db/schema/procurement';
import { unions } from '../../db/schema/unions';
import { completeIn } from './completion.server';
import { contractMachine, tenderMachine } from './machine';
import { contractReaders, mayAmendContract, mayIssueContract, contractSigned } from './permissions';
import type { AmendContractForm, IssueContractForm } from './schemas';
import { unsealBid } from './seal.server';
import type { Tender } from './tenders.server';
import {
  forbidden,
  hasUnionRole,
  isOrgMember,
  notFound,
  requireOrgMember,
  requireUnionRole,
  type Viewer,
} from '~/accounts/auth.server';
import { audit, pick } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { recomputeContract } from '~/risk/recompute.server';
import { enforce } from '~/lib/permission';
import { assertWithinBudget } from '~/payments/budget.server';
import { appendLedger, budgetYear, releaseCommitment } from '~/payments/ledger.server';
import { releaseDueMilestones } from '~/payments/milestones.server';
import { amendPendingMilestone, createStandardMilestones, replaceMilestones } from '~/payments/milestone-plan.server';
import { canTransition, transition } from '~/lib/machine';
import { notifyOrganization } from '~/notifications/notify.server';
import './audit-subjects.server';

type Contract = typeof contracts.$inferSelect;

function findContract(tx: DB, contractId: number) {
  const contract = tx.select().from(contracts).where(eq(contracts.id, contractId)).get();
  if (!contract) notFound();
  return contract;
}

/**
 * Draws up a contract with the standard milestones: from an award it starts as a draft the union
 * issues; from a direct commission it is pending, and the organization's acceptance signs it.
 */
export function draftContract(
  tx: DB,
  values: Omit<typeof contracts.$inferInsert, 'signedAt'>,
  actorId: number | null = null,
) {
  const contract = tx
    .insert(contracts)
    .values({ state: 'pending', ...values })
    .returning()
    .get();
  createStandardMilestones(tx, contract.id, contract.amountFen, contract.sessions);
  recomputeContract(tx, contract.id);
  audit(tx, {
    actorId,
    action: 'contract.draft',
    subjectType: 'contract',
    subjectId: contract.id,
    unionId: contract.unionId,
    after: pick(contract, ['state', 'organizationId', 'tenderId', 'bidId', 'amountFen', 'sessions']),
  });
  return contract;
}

/** The contract drawn up from a final award, at the winning price, waiting for the union to issue it. */
export function draftAwardContract(tx: DB, tender: Tender, bid: typeof bids.$inferSelect, actorId: number | null) {
  return draftContract(
    tx,
    {
      unionId: tender.unionId,
      departmentId: tender.departmentId,
      organizationId: bid.organizationId,
      tenderId: tender.id,
      bidId: bid.id,
      title: tender.title,
      category: tender.category,
      amountFen: unsealBid(tender.id, bid.organizationId, bid.sealed).priceFen,
      sessions: tender.sessions,
      minWorkerVisits: tender.minWorkerVisits,
      periodStart: tender.periodStart,
      periodEnd: tender.periodEnd,
      state: 'draft',
    },
    actorId,
  ).id;
}

/** The union's confirmation: the contract goes to the organization to confirm. */
export function issueContractIn(tx: DB, contractId: number, actorId: number) {
  const contract = findContract(tx, contractId);
  const state = transition(contractMachine, contract.state, 'issue', 'commissioner');
  tx.update(contracts).set({ state, issuedAt: now(), issuedBy: actorId }).where(eq(contracts.id, contractId)).run();
  audit(tx, {
    actorId,
    action: 'contract.issue',
    subjectType: 'contract',
    subjectId: contractId,
    before: { state: contract.state },
    after: { state, ...pick(contract, ['periodStart', 'periodEnd', 'amountFen']) },
  });
  notifyOrganization(tx, [contract.organizationId], 'contract_ready', {
    title: contract.title,
    amountFen: contract.amountFen,
    path: `/contracts/${contractId}`,
  });
}

/** The commissioner checks the drafted terms, sets the payment plan and issues the contract. */
export function issueContract(viewer: Viewer, contractId: number, input: IssueContractForm) {
  const contract = findContract(db, contractId);
  requireUnionRole(viewer, contract.unionId, ['commissioner']);
  durably((tx) => {
    enforce(mayIssueContract(viewer, contract));
    tx.update(contracts)
      .set({ periodStart: input.periodStart ?? null, periodEnd: input.periodEnd ?? null })
      .where(eq(contracts.id, contractId))
      .run();
    replaceMilestones(tx, contractId, contract.amountFen, contract.sessions, input);
    issueContractIn(tx, contractId, viewer.id);
  });
}

/** The organization's confirmation: the contract is active, its money committed, the signing milestone due. */
export function confirmContract(viewer: Viewer, contractId: number) {
  const contract = findContract(db, contractId);
  requireOrgMember(viewer, contract.organizationId, ['owner']);
  durably((tx) => {
    signContract(tx, contract, viewer.id);
    if (contract.tenderId) {
      const tender = tx.select().from(tenders).where(eq(tenders.id, contract.tenderId)).get()!;
      if (canTransition(tenderMachine, tender.state, 'contract')) {
        const tenderState = transition(tenderMachine, tender.state, 'contract', 'organization');
        tx.update(tenders).set({ state: tenderState }).where(eq(tenders.id, tender.id)).run();
        audit(tx, {
          actorId: viewer.id,
          action: 'tender.contracted',
          subjectType: 'tender',
          subjectId: tender.id,
          data: { contractId },
          before: { state: tender.state },
          after: { state: tenderState },
        });
      }
    }
  });
}

/**
 * The signature's effects, inside the caller's durable transaction: the money is committed against
 * the department's budget (refused beyond it) and the signing milestone falls due.
 */
export function signContract(tx: DB, contract: Contract, actorId: number) {
  const state = transition(contractMachine, contract.state, 'confirm', 'organization');
  assertWithinBudget(tx, contract.departmentId, budgetYear(now()), contract.amountFen, contract.id);
  tx.update(contracts).set({ state, signedAt: now(), signedBy: actorId }).where(eq(contracts.id, contract.id)).run();
  appendLedger(tx, { contractId: contract.id, kind: 'committed', amountFen: contract.amountFen });
  releaseDueMilestones(tx, contract.id);
  audit(tx, {
    actorId,
    action: 'contract.confirm',
    subjectType: 'contract',
    subjectId: contract.id,
    before: { state: contract.state },
    after: { state, amountFen: contract.amountFen },
  });
}

function contractChanges(contract: Contract, input: AmendContractForm) {
  const next = {
    amountFen: input.amount,
    sessions: input.sessions,
    minWorkerVisits: input.minWorkerVisits,
    periodEnd: input.periodEnd ?? null,
  };
  const changes: Record<string, { from: string | number | null; to: string | number | null }> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[])
    if (contract[key] !== next[key]) changes[key] = { from: contract[key], to: next[key] };
  return { next, changes };
}

/**
 * Amends the terms with a recorded reason. A change of amount is absorbed by the last milestone
 * not yet due, and, once the money is committed, recorded in the ledger as committed or released.
 */
export function amendContract(viewer: Viewer, contractId: number, input: AmendContractForm) {
  const contract = findContract(db, contractId);
  requireUnionRole(viewer, contract.unionId, ['commissioner']);
  enforce(mayAmendContract(viewer, contract));
  const { next, changes } = contractChanges(contract, input);
  if (!Object.keys(changes).length) throw new UserError('procurement.errors.noChanges');
  durably((tx) => {
    const delta = next.amountFen - contract.amountFen;
    if (!amendPendingMilestone(tx, contractId, delta, next.sessions))
      throw new UserError('procurement.errors.amountBelowCommitted');
    tx.update(contracts).set(next).where(eq(contracts.id, contractId)).run();
    const committed = contractSigned(contract);
    if (committed && delta > 0)
      assertWithinBudget(tx, contract.departmentId, budgetYear(now()), next.amountFen, contractId);
    if (committed && delta !== 0)
      appendLedger(tx, { contractId, kind: delta > 0 ? 'committed' : 'released', amountFen: Math.abs(delta) });
    tx.insert(contractAmendments)
      .values({ contractId, rationale: input.rationale, changes, createdBy: viewer.id, createdAt: now() })
      .run();
    recomputeContract(tx, contractId);
    audit(tx, {
      actorId: viewer.id,
      action: 'contract.amend',
      subjectType: 'contract',
      subjectId: contractId,
      data: changes,
      before: pick(contract, Object.keys(next) as (keyof typeof next)[]),
      after: next,
    });
  });
}

/** Ends the contract with a reason; committed money not yet paid is released. */
export function terminateContract(viewer: Viewer, contractId: number, reason: string) {
  const contract = findContract(db, contractId);
  requireUnionRole(viewer, contract.unionId, ['commissioner']);
  durably((tx) => {
    const state = transition(contractMachine, contract.state, 'terminate', 'commissioner');
    tx.update(contracts)
      .set({ state, terminationReason: reason, terminatedAt: now() })
      .where(eq(contracts.id, contractId))
      .run();
    releaseCommitment(tx, contractId);
    recomputeContract(tx, contractId);
    audit(tx, {
      actorId: viewer.id,
      action: 'contract.terminate',
      subjectType: 'contract',
      subjectId: contractId,
      data: { reason },
      before: { state: contract.state },
      after: { state, terminationReason: reason },
    });
  });
}

/**
 * The commissioner completes an active contract before it is fulfilled, with a reason: it is the
 * union's final acceptance, so the final milestone falls due (to pay less, amend the amount first).
 */
export function completeContract(viewer: Viewer, contractId: number, reason: string) {
  const contract = findContract(db, contractId);
  requireUnionRole(viewer, contract.unionId, ['commissioner']);
  const trimmed = reason.trim();
  if (!trimmed) throw new UserError('errors.reasonRequired');
  durably((tx) => {
    completeIn(tx, findContract(tx, contractId), { actorId: viewer.id, as: 'commissioner', reason: trimmed });
    releaseDueMilestones(tx, contractId);
  });
}

/** A contract is seen by its organization's members and by the paying union's staff. */
export function requireContractFor(viewer: Viewer, contractId: number) {
  const contract = findContract(db, contractId);
  const asOrganization = isOrgMember(viewer, contract.organizationId);
  const asUnion = hasUnionRole(viewer, contract.unionId, contractReaders);
  if (!asOrganization && !asUnion) forbidden();
  const organization = db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, contract.organizationId))
    .get()!;
  const union = db.select({ name: unions.name }).from(unions).where(eq(unions.id, contract.unionId)).get()!;
  return {
    contract,
    organizationName: organization.name,
    unionName: union.name,
    milestones: db
      .select()
      .from(milestones)
      .where(eq(milestones.contractId, contractId))
      .orderBy(asc(milestones.id))
      .all(),
    amendments: db
      .select({
        id: contractAmendments.id,
        rationale: contractAmendments.rationale,
        changes: contractAmendments.changes,
        createdAt: contractAmendments.createdAt,
      })
      .from(contractAmendments)
      .where(eq(contractAmendments.contractId, contractId))
      .orderBy(asc(contractAmendments.id))
      .all(),
    asOrganization,
    asOwner: isOrgMember(viewer, contract.organizationId, ['owner']),
    asUnion,
    canCommission: hasUnionRole(viewer, contract.unionId, ['commissioner']),
  };
}

export function listContracts(filter: { organizationIds?: number[]; unionIds?: number[] }) {
  const conditions = [
    filter.organizationIds?.length ? inArray(contracts.organizationId, filter.organizationIds) : undefined,
    filter.unionIds?.length ? inArray(contracts.unionId, filter.unionIds) : undefined,
  ].filter((c) => c !== undefined);
  if (!conditions.length) return [];
  return db
    .select({
      id: contracts.id,
      title: contracts.title,
      state: contracts.state,
      amountFen: contracts.amountFen,
      organizationName: organizations.name,
    })
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .where(or(...conditions))
    .orderBy(desc(contracts.id))
    .all();
}

export function contractIdForTender(tenderId: number) {
  return db.select({ id: contracts.id }).from(contracts).where(eq(contracts.tenderId, tenderId)).get()?.id ?? null;
}
