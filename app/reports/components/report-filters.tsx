import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { granularities } from '../filters';
import type { loadReport } from '../report.server';
import { categories } from '~/catalog/taxonomy';
import { FilterSelect } from '~/ui/filter-select';

type Report = Awaited<ReturnType<typeof loadReport>>;

/** The report's filters (year, granularity, category, organization, subordinate union), sent as a GET. */
export function ReportFilters({
  data,
}: {
  data: {
    union: { id: number };
    filters: Report['filters'];
    years: number[];
    organizations: { id: number; name: string }[];
    children: { id: number; name: string }[];
  };
}) {
  const { t } = useTranslation();
  const { filters } = data;
  const select = (name: string, label: string, value: string | number | undefined, options: [string, string][]) => (
    <FilterSelect name={name} label={label} value={value} options={options} />
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
