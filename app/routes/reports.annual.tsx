import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Route } from './+types/reports.annual';
import { now } from '~/lib/clock.server';
import { formatDate, formatMoney, formatPercent } from '~/lib/format';
import { ReportTable, formatCell } from '~/reports/components/report-table';
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
    scope: [
      t('reports.scopeLine', { union: root.name, year: filters.year }),
      filters.category ? t('reports.filteredCategory', { category: t(`categories.${filters.category}`) }) : null,
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
  const count = (n: number) => formatCell(n, 'count', locale);
  return (
    <article className="annual-report">
      <p className="no-print">
        <Link to={`/reports${search}`}>{t('reports.backToDashboard')}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <p className="annual-sentence" data-testid="annual-sentence">
        {loaderData.sentence}
      </p>
      <p className="hint">{loaderData.scope}</p>
      <p className="hint">{t('figures.definition')}</p>

      <div className="charts">
        <ColumnChart
          title={t('reports.charts.sessionsTrend')}
          data={report.trend.map((row) => ({
            label: row.short,
            value: row.sessionsDelivered,
            display: count(row.sessionsDelivered),
          }))}
        />
        <ColumnChart
          title={t('reports.charts.visitsTrend')}
          data={report.trend.map((row) => ({
            label: row.short,
            value: row.workerVisits,
            display: count(row.workerVisits),
          }))}
        />
        <BarChart
          title={t('reports.charts.visitsByCategory')}
          data={report.byCategory.map((row) => ({
            label: row.label,
            value: row.workerVisits,
            display: count(row.workerVisits),
          }))}
        />
      </div>

      <ReportTable
        table="trend"
        title={t('reports.sections.trend')}
        rows={report.tables.trend}
        locale={locale}
        search={search}
      />
      <ReportTable
        table="unions"
        title={t('reports.sections.byUnion')}
        rows={report.tables.unions}
        locale={locale}
        search={search}
      />
      <ReportTable
        table="categories"
        title={t('reports.sections.byCategory')}
        rows={report.tables.categories}
        locale={locale}
        search={search}
      />
      <ReportTable
        table="organizations"
        title={t('reports.sections.byOrganization')}
        rows={report.tables.organizations}
        locale={locale}
        search={search}
      />
      <ReportTable
        table="contracts"
        title={t('reports.sections.contracts')}
        rows={report.tables.contracts}
        locale={locale}
        search={search}
      />
      <p className="hint">{t('reports.preparedOn', { date: loaderData.preparedOn })}</p>
    </article>
  );
}
