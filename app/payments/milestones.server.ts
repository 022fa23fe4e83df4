import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { organizationMembers, organizations } from '../../db/schema/organizations';
import { milestones, payments, stripeAccounts } from '../../db/schema/payments';
import { contracts } from '../../db/schema/procurement';
import { unions } from '../../db/schema/unions';
import { appendLedger, ledgerTotals } from './ledger.server';
import { milestoneMachine } from './machine';
import {
  mayApproveMilestone,
  mayCancelPayment,
  mayConfirmReceipt,
  mayPayMilestone,
  maySeeMilestone,
  maySeeVouchers,
  milestonePayable,
  paymentQueueRoles,
} from './permissions';
import { stripeEnabled } from './stripe.server';
import { isOrgMember, notFound, requireOrgMember, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { contractFigures } from '~/delivery/figures.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { recomputeContract } from '~/risk/recompute.server';
import { db, durably, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { enforce, may } from '~/lib/permission';
import { canTransition, transition } from '~/lib/machine';
import { notify } from '~/notifications/notify.server';
import { completeIfFulfilled } from '~/procurement/completion.server';
import { staffWithRole } from '~/unions/unions.server';
import './audit-subjects.server';

type Contract = typeof contracts.$inferSelect;
type Milestone = typeof milestones.$inferSelect;

/** Whether a pending milestone's condition holds, given the contract and its accepted sessions. */
export function conditionMet(milestone: Milestone, contract: Contract, sessionsDelivered: number) {
  const target = milestone.conditionSessions ?? contract.sessions;
  switch (milestone.condition) {
    case 'signing':
      return milestonePayable(contract);
    case 'sessions':
      return sessionsDelivered >= target;
    case 'final':
      return contract.state === 'completed' || sessionsDelivered >= target;
    default:
      return false;
  }
}

function organizationOwners(tx: DB, organizationId: number) {
  return tx
    .select({ userId: organizationMembers.userId })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.role, 'owner')))
    .all()
    .map((r) => r.userId);
}

/**
 * Makes due every pending milestone of the contract whose condition now holds, and tells the
 * union's finance staff. Call it inside the transaction that signs the contract, accepts a
 * completion report or completes the contract. Returns the ids released.
 */
export function releaseDueMilestones(tx: DB, contractId: number) {
  const contract = tx.select().from(contracts).where(eq(contracts.id, contractId)).get();
  if (!contract || !milestonePayable(contract)) return [];
  const pending = tx
    .select()
    .from(milestones)
    .where(and(eq(milestones.contractId, contractId), eq(milestones.state, 'pending')))
    .all();
  if (!pending.length) return [];
  // The transaction's own connection: the report just accepted is counted.
  const delivered = contractFigures(contractId).sessionsDelivered;
  const released = pending.filter((m) => conditionMet(m, contract, delivered));
  const finance = staffWithRole(tx, contract.unionId, 'finance');
  for (const milestone of released) {
    const state = transition(milestoneMachine, milestone.state, 'becomeDue', 'system');
    tx.update(milestones)
      .set({ state, dueAt: now() })
      .where(and(eq(milestones.id, milestone.id), eq(milestones.state, 'pending')))
      .run();
    audit(tx, {
      actorId: null,
      action: 'milestone.due',
      subjectType: 'milestone',
      subjectId: milestone.id,
      unionId: contract.unionId,
      before: { state: 'pending' },
      after: { state, amountFen: milestone.amountFen },
    });
    for (const userId of finance)
      notify(tx, userId, 'milestone_due', {
        title: contract.title,
        amountFen: milestone.amountFen,
        path: `/milestones/${milestone.id}`,
      });
  }
  return released.map((m) => m.id);
}

/** The milestone and its contract, read inside `tx`; 404 if either is missing. */
export function loadMilestone(tx: DB, milestoneId: number) {
  const row = tx
    .select({ milestone: milestones, contract: contracts })
    .from(milestones)
    .innerJoin(contracts, eq(contracts.id, milestones.contractId))
    .where(eq(milestones.id, milestoneId))
    .get();
  if (!row) notFound();
  return row;
}

