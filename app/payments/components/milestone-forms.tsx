import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { fenToYuanInput } from '~/lib/money';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { Section } from '~/ui/page';
import type { bankTransferSchema } from '../schemas';
import type { cancelPaymentSchema } from '../schemas';
import type { z } from 'zod';

type LastResult = SubmissionResult<string[]> | undefined;

/** A button-only form with its explanation: approve a due milestone, confirm money arrived. */
export function IntentForm({ intent, explanation, label }: { intent: string; explanation: string; label: string }) {
  return (
    <Form method="post" className="callout">
      <p>{explanation}</p>
      <SubmitButton name="intent" value={intent}>
        {label}
      </SubmitButton>
    </Form>
  );
}

/** Finance records the bank transfer that paid the milestone, with its voucher. */
export function TransferForm({
  lastResult,
  amountFen,
  today,
}: {
  lastResult: LastResult;
  amountFen: number;
  today: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<ReturnType<typeof bankTransferSchema>> & { voucher: File }>({
    id: 'bank-transfer',
    lastResult,
    defaultValue: { paidOn: today, amount: fenToYuanInput(amountFen) },
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} aria-labelledby="transfer-heading">
      <ErrorSummary
        form={form}
        labels={{
          paidOn: t('payments.transferDate'),
          amount: t('payments.amountYuan'),
          reference: t('payments.bankReference'),
          voucher: t('payments.voucher'),
        }}
      />
      <h3 id="transfer-heading">{t('payments.recordTransfer')}</h3>
      <Field meta={fields.paidOn} label={t('payments.transferDate')} type="date" max={today} />
      <Field meta={fields.amount} label={t('payments.amountYuan')} inputMode="decimal" />
      <Field meta={fields.reference} label={t('payments.bankReference')} hint={t('payments.bankReferenceHint')} />
      <Field
        meta={fields.voucher}
        label={t('payments.voucher')}
        type="file"
        accept="application/pdf,image/png,image/jpeg,image/webp"
        hint={t('payments.voucherHint')}
      />
      <SubmitButton name="intent" value="transfer">
        {t('payments.recordTransferButton')}
      </SubmitButton>
    </Form>
  );
}

/** Finance cancels the Stripe attempt still open, saying why. */
export function CancelAttemptForm({ paymentId, lastResult }: { paymentId: number; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof cancelPaymentSchema>>({
    id: 'cancel-attempt',
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="callout" aria-labelledby="cancel-heading">
      <ErrorSummary form={form} labels={{ note: t('payments.cancelReason') }} />
      <h3 id="cancel-heading">{t('payments.cancelAttempt')}</h3>
      <p>{t('payments.cancelExplanation')}</p>
      <input type="hidden" name="paymentId" value={paymentId} />
      <Field meta={fields.note} label={t('payments.cancelReason')} />
      <SubmitButton name="intent" value="cancelStripe" className="button secondary">
        {t('payments.cancelAttemptButton')}
      </SubmitButton>
    </Form>
  );
}

/** Paying online through Stripe Checkout, once the organization's account can receive it. */
export function PayOnline({ accountReady, inProgress }: { accountReady: boolean; inProgress: boolean }) {
  const { t } = useTranslation();
  return (
    <Section title={t('payments.payOnline')}>
      {!accountReady ? (
        <p className="hint">{t('payments.stripeAccountNotReady')}</p>
      ) : (
        <Form method="post">
          <p>{inProgress ? t('payments.stripeInProgress') : t('payments.stripeExplanation')}</p>
          <SubmitButton name="intent" value="stripe">
            {inProgress ? t('payments.stripeContinue') : t('payments.payWithStripe')}
          </SubmitButton>
        </Form>
      )}
    </Section>
  );
}
