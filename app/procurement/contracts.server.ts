import { desc, eq, inArray, or } from 'drizzle-orm';
import { contracts, milestones, organizations, unions } from '../../db/schema';
import { contractMachine, type ContractState } from './machine';
import { hasUnionRole, isOrgMember, notFound, forbidden, requireOrgMember, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably, type DB } from '~/lib/db.server';
import { transition } from '~/lib/machine';
import { assertWithinBudget } from '~/payments/budget.server';
import { appendLedger, budgetYear } from '~/payments/ledger.server';
import { releaseDueMilestones } from '~/payments/milestones.server';

function findContract(contractId: number) {
  const contract = db.select().from(contracts).where(eq(contracts.id, contractId)).get();
  if (!contract) notFound();
  return contract;
}

/** A contract is seen by its organization's members and by the paying union's staff. */
export function getContractFor(viewer: Viewer, contractId: number) {
  const contract = findContract(contractId);
  const asOrganization = isOrgMember(viewer, contract.organizationId);
  const asUnion = hasUnionRole(viewer, contract.unionId, [
    'admin',
    'commissioner',
    'reviewer',
    'finance',
    'leadership',
  ]);
  if (!asOrganization && !asUnion) forbidden();
  const organization = db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, contract.organizationId))
    .get()!;
  const union = db.select({ name: unions.name }).from(unions).where(eq(unions.id, contract.unionId)).get()!;
  const contractMilestones = db.select().from(milestones).where(eq(milestones.contractId, contractId)).all();
  return {
    contract,
    organizationName: organization.name,
    unionName: union.name,
    milestones: contractMilestones,
    asOrganization,
    asUnion,
    canCommission: hasUnionRole(viewer, contract.unionId, ['commissioner']),
  };
}

/** The organization signs: the contract becomes active, its money committed, the signing milestone due. */
export function confirmContract(viewer: Viewer, contractId: number) {
  const contract = findContract(contractId);
  requireOrgMember(viewer, contract.organizationId, ['owner']);
  durably((tx) => signContract(tx, contract, viewer.id));
}

/**
 * Draws up a contract with the standard milestones, pending the organization's signature: what an
 * awarded tender and an accepted direct commission both produce.
 */
export function draftContract(tx: DB, values: Omit<typeof contracts.$inferInsert, 'state' | 'signedAt'>) {
  const contract = tx.insert(contracts).values(values).returning().get();
  createStandardMilestones(tx, contract.id, contract.amountFen, contract.sessions);
  return contract;
}

/**
 * The signature's effects, inside the caller's durable transaction: the money is committed against
 * the department's budget (refused beyond it) and the signing milestone falls due.
 */
export function signContract(tx: DB, contract: typeof contracts.$inferSelect, actorId: number) {
  const state = transition(contractMachine, contract.state as ContractState, 'confirm', 'organization');
  assertWithinBudget(tx, contract.departmentId, budgetYear(now()), contract.amountFen, contract.id);
  tx.update(contracts).set({ state, signedAt: now() }).where(eq(contracts.id, contract.id)).run();
  appendLedger(tx, { contractId: contract.id, kind: 'committed', amountFen: contract.amountFen });
  releaseDueMilestones(tx, contract.id);
  audit(tx, { actorId, action: 'contract.confirm', subjectType: 'contract', subjectId: contract.id });
}

/** 30% on signing, 70% on final acceptance: the split the seeds' unions use. */
export function createStandardMilestones(tx: DB, contractId: number, amountFen: number, sessions: number) {
  const first = Math.round(amountFen * 0.3);
  tx.insert(milestones)
    .values([
      { contractId, label: 'signing', amountFen: first, condition: 'signing' },
      { contractId, label: 'final', amountFen: amountFen - first, condition: 'final', conditionSessions: sessions },
    ])
    .run();
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
