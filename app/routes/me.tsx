import { useTranslation } from '~/lib/translation';
import { Link, useSearchParams } from 'react-router';
import type { Route } from './+types/me';
import { requireViewer } from '~/accounts/auth.server';
import { formatMoney } from '~/lib/format';
import { may } from '~/lib/permission';
import { getLocale } from '~/lib/i18n.server';
import { viewerOrganizations } from '~/organizations/organizations.server';
import { TenderTable } from '~/procurement/components/tender-table';
import { listContracts } from '~/procurement/contracts.server';
import { paymentQueueRoles } from '~/payments/permissions';
import { mayCreateTender } from '~/procurement/permissions';
import { listTenders } from '~/procurement/tenders.server';
import { listUnions } from '~/unions/unions.server';
import { Empty, PageHeader, Section, StateBadge } from '~/ui/page';
import { DataTable } from '~/ui/table';

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const unionIds = [...new Set(viewer.roles.map((r) => r.unionId))];
  const unionNames = new Map(listUnions().map((u) => [u.id, u.name]));
  return {
    locale: await getLocale(request),
    name: viewer.name,
    organizations: viewerOrganizations(viewer),
    unions: unionIds.map((id) => ({
      id,
      name: unionNames.get(id) ?? '',
      roles: viewer.roles.filter((r) => r.unionId === id).map((r) => r.role),
    })),
    canCreateTender: unionIds.some((id) => may(mayCreateTender(viewer, id))),
    unionTenders: unionIds.length ? listTenders({ unionIds }) : [],
    contracts: listContracts({ organizationIds: viewer.memberships.map((m) => m.organizationId), unionIds }),
  };
}

export default function Workspace({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { locale } = loaderData;
  return (
    <>
      <PageHeader title={t('accounts.workspace.title', { name: loaderData.name })}>
        {loaderData.canCreateTender ? (
          <>
            <Link className="button" to="/tenders/new">
              {t('procurement.tenders.new')}
            </Link>
            <Link className="button secondary" to="/catalog">
              {t('procurement.direct.title')}
            </Link>
          </>
        ) : null}
      </PageHeader>
      {searchParams.has('invitationAccepted') ? (
        <p className="notice" role="status">
          {t('invitations.accepted')}
        </p>
      ) : null}

      {loaderData.organizations.length ? (
        <Section title={t('accounts.workspace.organizations')}>
          <ul>
            {loaderData.organizations.map((o) => (
              <li key={o.id}>
                <Link to={`/orgs/${o.id}`}>{o.name}</Link> ·{' '}
                <Link to={`/orgs/${o.id}/calendar`}>{t('delivery.calendar.link')}</Link> ·{' '}
                <Link to={`/orgs/${o.id}/offerings`}>{t('catalog.manage.manageLink')}</Link> ·{' '}
                <Link to={`/orgs/${o.id}/payments`}>{t('payments.orgLink')}</Link>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/tenders">{t('accounts.workspace.findTenders')}</Link>
          </p>
        </Section>
      ) : null}
      <p>
        <Link to="/orgs/new">{t('organizations.profile.registerTitle')}</Link>
      </p>

      {loaderData.unions.length ? (
        <Section title={t('accounts.workspace.unions')}>
          <ul>
            {loaderData.unions.map((u) => (
              <li key={u.id}>
                {u.name}
                {t('punctuation.colon')}
                {u.roles.map((r) => t(`unions.roles.${r}`)).join(t('punctuation.separator'))} ·{' '}
                <Link to={`/unions/${u.id}/calendar`}>{t('delivery.calendar.link')}</Link>
                {u.roles.includes('admin') ? (
                  <>
                    {' · '}
                    <Link to={`/unions/${u.id}/commissioning`}>{t('catalog.settings.link')}</Link>
                    {' · '}
                    <Link to={`/unions/${u.id}/audit`}>{t('audit.link')}</Link>
                    {' · '}
                    <Link to={`/unions/${u.id}/invitations`}>{t('invitations.link')}</Link>
                  </>
                ) : null}
                {u.roles.some((r) => paymentQueueRoles.includes(r)) ? (
                  <>
                    {' · '}
                    <Link to={`/unions/${u.id}/payments`}>{t('payments.queueLink')}</Link> ·{' '}
                    <Link to={`/unions/${u.id}/budgets`}>{t('payments.budgets.link')}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <h3>{t('accounts.workspace.unionTenders')}</h3>
          <TenderTable tenders={loaderData.unionTenders} locale={locale} brief />
        </Section>
      ) : null}

      <Section title={t('accounts.workspace.contracts')}>
        {loaderData.contracts.length ? (
          <DataTable
            rows={loaderData.contracts}
            rowKey={(c) => c.id}
            columns={[
              {
                label: t('procurement.contracts.title'),
                title: true,
                cell: (c) => <Link to={`/contracts/${c.id}`}>{c.title}</Link>,
              },
              { label: t('procurement.contracts.organization'), cell: (c) => c.organizationName },
              { label: t('procurement.contracts.amount'), cell: (c) => formatMoney(c.amountFen, locale) },
              {
                label: t('common.state'),
                cell: (c) => <StateBadge states="procurement.states.contract" state={c.state} />,
              },
            ]}
          />
        ) : (
          <Empty>{t('procurement.contracts.none')}</Empty>
        )}
        <p>
          <Link to="/commissions">{t('catalog.commissions.listTitle')}</Link>
        </p>
      </Section>
    </>
  );
}
