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
import { DataTable } from '~/ui/table';
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
          <DataTable
            rows={loaderData.milestones}
            rowKey={(m) => m.id}
            columns={[
              {
                label: t('payments.contract'),
                title: true,
                cell: (m) => (
                  <>
                    <Link to={`/contracts/${m.contractId}`}>{m.contractTitle}</Link>
                    <br />
                    <span className="hint">{m.unionName}</span>
                  </>
                ),
              },
              {
                label: t('payments.milestone'),
                cell: (m) => (
                  <Link to={`/milestones/${m.id}`}>{t(messageKey('payments.conditions', m.condition))}</Link>
                ),
              },
              { label: t('payments.amount'), cell: (m) => formatMoney(m.amountFen, locale) },
              {
                label: t('common.state'),
                cell: (m) => <StateBadge states="payments.states.milestone" state={m.state} />,
              },
              { label: t('payments.dueAt'), cell: (m) => (m.dueAt ? formatDate(m.dueAt, locale) : '—') },
              {
                label: t('payments.paidOn'),
                cell: (m) => (
                  <>
                    <PaidOn date={m.paidOn} locale={locale} />
                    {m.method ? <span className="hint"> · {t(messageKey('payments.methods', m.method))}</span> : null}
                  </>
                ),
              },
              {
                label: t('payments.receipt'),
                cell: (m) => (m.confirmedAt ? formatDateTime(m.confirmedAt, locale) : '—'),
              },
            ]}
          />
        ) : (
          <Empty>{t('payments.noMilestones')}</Empty>
        )}
      </Section>

      {loaderData.connect ? <ConnectSection connect={loaderData.connect} canConnect={loaderData.canConnect} /> : null}
    </>
  );
}
