import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/reports.annual';
import { now } from '~/lib/clock.server';
import { formatDate, formatMoney, formatPercent } from '~/lib/format';
import { ReportTables, countData, formatCell } from '~/reports/components/report-table';
import { basisText, pendingText } from '~/delivery/figures-text';
import { loadReport } from '~/reports/report.server';
import { BarChart, ColumnChart } from '~/ui/charts';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

/** The year's report to print, in the words the seeds' reports use. */
export async function loader({ request }: Route.LoaderArgs) {
  const { root, filters, locale, t, search, report, organizations } = await loadReport(request, {
    granularity: 'quarter',
  });
  const totals = report.totals;
  const count = (n: number) => formatCell(n, 'count', locale);
  return {
    title: t('reports.annualTitle', { union: root.name, year: filters.year }),
    sentence: t('reports.annualSentence', {
      sessions: count(totals.sessionsDelivered),
      visits: count(totals.workerVisits),
      satisfaction: formatPercent(totals.satisfaction, locale),
      projects: count(totals.projects),
      committed: formatMoney(totals.committedFen, locale),
      paid: formatMoney(totals.paidFen, locale),
      incubated: count(totals.incubated),
      graduated: count(totals.graduated),
    }),
    basis: basisText(t, report.basis),
    pending: pendingText(t, {
      sessions: totals.pendingSessions,
      walkIns: totals.pendingWalkIns,
      checkins: totals.pendingCheckins,
    }),
    scope: [
      t('reports.scopeLine', { union: root.name, year: filters.year }),
      filters.category
        ? t('reports.filteredCategory', { category: t(`catalog.categories.${filters.category}`) })
        : null,
      filters.organizationId
        ? t('reports.filteredOrganization', {
            organization: organizations.find((o) => o.id === filters.organizationId)?.name ?? '',
          })
        : null,
    ]
      .filter(Boolean)
      .join(' '),
    preparedOn: formatDate(now(), locale),
    locale,
    search,
    report,
  };
}

export default function AnnualReport({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { report, locale, search } = loaderData;
  return (
    <article className="annual-report">
      <p className="no-print">
        <Link to={`/reports${search}`}>{t('reports.backToDashboard')}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <p className="annual-sentence" data-testid="annual-sentence">
        {loaderData.sentence}
      </p>
      <p data-testid="figures-basis">{loaderData.basis}</p>
      {loaderData.pending ? <p data-testid="figures-pending">{loaderData.pending}</p> : null}
      <p className="hint">{loaderData.scope}</p>
      <p className="hint">{t('delivery.figures.definition')}</p>

      <div className="charts">
        <ColumnChart
          title={t('reports.charts.sessionsTrend')}
          data={countData(report.trend, 'short', 'sessionsDelivered', locale)}
        />
        <ColumnChart
          title={t('reports.charts.visitsTrend')}
          data={countData(report.trend, 'short', 'workerVisits', locale)}
        />
        <BarChart
          title={t('reports.charts.visitsByCategory')}
          data={countData(report.byCategory, 'label', 'workerVisits', locale)}
        />
      </div>

      <ReportTables
        tables={report.tables}
        show={['trend', 'unions', 'categories', 'organizations', 'contracts']}
        locale={locale}
        search={search}
      />
      <p className="hint">{t('reports.preparedOn', { date: loaderData.preparedOn })}</p>
    </article>
  );
}
