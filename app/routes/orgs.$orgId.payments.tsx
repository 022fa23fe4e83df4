import { useTranslation } from '~/lib/translation';
import { Link, redirect } from 'react-router';
import type { Route } from './+types/orgs.$orgId.payments';
import { requireViewer } from '~/accounts/auth.server';
import { attempt, refused } from '~/lib/actions.server';
import { formatDate, formatDateTime, formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { requireOrganization } from '~/organizations/organizations.server';
import { MoneyTotals, PaidOn } from '~/payments/components/money';
import { ConnectSection } from '~/payments/components/stripe-connect';
import { connectState, refreshAccountState, startOnboarding } from '~/payments/connect.server';
import { organizationMoney } from '~/payments/milestones.server';
import { may } from '~/lib/permission';
import { mayConnectStripe } from '~/payments/permissions';
import { ActionMessage } from '~/ui/form';
import { Empty, PageHeader, Section, StateBadge } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const organizationId = parseId(params.orgId);
  const money = organizationMoney(viewer, organizationId);
  if (new URL(request.url).searchParams.get('stripe') === 'return') {
    // Back from Stripe's onboarding: its answer now, rather than whenever the webhook comes.
    await refreshAccountState(viewer, organizationId).catch((error: unknown) =>
      console.error('Could not refresh the Stripe account state', error),
    );
  }
  const t = await getT(request);
  const organization = requireOrganization(organizationId);
  return {
    ...money,
    locale: await getLocale(request),
    title: t('payments.orgTitle', { organization: organization.name }),
    organization: { id: organization.id, name: organization.name },
    connect: connectState(organizationId),
    canConnect: may(mayConnectStripe(viewer, organizationId)),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const organizationId = parseId(params.orgId);
  const result = await attempt(() => startOnboarding(viewer, organizationId, new URL(request.url).origin));
  return result.ok ? redirect(result.value) : refused(result.error);
}

export default function OrganizationPayments({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title} />
      <ActionMessage failure={actionData?.failure} />
      <MoneyTotals totals={loaderData.totals} locale={locale} />
      <p className="hint">{t('payments.orgExplanation')}</p>

      <Section title={t('payments.milestones')}>
        {loaderData.milestones.length ? (
          <table>
            <thead>
              <tr>
                <th>{t('payments.contract')}</th>
                <th>{t('payments.milestone')}</th>
                <th>{t('payments.amount')}</th>
                <th>{t('common.state')}</th>
                <th>{t('payments.dueAt')}</th>
                <th>{t('payments.paidOn')}</th>
                <th>{t('payments.receipt')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.milestones.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/contracts/${m.contractId}`}>{m.contractTitle}</Link>
                    <br />
                    <span className="hint">{m.unionName}</span>
                  </td>
                  <td>
                    <Link to={`/milestones/${m.id}`}>{t(messageKey('payments.conditions', m.condition))}</Link>
                  </td>
                  <td>{formatMoney(m.amountFen, locale)}</td>
                  <td>
                    <StateBadge states="payments.states.milestone" state={m.state} />
                  </td>
                  <td>{m.dueAt ? formatDate(m.dueAt, locale) : '—'}</td>
                  <td>
                    <PaidOn date={m.paidOn} locale={locale} />
                    {m.method ? <span className="hint"> · {t(messageKey('payments.methods', m.method))}</span> : null}
                  </td>
                  <td>{m.confirmedAt ? formatDateTime(m.confirmedAt, locale) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>{t('payments.noMilestones')}</Empty>
        )}
      </Section>

      {loaderData.connect ? <ConnectSection connect={loaderData.connect} canConnect={loaderData.canConnect} /> : null}
    </>
  );
}
