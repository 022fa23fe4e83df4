import type { TFunction } from 'i18next';
import type { Filters } from './filters';
import {
  activity,
  contractsByState,
  incubation,
  isEmpty,
  organizationsIn,
  periodBuckets,
  yearSpan,
  type Scope,
} from './figures.server';
import { childUnions, subtreeIds } from './scope.server';
import type { Row, TableKey } from './tables';
import { categories } from '~/catalog/taxonomy';

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
 * the totals, and each table's rows with their labels in the reader's language.
 */
export function buildReport(root: Union, filters: Filters, t: TFunction) {
  const base: Scope = {
    unionIds: subtreeIds(root.id),
    ...yearSpan(filters.year),
    category: filters.category,
    organizationId: filters.organizationId,
  };
  const totals = { ...activity(base), ...incubation(base) };
  const contracts = contractsByState(base);
  const projects = contracts
    .filter((c) => c.state === 'active' || c.state === 'completed')
    .reduce((sum, c) => sum + c.count, 0);

  const trend = periodBuckets(filters.year, filters.granularity).map((bucket) => ({
    ...trendLabel(bucket, filters.granularity, t),
    ...activity({ ...base, from: bucket.from, to: bucket.to }),
  }));
  const byCategory = (filters.category ? [filters.category] : categories)
    .map((category) => ({ label: t(`categories.${category}`), ...activity({ ...base, category }) }))
    .filter((row) => !isEmpty(row));
  const byOrganization = organizationsIn(base).map((o) => ({
    label: o.name,
    ...activity({ ...base, organizationId: o.id }),
  }));
  const byUnion = [
    { label: t('reports.ownLevel', { name: root.name }), unionId: null, ...activity({ ...base, unionIds: [root.id] }) },
    ...childUnions(root.id).map((child) => ({
      label: child.name,
      unionId: child.id,
      ...activity({ ...base, unionIds: subtreeIds(child.id) }),
    })),
  ];

  const tables: Record<TableKey, Row[]> = {
    summary: [{ label: root.name, ...totals, projects }],
    trend,
    categories: byCategory,
    organizations: byOrganization,
    unions: byUnion,
    contracts: contracts.map((c) => ({
      label: t(`states.contract.${c.state}`),
      count: c.count,
      amountFen: c.amountFen,
    })),
  };
  return { totals: { ...totals, projects }, trend, byCategory, byUnion, tables };
}
