import { useTranslation } from '~/lib/translation';
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/unions.$unionId.payments';
import { requireViewer } from '~/accounts/auth.server';
import { attempt, refused } from '~/lib/actions.server';
import { formatDate, formatDateTime, formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { MoneyTotals } from '~/payments/components/money';
import { approveMilestone, paymentQueue } from '~/payments/milestones.server';
import { requireUnion } from '~/unions/unions.server';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { DataTable } from '~/ui/table';
import { Empty, PageHeader, Section } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const unionId = parseId(params.unionId);
  const queue = paymentQueue(viewer, unionId);
  const t = await getT(request);
  return {
    ...queue,
    unionId,
    locale: await getLocale(request),
    title: t('payments.queueTitle', { union: requireUnion(unionId).name }),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const unionId = parseId(params.unionId);
  const milestoneId = parseId(String((await request.formData()).get('milestoneId') ?? ''));
  const result = await attempt(() => approveMilestone(viewer, milestoneId));
  return result.ok ? redirect(`/unions/${unionId}/payments`) : refused(result.error);
}

export default function PaymentQueue({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title}>
        <Link to={`/unions/${loaderData.unionId}/budgets`}>{t('payments.budgets.link')}</Link>
      </PageHeader>
      <ActionMessage failure={actionData?.failure} />
      <MoneyTotals totals={loaderData.totals} locale={locale} />
      {loaderData.groups.map((group) => (
        <Section key={group.state} title={t(`payments.queue.${group.state}`)}>
          {group.milestones.length ? (
            <DataTable
              testId={`queue-${group.state}`}
              rows={group.milestones}
              rowKey={(m) => m.id}
              columns={[
                {
                  label: t('payments.contract'),
                  title: true,
                  cell: (m) => <Link to={`/contracts/${m.contractId}`}>{m.contractTitle}</Link>,
                },
                { label: t('procurement.contracts.organization'), cell: (m) => m.organizationName },
                {
                  label: t('payments.milestone'),
                  cell: (m) => (
                    <Link to={`/milestones/${m.id}`}>{t(messageKey('payments.conditions', m.condition))}</Link>
                  ),
                },
                { label: t('payments.amount'), cell: (m) => formatMoney(m.amountFen, locale) },
                { label: t('payments.dueAt'), cell: (m) => (m.dueAt ? formatDate(m.dueAt, locale) : '—') },
                group.approvable && {
                  label: t('payments.action'),
                  action: true,
                  cell: (m) =>
                    m.canApprove ? (
                      <Form method="post">
                        <input type="hidden" name="milestoneId" value={m.id} />
                        <SubmitButton className="button secondary">{t('payments.approve')}</SubmitButton>
                      </Form>
                    ) : null,
                },
              ]}
            />
          ) : (
            <Empty>{t('payments.queue.empty')}</Empty>
          )}
        </Section>
      ))}
      <Section title={t('payments.queue.online')}>
        {loaderData.onlinePayments.length ? (
          <DataTable
            testId="queue-online"
            rows={loaderData.onlinePayments}
            rowKey={(p) => p.id}
            columns={[
              { label: t('payments.contract'), title: true, cell: (p) => p.contractTitle },
              { label: t('procurement.contracts.organization'), cell: (p) => p.organizationName },
              {
                label: t('payments.milestone'),
                cell: (p) => (
                  <Link to={`/milestones/${p.milestoneId}`}>{t(messageKey('payments.conditions', p.condition))}</Link>
                ),
              },
              { label: t('payments.amount'), cell: (p) => formatMoney(p.amountFen, locale) },
              { label: t('payments.startedAt'), cell: (p) => formatDateTime(p.createdAt, locale) },
              {
                label: t('payments.status'),
                cell: (p) =>
                  p.state === 'attention'
                    ? t('payments.needsAttention', { reason: t(`payments.reasons.${p.reason ?? 'alreadyPaid'}`) })
                    : t('payments.states.payment.pending'),
              },
            ]}
          />
        ) : (
          <Empty>{t('payments.queue.empty')}</Empty>
        )}
      </Section>
    </>
  );
}
