import { useTranslation } from 'react-i18next';
import { Form, Link } from 'react-router';
import type { Route } from './+types/reports._index';
import { categories } from '~/catalog/taxonomy';
import { formatMoney, formatPercent } from '~/lib/format';
import { ReportTables, countData, formatCell } from '~/reports/components/report-table';
import { filterSearch, granularities } from '~/reports/filters';
import { loadReport } from '~/reports/report.server';
import { BarChart, ColumnChart } from '~/ui/charts';
import { FiguresNote } from '~/ui/figures';
import { PageHeader, Section, Stat, Stats } from '~/ui/page';

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

function Filters({ data }: { data: Route.ComponentProps['loaderData'] }) {
  const { t } = useTranslation();
  const { filters } = data;
  const select = (name: string, label: string, value: string | number | undefined, options: [string, string][]) => (
    <div className="field inline">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value === undefined ? '' : String(value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  const all: [string, string] = ['', t('reports.filters.all')];
  return (
    <Form method="get" className="filters" aria-label={t('reports.filters.legend')}>
      <input type="hidden" name="union" value={data.union.id} />
      {select(
        'year',
        t('reports.filters.year'),
        filters.year,
        data.years.map((y) => [String(y), String(y)]),
      )}
      {select(
        'granularity',
        t('reports.filters.granularity'),
        filters.granularity,
        granularities.map((g) => [g, t(`reports.granularities.${g}`)]),
      )}
      {select('category', t('reports.filters.category'), filters.category, [
        all,
        ...categories.map((c): [string, string] => [c, t(`catalog.categories.${c}`)]),
      ])}
      {select('org', t('reports.filters.organization'), filters.organizationId, [
        all,
        ...data.organizations.map((o): [string, string] => [String(o.id), o.name]),
      ])}
      {data.children.length
        ? select('child', t('reports.filters.child'), filters.childId, [
            all,
            ...data.children.map((c): [string, string] => [String(c.id), c.name]),
          ])
        : null}
      <button type="submit" className="button">
        {t('reports.filters.apply')}
      </button>
    </Form>
  );
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { report, locale, search, filters } = loaderData;
  const totals = report.totals;
  const count = (n: number) => formatCell(n, 'count', locale);
  return (
    <>
      <PageHeader title={loaderData.title}>
        <Link className="button secondary" to={`/reports/annual${search}`}>
          {t('reports.annualLink')}
        </Link>
      </PageHeader>
      <Filters data={loaderData} />
      <p className="hint" data-testid="report-scope">
        {t('reports.scopeLine', { union: loaderData.root.name, year: filters.year })}
      </p>

      <Section title={t('reports.sections.overview')}>
        <Stats>
          <Stat
            label={t('delivery.figures.sessionsDelivered')}
            value={count(totals.sessionsDelivered)}
            testId="total-sessions"
          />
          <Stat label={t('delivery.figures.workerVisits')} value={count(totals.workerVisits)} testId="total-visits" />
          <Stat
            label={t('delivery.figures.satisfaction')}
            value={formatPercent(totals.satisfaction, locale)}
            testId="total-satisfaction"
          />
          <Stat
            label={t('reports.committed')}
            value={formatMoney(totals.committedFen, locale)}
            testId="total-committed"
          />
          <Stat label={t('reports.paid')} value={formatMoney(totals.paidFen, locale)} testId="total-paid" />
          <Stat label={t('reports.projects')} value={count(totals.projects)} testId="total-projects" />
          <Stat label={t('reports.incubated')} value={count(totals.incubated)} testId="total-incubated" />
          <Stat label={t('reports.graduated')} value={count(totals.graduated)} testId="total-graduated" />
          <Stat label={t('reports.exited')} value={count(totals.exited)} testId="total-exited" />
        </Stats>
        <FiguresNote
          basis={report.basis}
          pending={{
            sessions: totals.pendingSessions,
            walkIns: totals.pendingWalkIns,
            checkins: totals.pendingCheckins,
          }}
        />
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
        show={['trend', 'unions', 'categories', 'organizations', 'contracts', 'summary']}
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
