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
            <table data-testid={`queue-${group.state}`}>
              <thead>
                <tr>
                  <th>{t('payments.contract')}</th>
                  <th>{t('procurement.contracts.organization')}</th>
                  <th>{t('payments.milestone')}</th>
                  <th>{t('payments.amount')}</th>
                  <th>{t('payments.dueAt')}</th>
                  {group.approvable ? <th>{t('payments.action')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {group.milestones.map((m) => (
                  <tr key={m.id}>
                    <td data-label="" className="row-title">
                      <Link to={`/contracts/${m.contractId}`}>{m.contractTitle}</Link>
                    </td>
                    <td data-label={t('procurement.contracts.organization')}>{m.organizationName}</td>
                    <td data-label={t('payments.milestone')}>
                      <Link to={`/milestones/${m.id}`}>{t(messageKey('payments.conditions', m.condition))}</Link>
                    </td>
                    <td data-label={t('payments.amount')}>{formatMoney(m.amountFen, locale)}</td>
                    <td data-label={t('payments.dueAt')}>{m.dueAt ? formatDate(m.dueAt, locale) : '—'}</td>
                    {group.approvable ? (
                      <td data-label="">
                        {m.canApprove ? (
                          <Form method="post">
                            <input type="hidden" name="milestoneId" value={m.id} />
                            <SubmitButton className="button secondary">{t('payments.approve')}</SubmitButton>
                          </Form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{t('payments.queue.empty')}</Empty>
          )}
        </Section>
      ))}
      <Section title={t('payments.queue.online')}>
        {loaderData.onlinePayments.length ? (
          <table data-testid="queue-online">
            <thead>
              <tr>
                <th>{t('payments.contract')}</th>
                <th>{t('procurement.contracts.organization')}</th>
                <th>{t('payments.milestone')}</th>
                <th>{t('payments.amount')}</th>
                <th>{t('payments.startedAt')}</th>
                <th>{t('payments.status')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.onlinePayments.map((p) => (
                <tr key={p.id}>
                  <td>{p.contractTitle}</td>
                  <td>{p.organizationName}</td>
                  <td>
                    <Link to={`/milestones/${p.milestoneId}`}>{t(messageKey('payments.conditions', p.condition))}</Link>
                  </td>
                  <td>{formatMoney(p.amountFen, locale)}</td>
                  <td>{formatDateTime(p.createdAt, locale)}</td>
                  <td>
                    {p.state === 'attention'
                      ? t('payments.needsAttention', { reason: t(`payments.reasons.${p.reason ?? 'alreadyPaid'}`) })
                      : t('payments.states.payment.pending')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>{t('payments.queue.empty')}</Empty>
        )}
      </Section>
    </>
  );
}
