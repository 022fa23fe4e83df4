import { useTranslation } from '~/lib/translation';
import { Link, useSearchParams } from 'react-router';
import type { Route } from './+types/me';
import { requireViewer } from '~/accounts/auth.server';
import { workQueues } from '~/accounts/workspace.server';
import { formatDate, formatDateTime, formatMoney } from '~/lib/format';
import { may } from '~/lib/permission';
import { getLocale } from '~/lib/i18n.server';
import { viewerOrganizations } from '~/organizations/organizations.server';
import { TenderTable } from '~/procurement/components/tender-table';
import { listContracts } from '~/procurement/contracts.server';
import { paymentQueueRoles } from '~/payments/permissions';
import { riskPageRoles } from '~/risk/permissions';
import { mayCreateTender } from '~/procurement/permissions';
import { listTenders } from '~/procurement/tenders.server';
import { listUnions } from '~/unions/unions.server';
import { Empty, PageHeader, Section, StateBadge } from '~/ui/page';
import type { OrgRole, UnionRole } from '~/accounts/roles';
import { DataTable } from '~/ui/table';

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const unionIds = [...new Set(viewer.roles.map((r) => r.unionId))];
  const unionNames = new Map(listUnions().map((u) => [u.id, u.name]));
  const organizations = viewerOrganizations(viewer);
  const organizationNames = new Map(organizations.map((o) => [o.id, o.name]));
  return {
    locale: await getLocale(request),
    name: viewer.name,
    organizations,
    unions: unionIds.map((id) => ({
      id,
      name: unionNames.get(id) ?? '',
      roles: viewer.roles.filter((r) => r.unionId === id).map((r) => r.role),
    })),
    canCreateTender: unionIds.some((id) => may(mayCreateTender(viewer, id))),
    unionTenders: unionIds.length ? listTenders({ unionIds }) : [],
    waiting: workQueues(viewer).map((group) => ({
      ...group,
      name: (group.scope === 'union' ? unionNames : organizationNames).get(group.scopeId) ?? '',
    })),
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

      <WorkQueues groups={loaderData.waiting} locale={locale} />

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
                {u.roles.some((r) => riskPageRoles.includes(r)) ? (
                  <>
                    {' · '}
                    <Link to={`/unions/${u.id}/risk`}>{t('risk.title')}</Link>
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

type Groups = Route.ComponentProps['loaderData']['waiting'];

/** What waits on the viewer, by union or organization and role, each queue oldest first (decision 111). */
function WorkQueues({ groups, locale }: { groups: Groups; locale: string }) {
  const { t } = useTranslation();
  const total = groups.reduce((n, g) => n + g.queues.reduce((m, q) => m + q.items.length, 0), 0);
  return (
    <Section title={t('accounts.workspace.waiting', { count: total })}>
      {total ? null : <Empty>{t('accounts.workspace.nothingWaiting')}</Empty>}
      {groups.map((group) => (
        <div key={`${group.scope}:${group.scopeId}:${group.role}`} className="work-queue-group">
          <h3>
            {t('accounts.workspace.waitingGroup', {
              scope: group.name,
              role:
                group.scope === 'union'
                  ? t(`unions.roles.${group.role as UnionRole}`)
                  : t(`organizations.profile.roles.${group.role as OrgRole}`),
            })}
          </h3>
          {group.queues.map((queue) => (
            <div key={queue.kind}>
              <h4>{t(`accounts.workspace.queues.${queue.kind}.title`, { count: queue.items.length })}</h4>
              <ul data-testid={`queue-${queue.kind}`}>
                {queue.items.map((item) => (
                  <li key={item.id}>
                    <Link to={item.path}>{item.title}</Link> ·{' '}
                    {t(`accounts.workspace.queues.${queue.kind}.since`, {
                      at: formatDateTime(item.since, locale),
                      day: formatDate(item.since, locale),
                    })}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </Section>
  );
}
