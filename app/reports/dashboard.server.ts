import type { TFunction } from 'i18next';
import type { Filters } from './filters';
import {
  activityByCategory,
  activityByMonth,
  activityByUnion,
  activityOf,
  cellsBetween,
  contractsByState,
  flagsByIndicator,
  incubation,
  isEmpty,
  negated,
  organizationActivity,
  periodBuckets,
  yearSpan,
  type Scope,
} from './leadership-figures.server';
import { childUnions } from './scope.server';
import { listedOrganizations, type Row, type TableKey } from './tables';
import { categories } from '~/catalog/taxonomy';
import { subtreeBases } from '~/delivery/figures.server';
import { basisShortText } from '~/delivery/figures-text';
import { messageKey } from '~/lib/locale';
import { requireOrganization } from '~/organizations/organizations.server';
import { riskIndicators } from '~/risk/indicators-list';

type Union = { id: number; name: string };

function trendLabel(bucket: { year: number; part: number }, granularity: Filters['granularity'], t: TFunction) {
  if (granularity === 'year')
    return { label: t('reports.yearLabel', { year: bucket.year }), short: String(bucket.year) };
  const key = granularity === 'month' ? 'month' : 'quarter';
  return {
    label: t(`reports.${key}Label`, { year: bucket.year, n: bucket.part }),
    short: t(`reports.${key}Short`, { n: bucket.part }),
  };
}

/**
 * Everything a dashboard shows for `root` (a union with all unions below it) in the filtered year:
 * the totals, and each table's rows with their labels in the reader's language. `organizations`
 * 'all' lists every organization (the CSV) instead of the first `listedOrganizations`.
 */
export function buildReport(
  root: Union,
  filters: Filters,
  t: TFunction,
  { organizations = 'listed' }: { organizations?: 'listed' | 'all' } = {},
) {
  const bases = subtreeBases(root.id);
  const basis = bases.whole;
  // Each row says the attendance standard it rests on: the whole scope's, or one branch's.
  const basisNote = { basis: basisShortText(t, basis) };
  const branchBasis = (branch: number | null) => ({ basis: basisShortText(t, bases.of(branch)) });
  const base: Scope = {
    unionId: root.id,
    year: filters.year,
    category: filters.category,
    organizationId: filters.organizationId,
  };
  const buckets = periodBuckets(filters.year, filters.granularity);
  const { from, to } = yearSpan(filters.year);
  const months = activityByMonth(base, new Date(Math.min(from.getTime(), buckets[0]!.from.getTime())), to);
  const year = activityOf(cellsBetween(months, from, to));
  const totals = { ...year, ...incubation(base), ...basisNote };
  const contracts = contractsByState(base);
  const projects = contracts
    .filter((c) => c.state === 'active' || c.state === 'completed')
    .reduce((sum, c) => sum + c.count, 0);

  const trend = buckets.map((bucket) => ({
    ...trendLabel(bucket, filters.granularity, t),
    ...activityOf(cellsBetween(months, bucket.from, bucket.to)),
    ...basisNote,
  }));
  const categoryCells = new Map(activityByCategory(base).map((c) => [c.category, c]));
  const byCategory = (filters.category ? [filters.category] : categories)
    .map((category) => ({
      label: t(`catalog.categories.${category}`),
      ...activityOf(categoryCells.has(category) ? [categoryCells.get(category)!] : []),
      ...basisNote,
    }))
    .filter((row) => !isEmpty(row));
  const byOrganization = (
    filters.organizationId
      ? isEmpty(year)
        ? []
        : [{ label: requireOrganization(filters.organizationId).name, ...year }]
      : organizationActivity(base, organizations === 'all' ? undefined : listedOrganizations).map((o) => ({
          label: o.name,
          ...activityOf([o]),
        }))
  ).map((row) => ({ ...row, ...basisNote }));
  const children = childUnions(root.id);
  const childCells = new Map(
    activityByUnion(
      base,
      children.map((c) => c.id),
    ).map((c) => [c.unionId, c]),
  );
  const own = [...cellsBetween(months, from, to), ...[...childCells.values()].map(negated)];
  const byUnion = [
    { label: t('reports.ownLevel', { name: root.name }), unionId: null, ...activityOf(own), ...branchBasis(null) },
    ...children.map((child) => ({
      label: child.name,
      unionId: child.id,
      ...activityOf(childCells.has(child.id) ? [childCells.get(child.id)!] : []),
      ...branchBasis(child.id),
    })),
  ];

  const flags = flagsByIndicator(root.id, filters.year);
  const tables: Record<TableKey, Row[]> = {
    summary: [{ label: root.name, ...totals, projects }],
    trend,
    categories: byCategory,
    organizations: byOrganization,
    unions: byUnion,
    // Flags are not split by category or organization: the rollup keeps the union's and the year's.
    risk: riskIndicators.flatMap((indicator) => {
      const row = flags.find((f) => f.indicator === indicator);
      return row ? [{ label: t(`risk.indicators.${indicator}`), flags: row.flags, valueFen: row.valueFen }] : [];
    }),
    contracts: contracts.map((c) => ({
      label: t(messageKey('procurement.states.contract', c.state)),
      count: c.count,
      amountFen: c.amountFen,
    })),
  };
  return { totals: { ...totals, projects }, basis, trend, byCategory, byUnion, tables };
}
