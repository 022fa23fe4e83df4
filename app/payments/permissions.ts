import { milestoneMachine, paymentMachine, type MilestoneState, type PaymentState } from './machine';
import { isOrgMember, hasUnionRole, type UnionRole, type Standing } from '~/accounts/roles';
import { canTransition } from '~/lib/machine';
import { refusal, type Refusal } from '~/lib/permission';
import type { ContractState } from '~/procurement/machine';
import { contractSigned } from '~/procurement/permissions';

/**
 * Who may do what to a milestone, a payment or a budget: the one place the payments rules live.
 * Pure, like procurement/permissions.ts: each rule answers null, 'forbidden' or the command's own
 * refusal; commands `enforce` the answers, loaders turn them into buttons with `may`, and each
 * rule asks the machine about the row's real state.
 */

type Contract = { unionId: number; organizationId: number; state: ContractState };
type Milestone = { state: MilestoneState };

const isFinance = (who: Standing | null, contract: Contract) => hasUnionRole(who, contract.unionId, ['finance']);

/** Standing sees a contract's milestones and payments: the organization's members and the paying union's staff. */
const payingStaff: readonly UnionRole[] = ['admin', 'commissioner', 'reviewer', 'finance', 'leadership', 'auditor'];

export function maySeeMilestone(who: Standing | null, contract: Contract): Refusal | null {
  return isOrgMember(who, contract.organizationId) || hasUnionRole(who, contract.unionId, payingStaff)
    ? null
    : 'forbidden';
}

/** Transfer vouchers are shown to the union's finance and commissioners and to the paid organization. */
export function maySeeVouchers(who: Standing | null, contract: Contract): Refusal | null {
  return isOrgMember(who, contract.organizationId) || hasUnionRole(who, contract.unionId, ['finance', 'commissioner'])
    ? null
    : 'forbidden';
}

/** Milestones are paid only under a signed contract (in force or completed). */
export function milestonePayable(contract: Contract) {
  return contractSigned(contract);
}

/** Finance moves a milestone under a signed contract: approves it, or pays it. */
function financeTransition(
  who: Standing | null,
  milestone: Milestone,
  contract: Contract,
  name: 'approve' | 'pay',
): Refusal | null {
  if (!isFinance(who, contract)) return 'forbidden';
  return milestonePayable(contract) && canTransition(milestoneMachine, milestone.state, name, 'finance')
    ? null
    : refusal('errors.illegalTransition');
}

/** Finance approves a due milestone for payment. */
export function mayApproveMilestone(who: Standing | null, milestone: Milestone, contract: Contract) {
  return financeTransition(who, milestone, contract, 'approve');
}

/**
 * Finance pays an approved milestone, by a recorded bank transfer or online. A Stripe attempt still
 * pending does not block a transfer: recording it cancels the attempt.
 */
export function mayPayMilestone(who: Standing | null, milestone: Milestone, contract: Contract) {
  return financeTransition(who, milestone, contract, 'pay');
}

/** The organization's owner confirms the money arrived. */
export function mayConfirmReceipt(who: Standing | null, milestone: Milestone, contract: Contract): Refusal | null {
  if (!isOrgMember(who, contract.organizationId, ['owner'])) return 'forbidden';
  return canTransition(milestoneMachine, milestone.state, 'confirmReceipt', 'organization')
    ? null
    : refusal('errors.illegalTransition');
}

/** Finance may cancel a Stripe attempt still open, even where Stripe is now switched off. */
export function mayCancelPayment(
  who: Standing | null,
  payment: { state: PaymentState },
  contract: Contract,
): Refusal | null {
  if (!isFinance(who, contract)) return 'forbidden';
  return canTransition(paymentMachine, payment.state, 'cancel', 'finance')
    ? null
    : refusal('payments.errors.attemptClosed');
}

/** Who reads a union's payment queue (through `requireUnionRole`, which also asks finance for two-factor). */
export const paymentQueueRoles: readonly UnionRole[] = ['finance', 'commissioner', 'leadership', 'admin'];

/** Budgets are set by the union's admins and finance. */
export function maySetBudget(who: Standing | null, unionId: number): Refusal | null {
  return hasUnionRole(who, unionId, ['admin', 'finance']) ? null : 'forbidden';
}

/** The organization's owner sets up its Stripe account to receive online payments. */
export function mayConnectStripe(who: Standing | null, organizationId: number): Refusal | null {
  return isOrgMember(who, organizationId, ['owner']) ? null : 'forbidden';
}