/** Finance approves a due milestone for payment. */
export function approveMilestone(viewer: Viewer, milestoneId: number) {
  durably((tx) => {
    const { milestone, contract } = loadMilestone(tx, milestoneId);
    requireUnionRole(viewer, contract.unionId, ['finance']);
    enforce(mayApproveMilestone(viewer, milestone, contract));
    const state = transition(milestoneMachine, milestone.state, 'approve', 'finance');
    tx.update(milestones).set({ state }).where(eq(milestones.id, milestone.id)).run();
    appendLedger(tx, {
      contractId: contract.id,
      milestoneId: milestone.id,
      kind: 'approved',
      amountFen: milestone.amountFen,
    });
    audit(tx, {
      actorId: viewer.id,
      action: 'milestone.approve',
      subjectType: 'milestone',
      subjectId: milestone.id,
      unionId: contract.unionId,
      before: { state: milestone.state },
      after: { state, amountFen: milestone.amountFen },
    });
  });
}

/**
 * An approved milestone becomes paid by `paymentId`: the one transition both a recorded bank
 * transfer and a Stripe payment take; the last one paid completes a fulfilled contract. Returns
 * false (and changes nothing) if it is not approved.
 */
export function markPaid(
  tx: DB,
  milestoneId: number,
  paymentId: number,
  actor: { id: number | null; as: 'finance' | 'system' },
) {
  const { milestone, contract } = loadMilestone(tx, milestoneId);
  const from = milestone.state;
  if (!canTransition(milestoneMachine, from, 'pay')) return false;
  const state = transition(milestoneMachine, from, 'pay', actor.as);
  tx.update(milestones).set({ state }).where(eq(milestones.id, milestone.id)).run();
  appendLedger(tx, {
    contractId: contract.id,
    milestoneId: milestone.id,
    paymentId,
    kind: 'paid',
    amountFen: milestone.amountFen,
  });
  for (const userId of organizationOwners(tx, contract.organizationId))
    notify(tx, userId, 'milestone_paid', {
      title: contract.title,
      amountFen: milestone.amountFen,
      path: `/milestones/${milestone.id}`,
    });
  audit(tx, {
    actorId: actor.id,
    action: 'milestone.paid',
    subjectType: 'milestone',
    subjectId: milestone.id,
    unionId: contract.unionId,
    data: { paymentId },
    before: { state: milestone.state },
    after: { state, paymentId, amountFen: milestone.amountFen },
  });
  completeIfFulfilled(tx, contract.id);
  recomputeContract(tx, contract.id);
  return true;
}

/** The payment that paid the milestone, if any. */
function settledPayment(tx: DB, milestoneId: number) {
  return tx
    .select()
    .from(payments)
    .where(and(eq(payments.milestoneId, milestoneId), eq(payments.state, 'paid')))
    .get();
}

/** The organization's owner confirms the money arrived. */
export function confirmReceipt(viewer: Viewer, milestoneId: number) {
  durably((tx) => {
    const { milestone, contract } = loadMilestone(tx, milestoneId);
    requireOrgMember(viewer, contract.organizationId, ['owner']);
    const state = transition(milestoneMachine, milestone.state, 'confirmReceipt', 'organization');
    const payment = settledPayment(tx, milestone.id);
    if (!payment) throw new UserError('errors.illegalTransition', 409);
    tx.update(milestones).set({ state }).where(eq(milestones.id, milestone.id)).run();
    tx.update(payments).set({ confirmedAt: now() }).where(eq(payments.id, payment.id)).run();
    appendLedger(tx, {
      contractId: contract.id,
      milestoneId: milestone.id,
      paymentId: payment.id,
      kind: 'confirmed',
      amountFen: milestone.amountFen,
    });
    audit(tx, {
      actorId: viewer.id,
      action: 'milestone.confirm',
      subjectType: 'milestone',
      subjectId: milestone.id,
      unionId: contract.unionId,
      data: { paymentId: payment.id },
      before: { state: milestone.state },
      after: { state },
    });
  });
}

