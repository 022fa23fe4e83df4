import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/reports._index';
import { ReportFilters } from '~/reports/components/report-filters';
import { ReportOverview } from '~/reports/components/report-overview';
import { ReportTables, countData } from '~/reports/components/report-table';
import { filterSearch } from '~/reports/filters';
import { loadReport } from '~/reports/report.server';
import { BarChart, ColumnChart } from '~/ui/charts';
import { PageHeader, Section } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const { union, root, children, filters, locale, t, years, organizations, search, report } = await loadReport(request);
  return {
    title: t('reports.dashboardTitle', { union: union.name }),
    union: { id: union.id, name: union.name },
    root: { id: root.id, name: root.name },
    children,
    filters,
    locale,
    years,
    organizations,
    search,
    report,
  };
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { report, locale, search, filters } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title}>
        <Link className="button secondary" to={`/reports/annual${search}`}>
          {t('reports.annualLink')}
        </Link>
      </PageHeader>
      <ReportFilters data={loaderData} />
      <p className="hint" data-testid="report-scope">
        {t('reports.scopeLine', { union: loaderData.root.name, year: filters.year })}
      </p>

      <Section title={t('reports.sections.overview')}>
        <ReportOverview report={report} locale={locale} />
        <p className="hint">{t('delivery.figures.definition')}</p>
      </Section>

      <Section title={t('reports.sections.trend')}>
        <div className="charts">
          <ColumnChart
            title={t('reports.charts.sessionsTrend')}
            testId="chart-sessions"
            data={countData(report.trend, 'short', 'sessionsDelivered', locale)}
          />
          <ColumnChart
            title={t('reports.charts.visitsTrend')}
            testId="chart-visits"
            data={countData(report.trend, 'short', 'workerVisits', locale)}
          />
        </div>
      </Section>

      <Section title={t('reports.sections.breakdown')}>
        <div className="charts">
          <BarChart
            title={t('reports.charts.visitsByCategory')}
            testId="chart-categories"
            data={countData(report.byCategory, 'label', 'workerVisits', locale)}
          />
          {report.byUnion.length > 1 ? (
            <BarChart
              title={t('reports.charts.visitsByUnion')}
              testId="chart-unions"
              data={countData(report.byUnion, 'label', 'workerVisits', locale)}
            />
          ) : null}
        </div>
      </Section>

      <ReportTables
        tables={report.tables}
        show={['trend', 'unions', 'categories', 'organizations', 'contracts', 'risk', 'summary']}
        locale={locale}
        search={search}
        linkFor={{
          unions: (row) =>
            row.unionId
              ? `/reports${filterSearch({ ...filters, childId: undefined, organizationId: undefined }, Number(row.unionId))}`
              : null,
        }}
      />
    </>
  );
}
