import { and, count, eq, notInArray } from 'drizzle-orm';
import { milestones } from '../../db/schema/payments';
import { contracts } from '../../db/schema/procurement';
import { contractMachine } from './machine';
import { contractFigures } from '~/delivery/figures.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import type { DB } from '~/lib/db.server';
import { canTransition, transition } from '~/lib/machine';
import { notifyOrganization } from '~/notifications/notify.server';
import { paidMilestoneStates } from '~/payments/machine';
import './audit-subjects.server';

type Contract = typeof contracts.$inferSelect;

/**
 * The one rule for when a contract is fulfilled: every contracted session delivered and accepted
 * (counted as the delivery figures count it) and every payment milestone paid.
 */
function isFulfilled(tx: DB, contract: Contract) {
  // The figures read the transaction's own connection: a report accepted in it is counted.
  if (contractFigures(contract.id).sessionsDelivered < contract.sessions) return false;
  const unpaid = tx
    .select({ n: count() })
    .from(milestones)
    .where(and(eq(milestones.contractId, contract.id), notInArray(milestones.state, [...paidMilestoneStates])))
    .get()!.n;
  return unpaid === 0;
}

type Completion = { actorId: number | null; as: 'commissioner' | 'system'; reason: string | null };

/** Completes the contract through its machine, audited, and tells the organization. */
export function completeIn(tx: DB, contract: Contract, { actorId, as, reason }: Completion) {
  const state = transition(contractMachine, contract.state, 'complete', as);
  tx.update(contracts)
    .set({ state, completedAt: now(), completionReason: reason })
    .where(eq(contracts.id, contract.id))
    .run();
  audit(tx, {
    actorId,
    action: 'contract.complete',
    subjectType: 'contract',
    subjectId: contract.id,
    data: reason ? { reason } : { fulfilled: true },
    before: { state: contract.state },
    after: { state, completionReason: reason },
  });
  notifyOrganization(tx, contract.organizationId, 'contract_completed', {
    title: contract.title,
    ...(reason ? { reason } : {}),
    path: `/contracts/${contract.id}`,
  });
}

/**
 * Completes the contract if the write just made in `tx` (a milestone paid, a report accepted,
 * attendance admitted) fulfilled it. Payments and delivery call it; only procurement writes
 * contracts.
 */
export function completeIfFulfilled(tx: DB, contractId: number) {
  const contract = tx.select().from(contracts).where(eq(contracts.id, contractId)).get();
  if (!contract || !canTransition(contractMachine, contract.state, 'complete')) return;
  if (isFulfilled(tx, contract)) completeIn(tx, contract, { actorId: null, as: 'system', reason: null });
}
