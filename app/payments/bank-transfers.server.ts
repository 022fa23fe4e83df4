import { eq } from 'drizzle-orm';
import { contracts, milestones, payments } from '../../db/schema';
import { milestoneMachine, type MilestoneState } from './machine';
import { assertPayable, loadMilestone, markPaid, openStripeAttempt } from './milestones.server';
import { discardVoucher, readVoucher, storeVoucher } from './vouchers.server';
import { forbidden, hasUnionRole, isOrgMember, notFound, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { db, durably } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { audit, pick } from '~/lib/audit.server';
import { canTransition } from '~/lib/machine';

export type BankTransferInput = { paidOn: string; amountFen: number; reference: string; voucher: File };

/**
 * Finance records the bank transfer that paid an approved milestone: the default way to pay,
 * needing no payment configuration. The voucher is checked and stored first and removed again
 * if the record is refused, so nothing is left half-written.
 */
export async function recordBankTransfer(viewer: Viewer, milestoneId: number, input: BankTransferInput) {
  const { contract } = loadMilestone(db, milestoneId);
  requireUnionRole(viewer, contract.unionId, ['finance']);
  const voucher = await storeVoucher(input.voucher);
  try {
    return durably((tx) => {
      const { milestone, contract } = loadMilestone(tx, milestoneId);
      assertPayable(contract);
      if (!canTransition(milestoneMachine, milestone.state as MilestoneState, 'pay', 'finance'))
        throw new UserError('errors.illegalTransition', 409);
      if (input.amountFen !== milestone.amountFen) throw new UserError('payments.errors.amountMismatch');
      if (openStripeAttempt(tx, milestone.id)) throw new UserError('payments.errors.stripeInProgress', 409);
      const payment = tx
        .insert(payments)
        .values({
          milestoneId: milestone.id,
          method: 'bank_transfer',
          amountFen: input.amountFen,
          reference: input.reference,
          paidOn: input.paidOn,
          voucherFile: voucher.file,
          voucherType: voucher.type,
          recordedBy: viewer.id,
        })
        .returning()
        .get();
      audit(tx, {
        actorId: viewer.id,
        action: 'payment.record',
        subjectType: 'payment',
        subjectId: payment.id,
        unionId: contract.unionId,
        after: pick(payment, ['milestoneId', 'method', 'amountFen', 'reference', 'paidOn']),
      });
      markPaid(tx, milestone.id, payment.id, { id: viewer.id, as: 'finance' });
      return payment.id;
    });
  } catch (error) {
    discardVoucher(voucher.file);
    throw error;
  }
}

/** A voucher is shown to the union's finance and commissioners and to the paid organization. */
export function getVoucher(viewer: Viewer, paymentId: number) {
  const row = db
    .select({ payment: payments, contract: contracts })
    .from(payments)
    .innerJoin(milestones, eq(milestones.id, payments.milestoneId))
    .innerJoin(contracts, eq(contracts.id, milestones.contractId))
    .where(eq(payments.id, paymentId))
    .get();
  if (!row?.payment.voucherFile || !row.payment.voucherType) notFound();
  const allowed =
    isOrgMember(viewer, row.contract.organizationId) ||
    hasUnionRole(viewer, row.contract.unionId, ['finance', 'commissioner']);
  if (!allowed) forbidden();
  const bytes = readVoucher(row.payment.voucherFile) ?? notFound();
  return { bytes, type: row.payment.voucherType, paymentId };
}
