import { z } from 'zod';
import { requiredText, wholeNumber, yuan } from '~/lib/validation';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** `today` is the server's date (Asia/Shanghai); the voucher is the server's `bankTransferFormSchema`. */
export function bankTransferSchema(today: string) {
  return z.object({
    paidOn: z
      .string({ error: 'errors.required' })
      .regex(isoDate, 'payments.errors.date')
      .refine((d) => !Number.isNaN(Date.parse(d)), 'payments.errors.date')
      .refine((d) => d <= today, 'payments.errors.dateInFuture'),
    amount: yuan.refine((fen) => fen > 0, 'errors.positiveMoney'),
    reference: requiredText(100),
  });
}

export const budgetSchema = z.object({
  departmentId: wholeNumber(1),
  year: wholeNumber(2000, 2100),
  amount: yuan,
});

/** Finance cancels a pending Stripe attempt and says why (kept on the payment and in the audit trail). */
export const cancelPaymentSchema = z.object({
  paymentId: wholeNumber(1, Number.MAX_SAFE_INTEGER),
  note: requiredText(200),
});
