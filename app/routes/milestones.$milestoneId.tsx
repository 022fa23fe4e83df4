import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/milestones.$milestoneId';
import { requireViewer, type Viewer } from '~/accounts/auth.server';
import { attempt } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { formatDate, formatDateTime, formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { fenToYuanInput } from '~/lib/money';
import { recordBankTransfer } from '~/payments/bank-transfers.server';
import { PaidOn } from '~/payments/components/money';
import { approveMilestone, confirmReceipt, requireMilestoneFor } from '~/payments/milestones.server';
import { bankTransferSchema, cancelPaymentSchema } from '~/payments/schemas';
import { cancelStripePayment, startStripePayment } from '~/payments/stripe-payments.server';
import { readVoucherForm } from '~/payments/vouchers.server';
import { ActionMessage, Field, FormErrors, SubmitButton } from '~/ui/form';
import { PageHeader, Section, Stat, StateBadge, Stats } from '~/ui/page';
import { type MessageKey, messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.contract.title }];

/** Today in Asia/Shanghai by the server's clock. */
function today() {
  return new Date(now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = requireMilestoneFor(viewer, parseId(params.milestoneId));
  const query = new URL(request.url).searchParams;
  const stripeReturn = query.get('stripe');
  const cancelled = query.get('cancelled');
  return {
    ...view,
    locale: await getLocale(request),
    today: today(),
    stripeReturn: stripeReturn === 'success' || stripeReturn === 'cancel' ? stripeReturn : null,
    cancelled: cancelled === 'here' || cancelled === 'stripe' ? cancelled : null,
  };
}

async function transferAction(viewer: Viewer, formData: FormData, milestoneId: number) {
  const submission = parseWithZod(formData, { schema: bankTransferSchema(today()) });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const { paidOn, amount, reference, voucher } = submission.value;
  const result = await attempt(() =>
    recordBankTransfer(viewer, milestoneId, { paidOn, amountFen: amount, reference, voucher }),
  );
  if (!result.ok)
    return data(submission.reply({ formErrors: [result.error.messageKey] }), { status: result.error.status });
  return redirect(`/milestones/${milestoneId}`);
}

async function cancelAction(viewer: Viewer, formData: FormData, milestoneId: number) {
  const submission = parseWithZod(formData, { schema: cancelPaymentSchema });
  if (submission.status !== 'success') return data({ cancel: submission.reply() }, { status: 400 });
  const { paymentId, note } = submission.value;
  const result = await attempt(() => cancelStripePayment(viewer, milestoneId, paymentId, note));
  if (!result.ok)
    return data(
      { cancel: submission.reply({ formErrors: [result.error.messageKey] }) },
      { status: result.error.status },
    );
  return redirect(`/milestones/${milestoneId}?cancelled=${result.value.stripeCancelled === false ? 'here' : 'stripe'}`);
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const milestoneId = parseId(params.milestoneId);
  const form = await attempt(() => readVoucherForm(request));
  if (!form.ok) return data({ failure: form.error.messageKey }, { status: form.error.status });
  const formData = form.value;
  const intent = formData.get('intent');
  if (intent === 'transfer') return transferAction(viewer, formData, milestoneId);
  if (intent === 'cancelStripe') return cancelAction(viewer, formData, milestoneId);
  if (intent === 'stripe') {
    const result = await attempt(() => startStripePayment(viewer, milestoneId, new URL(request.url).origin));
    if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
    return redirect(result.value);
  }
  const command = intent === 'approve' ? approveMilestone : intent === 'confirm' ? confirmReceipt : null;
  if (!command) return data({ failure: 'errors.notFound' }, { status: 400 });
  const result = await attempt(() => command(viewer, milestoneId));
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect(`/milestones/${milestoneId}`);
}

function TransferForm({
  actionData,
  amountFen,
  today,
}: {
  actionData: Route.ComponentProps['actionData'];
  amountFen: number;
  today: string;
}) {
  const { t } = useTranslation();
  const lastResult = actionData && 'status' in actionData ? actionData : undefined;
  const [form, fields] = useForm({
    id: 'bank-transfer',
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bankTransferSchema(today) }),
    // Revalidating as they type, not on blur: a message vanishing on blur would shift the button
    // away from under the pointer between mousedown and mouseup, and the click would be lost.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    defaultValue: { paidOn: today, amount: fenToYuanInput(amountFen) },
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} aria-labelledby="transfer-heading">
      <h3 id="transfer-heading">{t('payments.recordTransfer')}</h3>
      <FormErrors errors={form.errors} />
      <Field meta={fields.paidOn} label={t('payments.transferDate')} type="date" max={today} />
      <Field meta={fields.amount} label={t('payments.amountYuan')} inputMode="decimal" />
      <Field meta={fields.reference} label={t('payments.bankReference')} hint={t('payments.bankReferenceHint')} />
      <div className="field">
        <label htmlFor={fields.voucher.id}>{t('payments.voucher')}</label>
        <input
          id={fields.voucher.id}
          name={fields.voucher.name}
          type="file"
          accept="application/pdf,image/png,image/jpeg,image/webp"
          aria-invalid={fields.voucher.errors ? true : undefined}
          aria-describedby={`${fields.voucher.id}-hint`}
        />
        <p className="hint" id={`${fields.voucher.id}-hint`}>
          {t('payments.voucherHint')}
        </p>
        {fields.voucher.errors ? (
          <ul className="field-errors" role="alert">
            {fields.voucher.errors.map((e) => (
              <li key={e}>{t(e as MessageKey)}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <SubmitButton name="intent" value="transfer">
        {t('payments.recordTransferButton')}
      </SubmitButton>
    </Form>
  );
}

function CancelAttemptForm({
  paymentId,
  lastResult,
}: {
  paymentId: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'cancel-attempt',
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelPaymentSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  return (
    <Form method="post" {...getFormProps(form)} className="callout" aria-labelledby="cancel-heading">
      <h3 id="cancel-heading">{t('payments.cancelAttempt')}</h3>
      <p>{t('payments.cancelExplanation')}</p>
      <FormErrors errors={form.errors} id="cancel-errors" />
      <input type="hidden" name="paymentId" value={paymentId} />
      <Field meta={fields.note} label={t('payments.cancelReason')} />
      <SubmitButton name="intent" value="cancelStripe" className="button secondary">
        {t('payments.cancelAttemptButton')}
      </SubmitButton>
    </Form>
  );
}

type PaymentRow = Route.ComponentProps['loaderData']['payments'][number];

/** Where a payment stands, in words: paid on, still open, expired, cancelled and why, or to be refunded. */
function PaymentStatus({ payment, locale }: { payment: PaymentRow; locale: string }) {
  const { t } = useTranslation();
  switch (payment.state) {
    case 'paid':
      return payment.paidOn ? (
        <PaidOn date={payment.paidOn} locale={locale} />
      ) : (
        <>{t('payments.states.payment.paid')}</>
      );
    case 'cancelled':
      return (
        <>
          {t('payments.cancelledBecause', { reason: t(`payments.reasons.${payment.reason ?? 'byFinance'}`) })}
          {payment.note ? `${t('punctuation.colon')}${payment.note}` : null}
          {payment.stripeCancelled === false ? <span className="hint"> {t('payments.cancelledHereOnly')}</span> : null}
        </>
      );
    case 'attention':
      return (
        <strong>
          {t('payments.needsAttention', { reason: t(`payments.reasons.${payment.reason ?? 'alreadyPaid'}`) })}
          {payment.chargedAmountFen !== null && payment.chargedCurrency
            ? ` ${t('payments.charged', {
                amount: (payment.chargedAmountFen / 100).toFixed(2),
                currency: payment.chargedCurrency.toUpperCase(),
              })}`
            : null}
        </strong>
      );
    default:
      return <>{t(`payments.states.payment.${payment.state}`)}</>;
  }
}

export default function MilestonePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { milestone, contract, locale, stripe } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
  const cancelResult = actionData && 'cancel' in actionData ? actionData.cancel : undefined;
  return (
    <>
      <PageHeader
        title={t('payments.milestoneTitle', { milestone: t(messageKey('payments.conditions', milestone.condition)) })}
      >
        <StateBadge states="payments.states.milestone" state={milestone.state} />
      </PageHeader>
      <ActionMessage failure={failure} />
      {loaderData.stripeReturn === 'success' ? <p className="notice">{t('payments.stripeSubmitted')}</p> : null}
      {loaderData.stripeReturn === 'cancel' ? <p className="notice">{t('payments.stripeCancelled')}</p> : null}
      {loaderData.cancelled ? (
        <p className="notice" role="status">
          {t(loaderData.cancelled === 'here' ? 'payments.attemptCancelledHere' : 'payments.attemptCancelled')}
        </p>
      ) : null}
      <Stats>
        <Stat label={t('payments.contract')} value={<Link to={`/contracts/${contract.id}`}>{contract.title}</Link>} />
        <Stat label={t('procurement.contracts.organization')} value={loaderData.organizationName} />
        <Stat label={t('procurement.contracts.union')} value={loaderData.unionName} />
        <Stat label={t('payments.amount')} value={formatMoney(milestone.amountFen, locale)} testId="milestone-amount" />
        <Stat label={t('payments.dueAt')} value={milestone.dueAt ? formatDate(milestone.dueAt, locale) : '—'} />
      </Stats>
      <p className="hint">{t(messageKey('payments.conditionExplained', milestone.condition))}</p>

      {loaderData.canApprove ? (
        <Form method="post" className="callout">
          <p>{t('payments.approveExplanation')}</p>
          <SubmitButton name="intent" value="approve">
            {t('payments.approve')}
          </SubmitButton>
        </Form>
      ) : null}

      {loaderData.canConfirm ? (
        <Form method="post" className="callout">
          <p>{t('payments.confirmExplanation')}</p>
          <SubmitButton name="intent" value="confirm">
            {t('payments.confirmReceipt')}
          </SubmitButton>
        </Form>
      ) : null}

      {stripe?.canPay ? (
        <Section title={t('payments.payOnline')}>
          {!stripe.accountReady ? (
            <p className="hint">{t('payments.stripeAccountNotReady')}</p>
          ) : (
            <Form method="post">
              <p>{stripe.inProgress ? t('payments.stripeInProgress') : t('payments.stripeExplanation')}</p>
              <SubmitButton name="intent" value="stripe">
                {stripe.inProgress ? t('payments.stripeContinue') : t('payments.payWithStripe')}
              </SubmitButton>
            </Form>
          )}
        </Section>
      ) : null}

      {loaderData.openAttempt?.canCancel ? (
        <CancelAttemptForm paymentId={loaderData.openAttempt.id} lastResult={cancelResult} />
      ) : null}

      {loaderData.canRecordTransfer ? (
        <Section title={t('payments.bankTransfer')}>
          {loaderData.openAttempt ? <p className="hint">{t('payments.transferCancelsAttempt')}</p> : null}
          <TransferForm actionData={actionData} amountFen={milestone.amountFen} today={loaderData.today} />
        </Section>
      ) : null}

      <Section title={t('payments.records')}>
        {loaderData.payments.length ? (
          <table>
            <thead>
              <tr>
                <th>{t('payments.method')}</th>
                <th>{t('payments.amount')}</th>
                <th>{t('payments.reference')}</th>
                <th>{t('payments.paidOn')}</th>
                <th>{t('payments.receipt')}</th>
                <th>{t('payments.voucher')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.payments.map((p) => (
                <tr key={p.id}>
                  <td>{t(messageKey('payments.methods', p.method))}</td>
                  <td>{formatMoney(p.amountFen, locale)}</td>
                  <td>{p.reference ?? '—'}</td>
                  <td>
                    <PaymentStatus payment={p} locale={locale} />
                  </td>
                  <td>{p.confirmedAt ? formatDateTime(p.confirmedAt, locale) : '—'}</td>
                  <td>
                    {p.hasVoucher ? (
                      <a href={`/payments/${p.id}/voucher`} target="_blank" rel="noreferrer">
                        {t('payments.viewVoucher')}
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">{t('payments.noRecords')}</p>
        )}
      </Section>
    </>
  );
}
