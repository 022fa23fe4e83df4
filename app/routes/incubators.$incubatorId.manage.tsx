import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { IncubatorTabs } from '~/incubation/components/incubator-tabs';
import type { Route } from './+types/incubators.$incubatorId.manage';
import { hasUnionRole, requireViewer } from '~/accounts/auth.server';
import { BookingsTable } from '~/incubation/components/bookings-table';
import { PendingApplications, ResidentsTable } from '~/incubation/components/dashboard-tables';
import { incubatorDashboard } from '~/incubation/incubator-dashboard.server';
import { requireIncubator, requireIncubatorStaff } from '~/incubation/incubators.server';
import { formatDateTime, formatDay } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { Empty, PageHeader, Section, Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const incubator = requireIncubator(parseId(params.incubatorId));
  requireIncubatorStaff(viewer, incubator);
  const t = await getT(request);
  return {
    title: t('incubation.dashboardTitle', { name: incubator.name }),
    locale: await getLocale(request),
    incubator: { id: incubator.id, name: incubator.name },
    isManager: hasUnionRole(viewer, incubator.unionId, ['incubator_manager']),
    ...incubatorDashboard(incubator),
  };
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { incubator, locale } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title} />
      <IncubatorTabs incubatorId={incubator.id} isManager={loaderData.isManager} />
      <Stats>
        <Stat label={t('incubation.stats.residents')} value={loaderData.residents.length} testId="stat-residents" />
        <Stat
          label={t('incubation.stats.pending')}
          value={loaderData.pendingApplications.length}
          testId="stat-pending"
        />
        <Stat label={t('incubation.stats.evaluationsDue')} value={loaderData.evaluationsDue.length} />
        <Stat label={t('incubation.stats.graduated')} value={loaderData.counts.graduated} testId="stat-graduated" />
        <Stat label={t('incubation.stats.exited')} value={loaderData.counts.exited} />
      </Stats>

      <Section title={t('incubation.pendingApplications')}>
        <PendingApplications applications={loaderData.pendingApplications} locale={locale} />
      </Section>

      <Section title={t('incubation.residents')}>
        <ResidentsTable residents={loaderData.residents} locale={loaderData.locale} />
      </Section>

      <Section title={t('incubation.upcomingBookings')}>
        <BookingsTable bookings={loaderData.upcomingBookings} locale={locale} />
      </Section>

      <Section title={t('incubation.graduationsAndExits')}>
        {loaderData.termEnding.length ? (
          <p>
            {t('incubation.termEndingList', {
              names: loaderData.termEnding
                .map((r) =>
                  t('incubation.nameWithDate', {
                    name: r.organizationName,
                    date: formatDay(r.endsOn, loaderData.locale),
                  }),
                )
                .join(t('punctuation.separator')),
            })}
          </p>
        ) : null}
        {loaderData.departures.length ? (
          <ul data-testid="departures">
            {loaderData.departures.map((d, i) => (
              <li key={i}>
                <Link to={`/residencies/${d.residencyId}`}>{d.organizationName}</Link> ·{' '}
                {t(messageKey('incubation.exitDecisions', d.decision))} · {formatDateTime(d.decidedAt, locale)} ·{' '}
                {d.reason}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('incubation.noDepartures')}</Empty>
        )}
        <p className="hint">{t('incubation.meetingDue', { date: loaderData.meetingDueOn })}</p>
      </Section>
    </>
  );
}