/** A Stripe attempt still open: created, and neither paid, expired nor cancelled. */
export function openStripeAttempt(tx: DB, milestoneId: number) {
  return tx
    .select()
    .from(payments)
    .where(and(eq(payments.milestoneId, milestoneId), eq(payments.method, 'stripe'), eq(payments.state, 'pending')))
    .get();
}

/** Whether the organization's connected Stripe account can receive transfers. */
export function stripeAccountReady(tx: DB, organizationId: number) {
  const account = tx.select().from(stripeAccounts).where(eq(stripeAccounts.organizationId, organizationId)).get();
  return Boolean(account?.detailsSubmitted && account.payoutsEnabled);
}

/** Who may see a milestone: the contract's organization and the paying union's staff. */
export function requireMilestoneFor(viewer: Viewer, milestoneId: number) {
  const { milestone, contract } = loadMilestone(db, milestoneId);
  enforce(maySeeMilestone(viewer, contract));
  const vouchers = may(maySeeVouchers(viewer, contract));
  const payable = may(mayPayMilestone(viewer, milestone, contract));
  const organization = db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, contract.organizationId))
    .get()!;
  const union = db.select({ name: unions.name }).from(unions).where(eq(unions.id, contract.unionId)).get()!;
  const paymentRows = db
    .select()
    .from(payments)
    .where(eq(payments.milestoneId, milestone.id))
    .orderBy(asc(payments.id))
    .all();
  const open = openStripeAttempt(db, milestone.id);
  const stripe = stripeEnabled();
  return {
    milestone,
    contract: {
      id: contract.id,
      title: contract.title,
      unionId: contract.unionId,
      organizationId: contract.organizationId,
    },
    organizationName: organization.name,
    unionName: union.name,
    payments: paymentRows.map((p) => ({
      id: p.id,
      method: p.method,
      state: p.state,
      reason: p.reason,
      note: p.note,
      stripeCancelled: p.stripeCancelled,
      chargedAmountFen: p.chargedAmountFen,
      chargedCurrency: p.chargedCurrency,
      amountFen: p.amountFen,
      reference: p.reference,
      paidOn: p.paidOn,
      confirmedAt: p.confirmedAt,
      transferred: p.stripeTransferId !== null,
      hasVoucher: vouchers && p.voucherFile !== null,
    })),
    asOrganization: isOrgMember(viewer, contract.organizationId),
    canApprove: may(mayApproveMilestone(viewer, milestone, contract)),
    canRecordTransfer: payable,
    openAttempt: open ? { id: open.id, canCancel: may(mayCancelPayment(viewer, open, contract)) } : null,
    stripe: stripe
      ? { accountReady: stripeAccountReady(db, contract.organizationId), canPay: payable, inProgress: Boolean(open) }
      : null,
    canConfirm: may(mayConfirmReceipt(viewer, milestone, contract)),
  };
}

const queueStates = ['due', 'approved', 'paid'] as const;

/** Finance's work list for a union: milestones to approve, to pay, and awaiting the organization. */
export function paymentQueue(viewer: Viewer, unionId: number) {
  requireUnionRole(viewer, unionId, paymentQueueRoles);
  const rows = db
    .select({
      id: milestones.id,
      condition: milestones.condition,
      amountFen: milestones.amountFen,
      state: milestones.state,
      dueAt: milestones.dueAt,
      contractId: contracts.id,
      contractTitle: contracts.title,
      contractState: contracts.state,
      organizationId: contracts.organizationId,
      organizationName: organizations.name,
    })
    .from(milestones)
    .innerJoin(contracts, eq(contracts.id, milestones.contractId))
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .where(and(eq(contracts.unionId, unionId), inArray(milestones.state, queueStates)))
    .orderBy(asc(milestones.dueAt), asc(milestones.id))
    .all()
    .map(({ contractState, organizationId, ...row }) => ({
      ...row,
      canApprove: may(mayApproveMilestone(viewer, row, { unionId, organizationId, state: contractState })),
    }));
  return {
    totals: ledgerTotals(sql`${contracts.unionId} = ${unionId}`),
    groups: queueStates.map((state) => {
      const group = rows.filter((r) => r.state === state);
      return { state, milestones: group, approvable: group.some((m) => m.canApprove) };
    }),
    onlinePayments: onlinePaymentsToWatch(unionId),
  };
}

