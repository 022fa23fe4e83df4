import { useTranslation } from '~/lib/translation';
import { data, Link, redirect } from 'react-router';
import type { Route } from './+types/milestones.$milestoneId';
import { requireViewer } from '~/accounts/auth.server';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { formatDate, formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { recordBankTransfer } from '~/payments/bank-transfers.server';
import { CancelAttemptForm, IntentForm, PayOnline, TransferForm } from '~/payments/components/milestone-forms';
import { PaymentRecords } from '~/payments/components/payment-records';
import { approveMilestone, confirmReceipt, requireMilestoneFor } from '~/payments/milestones.server';
import { cancelPaymentSchema } from '~/payments/schemas';
import { cancelStripePayment, startStripePayment } from '~/payments/stripe-payments.server';
import { bankTransferFormSchema, readVoucherForm } from '~/payments/vouchers.server';
import { ActionMessage } from '~/ui/form';
import { PageHeader, Section, Stat, StateBadge, Stats } from '~/ui/page';
import { shanghaiDate } from '~/lib/time';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.contract.title }];

/** Today in Asia/Shanghai by the server's clock. */
function today() {
  return shanghaiDate(now());
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

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const milestoneId = parseId(params.milestoneId);
  const back = `/milestones/${milestoneId}`;
  const form = await attempt(() => readVoucherForm(request));
  if (!form.ok) return refused(form.error);
  const formData = form.value;
  const intent = formData.get('intent');
  if (intent === 'transfer') {
    const result = await submitForm(formData, bankTransferFormSchema(today()), ({ amount, ...transfer }) =>
      recordBankTransfer(viewer, milestoneId, { ...transfer, amountFen: amount }),
    );
    return result.ok ? redirect(back) : result.reply;
  }
  if (intent === 'cancelStripe') {
    const cancel = ({ paymentId, note }: { paymentId: number; note: string }) =>
      cancelStripePayment(viewer, milestoneId, paymentId, note);
    const result = await submitForm(formData, cancelPaymentSchema, cancel, { form: 'cancel' });
    if (!result.ok) return result.reply;
    return redirect(`${back}?cancelled=${result.value.stripeCancelled === false ? 'here' : 'stripe'}`);
  }
  if (intent === 'stripe') {
    const result = await attempt(() => startStripePayment(viewer, milestoneId, new URL(request.url).origin));
    return result.ok ? redirect(result.value) : refused(result.error);
  }
  const command = intent === 'approve' ? approveMilestone : intent === 'confirm' ? confirmReceipt : null;
  if (!command) return data({ failure: 'errors.notFound' }, { status: 400 });
  const result = await attempt(() => command(viewer, milestoneId));
  return result.ok ? redirect(back) : refused(result.error);
}

export default function MilestonePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { milestone, contract, locale, stripe } = loaderData;
  return (
    <>
      <PageHeader
        title={t('payments.milestoneTitle', { milestone: t(messageKey('payments.conditions', milestone.condition)) })}
      >
        <StateBadge states="payments.states.milestone" state={milestone.state} />
      </PageHeader>
      <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
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
        <IntentForm intent="approve" explanation={t('payments.approveExplanation')} label={t('payments.approve')} />
      ) : null}
      {loaderData.canConfirm ? (
        <IntentForm
          intent="confirm"
          explanation={t('payments.confirmExplanation')}
          label={t('payments.confirmReceipt')}
        />
      ) : null}
      {stripe?.canPay ? <PayOnline accountReady={stripe.accountReady} inProgress={stripe.inProgress} /> : null}
      {loaderData.openAttempt?.canCancel ? (
        <CancelAttemptForm
          paymentId={loaderData.openAttempt.id}
          lastResult={actionData && 'cancel' in actionData ? actionData.cancel : undefined}
        />
      ) : null}
      {loaderData.canRecordTransfer ? (
        <Section title={t('payments.bankTransfer')}>
          {loaderData.openAttempt ? <p className="hint">{t('payments.transferCancelsAttempt')}</p> : null}
          <TransferForm
            lastResult={actionData && 'status' in actionData ? actionData : undefined}
            amountFen={milestone.amountFen}
            today={loaderData.today}
          />
        </Section>
      ) : null}
      <PaymentRecords payments={loaderData.payments} locale={locale} />
    </>
  );
}
