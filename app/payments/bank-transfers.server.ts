import { eq } from 'drizzle-orm';
import { milestones, payments } from '../../db/schema/payments';
import { contracts } from '../../db/schema/procurement';
import { loadMilestone, markPaid, openStripeAttempt } from './milestones.server';
import { mayPayMilestone, maySeeVouchers } from './permissions';
import { cancelAttempt, endAtStripe } from './stripe-payments.server';
import { discardVoucher, readVoucher, storeVoucher } from './vouchers.server';
import { notFound, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { db, durably } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { enforce } from '~/lib/permission';
import { audit, pick } from '~/lib/audit.server';
import './audit-subjects.server';

export type BankTransferInput = { paidOn: string; amountFen: number; reference: string; voucher: File };

type Milestone = ReturnType<typeof loadMilestone>;

function assertTransferFits(viewer: Viewer, { milestone, contract }: Milestone, amountFen: number) {
  enforce(mayPayMilestone(viewer, milestone, contract));
  if (amountFen !== milestone.amountFen) throw new UserError('payments.errors.amountMismatch');
}

/**
 * Finance records the bank transfer that paid an approved milestone: the default way to pay,
 * needing no payment configuration. The voucher is checked and stored first and removed again
 * if the record is refused, so nothing is left half-written. A Stripe attempt still pending never
 * blocks it: Stripe is asked to end its Checkout page (a transfer is refused only if Stripe has
 * already taken the money) and the attempt is cancelled, "paid by bank transfer".
 */
export async function recordBankTransfer(viewer: Viewer, milestoneId: number, input: BankTransferInput) {
  const loaded = loadMilestone(db, milestoneId);
  requireUnionRole(viewer, loaded.contract.unionId, ['finance']);
  const voucher = await storeVoucher(input.voucher);
  try {
    assertTransferFits(viewer, loaded, input.amountFen);
    const open = openStripeAttempt(db, milestoneId);
    const stripeCancelled = open ? await endAtStripe(open) : null;
    return durably((tx) => {
      const { milestone, contract } = loadMilestone(tx, milestoneId);
      assertTransferFits(viewer, { milestone, contract }, input.amountFen);
      const pending = openStripeAttempt(tx, milestone.id);
      if (pending)
        cancelAttempt(tx, pending, {
          reason: 'bankTransfer',
          actor: { id: viewer.id, as: 'finance' },
          stripeCancelled:
            pending.id === open?.id && pending.stripeObjectId === open.stripeObjectId ? stripeCancelled : false,
        });
      const payment = tx
        .insert(payments)
        .values({
          milestoneId: milestone.id,
          method: 'bank_transfer',
          state: 'paid',
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
export function requireVoucher(viewer: Viewer, paymentId: number) {
  const row = db
    .select({ payment: payments, contract: contracts })
    .from(payments)
    .innerJoin(milestones, eq(milestones.id, payments.milestoneId))
    .innerJoin(contracts, eq(contracts.id, milestones.contractId))
    .where(eq(payments.id, paymentId))
    .get();
  if (!row?.payment.voucherFile || !row.payment.voucherType) notFound();
  enforce(maySeeVouchers(viewer, row.contract));
  const bytes = readVoucher(row.payment.voucherFile) ?? notFound();
  return { bytes, type: row.payment.voucherType, paymentId };
}