/**
 * Stripe payments finance should look at: attempts still pending (one stuck there can be
 * cancelled on its milestone's page) and money taken that could not pay its milestone.
 */
function onlinePaymentsToWatch(unionId: number) {
  return db
    .select({
      id: payments.id,
      state: payments.state,
      reason: payments.reason,
      amountFen: payments.amountFen,
      chargedAmountFen: payments.chargedAmountFen,
      chargedCurrency: payments.chargedCurrency,
      createdAt: payments.createdAt,
      milestoneId: milestones.id,
      condition: milestones.condition,
      contractTitle: contracts.title,
      organizationName: organizations.name,
    })
    .from(payments)
    .innerJoin(milestones, eq(milestones.id, payments.milestoneId))
    .innerJoin(contracts, eq(contracts.id, milestones.contractId))
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .where(and(eq(contracts.unionId, unionId), inArray(payments.state, ['pending', 'attention'])))
    .orderBy(asc(payments.createdAt), asc(payments.id))
    .all()
    .map((p) => ({ ...p, state: p.state, reason: p.reason }));
}

/** Per milestone of a contract: amount, state, and how and when it was paid. */
export function contractPayments(contractId: number) {
  const rows = db
    .select({ milestone: milestones, payment: payments })
    .from(milestones)
    .leftJoin(payments, and(eq(payments.milestoneId, milestones.id), eq(payments.state, 'paid')))
    .where(eq(milestones.contractId, contractId))
    .orderBy(asc(milestones.id))
    .all();
  return {
    totals: ledgerTotals(sql`${contracts.id} = ${contractId}`),
    milestones: rows.map(({ milestone, payment }) => ({
      id: milestone.id,
      condition: milestone.condition,
      conditionSessions: milestone.conditionSessions,
      amountFen: milestone.amountFen,
      state: milestone.state,
      dueAt: milestone.dueAt,
      paidOn: payment?.paidOn ?? null,
      method: payment?.method ?? null,
      confirmedAt: payment?.confirmedAt ?? null,
    })),
  };
}

/** What an organization is owed, what it has been paid, and when: for its members only. */
export function organizationMoney(viewer: Viewer, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  const rows = db
    .select({ milestone: milestones, payment: payments, contract: contracts, unionName: unions.name })
    .from(milestones)
    .innerJoin(contracts, eq(contracts.id, milestones.contractId))
    .innerJoin(unions, eq(unions.id, contracts.unionId))
    .leftJoin(payments, and(eq(payments.milestoneId, milestones.id), eq(payments.state, 'paid')))
    .where(and(eq(contracts.organizationId, organizationId), inArray(contracts.state, ['active', 'completed'])))
    .orderBy(desc(contracts.id), asc(milestones.id))
    .all();
  return {
    totals: ledgerTotals(sql`${contracts.organizationId} = ${organizationId}`),
    milestones: rows.map(({ milestone, payment, contract, unionName }) => ({
      id: milestone.id,
      condition: milestone.condition,
      amountFen: milestone.amountFen,
      state: milestone.state,
      dueAt: milestone.dueAt,
      contractId: contract.id,
      contractTitle: contract.title,
      unionName,
      paidOn: payment?.paidOn ?? null,
      method: payment?.method ?? null,
      reference: payment?.reference ?? null,
      confirmedAt: payment?.confirmedAt ?? null,
    })),
  };
}
