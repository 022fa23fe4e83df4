import { milestoneMachine, paymentMachine, type MilestoneState, type PaymentState } from './machine';
import { isOrgMember, hasUnionRole, type UnionRole, type Standing } from '~/accounts/roles';
import { canTransition } from '~/lib/machine';
import type { ContractState } from '~/procurement/machine';
import { contractSigned } from '~/procurement/permissions';

/**
 * Standing may do what to a milestone, a payment or a budget: the one place the payments rules live.
 * Pure, like procurement/permissions.ts: commands refuse with these answers, loaders return them
 * for buttons, and each rule asks the machine about the row's real state.
 */

type Contract = { unionId: number; organizationId: number; state: ContractState };
type Milestone = { state: MilestoneState };

const isFinance = (who: Standing | null, contract: Contract) => hasUnionRole(who, contract.unionId, ['finance']);

/** Standing sees a contract's milestones and payments: the organization's members and the paying union's staff. */
const payingStaff: readonly UnionRole[] = ['admin', 'commissioner', 'reviewer', 'finance', 'leadership'];

export function canSeeMilestone(who: Standing | null, contract: Contract) {
  return isOrgMember(who, contract.organizationId) || hasUnionRole(who, contract.unionId, payingStaff);
}

/** Transfer vouchers are shown to the union's finance and commissioners and to the paid organization. */
export function canSeeVouchers(who: Standing | null, contract: Contract) {
  return isOrgMember(who, contract.organizationId) || hasUnionRole(who, contract.unionId, ['finance', 'commissioner']);
}

/** Milestones are paid only under a signed contract (in force or completed). */
export function milestonePayable(contract: Contract) {
  return contractSigned(contract);
}

/** Finance approves a due milestone for payment. */
export function canApproveMilestone(who: Standing | null, milestone: Milestone, contract: Contract) {
  return (
    isFinance(who, contract) &&
    milestonePayable(contract) &&
    canTransition(milestoneMachine, milestone.state, 'approve', 'finance')
  );
}

/**
 * Finance pays an approved milestone, by a recorded bank transfer or online. A Stripe attempt still
 * pending does not block a transfer: recording it cancels the attempt.
 */
export function canPayMilestone(who: Standing | null, milestone: Milestone, contract: Contract) {
  return (
    isFinance(who, contract) &&
    milestonePayable(contract) &&
    canTransition(milestoneMachine, milestone.state, 'pay', 'finance')
  );
}

/** The organization's owner confirms the money arrived. */
export function canConfirmReceipt(who: Standing | null, milestone: Milestone, contract: Contract) {
  return (
    isOrgMember(who, contract.organizationId, ['owner']) &&
    canTransition(milestoneMachine, milestone.state, 'confirmReceipt', 'organization')
  );
}

/** Finance may cancel a Stripe attempt still open, even where Stripe is now switched off. */
export function canCancelPayment(who: Standing | null, payment: { state: PaymentState }, contract: Contract) {
  return isFinance(who, contract) && canTransition(paymentMachine, payment.state, 'cancel', 'finance');
}

/** The union's payment queue is read by finance, commissioners, leadership and admins. */
export function canSeePaymentQueue(who: Standing | null, unionId: number) {
  return hasUnionRole(who, unionId, ['finance', 'commissioner', 'leadership', 'admin']);
}

/** Budgets are set by the union's admins and finance. */
export function canSetBudget(who: Standing | null, unionId: number) {
  return hasUnionRole(who, unionId, ['admin', 'finance']);
}

/** The organization's owner sets up its Stripe account to receive online payments. */
export function canConnectStripe(who: Standing | null, organizationId: number) {
  return isOrgMember(who, organizationId, ['owner']);
}
