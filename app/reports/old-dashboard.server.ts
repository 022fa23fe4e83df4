import type { TFunction } from 'i18next';
import type { Filters } from './filters';
import {
  activityCells,
  activityOf,
  cellsBetween,
  contractsByState,
  incubation,
  isEmpty,
  organizationsIn,
  periodBuckets,
  yearSpan,
  type Scope,
} from './old-leadership-figures.server';
import { childUnions, subtreeBranches } from './scope.server';
import type { Row, TableKey } from './tables';
import { categories } from '~/catalog/taxonomy';
import { basisOf, unionStandards } from '~/delivery/figures.server';
import { basisShortText } from '~/delivery/figures-text';
import { messageKey } from '~/lib/locale';

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
export function buildReportBefore(root: Union, filters: Filters, t: TFunction) {
  const branches = subtreeBranches(root.id);
  const standards = unionStandards(branches.map((b) => b.id));
  const basis = basisOf(standards);
  // Each row says the attendance standard it rests on: the whole scope's, or one branch's.
  const basisNote = { basis: basisShortText(t, basis) };
  const branchBasis = (branch: number | null) => {
    const inBranch = new Set(branches.filter((b) => b.branch === branch).map((b) => b.id));
    return { basis: basisShortText(t, basisOf(standards.filter((u) => inBranch.has(u.id)))) };
  };
  const base: Scope = {
    unionIds: branches.map((b) => b.id),
    ...yearSpan(filters.year),
    category: filters.category,
    organizationId: filters.organizationId,
  };
  const buckets = periodBuckets(filters.year, filters.granularity);
  const earliest = Math.min(base.from.getTime(), ...buckets.map((b) => b.from.getTime()));
  const cells = activityCells({ ...base, from: new Date(earliest) });
  const year = cellsBetween(cells, base.from, base.to);
  const totals = { ...activityOf(year), ...incubation(base), ...basisNote };
  const contracts = contractsByState(base);
  const projects = contracts
    .filter((c) => c.state === 'active' || c.state === 'completed')
    .reduce((sum, c) => sum + c.count, 0);

  const trend = buckets.map((bucket) => ({
    ...trendLabel(bucket, filters.granularity, t),
    ...activityOf(cellsBetween(cells, bucket.from, bucket.to)),
    ...basisNote,
  }));
  const byCategory = (filters.category ? [filters.category] : categories)
    .map((category) => ({
      label: t(`catalog.categories.${category}`),
      ...activityOf(year.filter((c) => c.category === category)),
      ...basisNote,
    }))
    .filter((row) => !isEmpty(row));
  const byOrganizationId = groupBy(year, (c) => c.organizationId);
  const byOrganization = organizationsIn(base).map((o) => ({
    label: o.name,
    ...activityOf(byOrganizationId.get(o.id) ?? []),
    ...basisNote,
  }));
  const branchOf = new Map(branches.map((b) => [b.id, b.branch]));
  const byBranch = groupBy(year, (c) => branchOf.get(c.unionId) ?? null);
  const byUnion = [
    {
      label: t('reports.ownLevel', { name: root.name }),
      unionId: null,
      ...activityOf(byBranch.get(null) ?? []),
      ...branchBasis(null),
    },
    ...childUnions(root.id).map((child) => ({
      label: child.name,
      unionId: child.id,
      ...activityOf(byBranch.get(child.id) ?? []),
      ...branchBasis(child.id),
    })),
  ];

  const tables: Record<TableKey, Row[]> = {
    summary: [{ label: root.name, ...totals, projects }],
    trend,
    categories: byCategory,
    organizations: byOrganization,
    unions: byUnion,
    contracts: contracts.map((c) => ({
      label: t(messageKey('procurement.states.contract', c.state)),
      count: c.count,
      amountFen: c.amountFen,
    })),
  };
  return { totals: { ...totals, projects }, basis, trend, byCategory, byUnion, tables };
}

function groupBy<T, K>(items: T[], key: (item: T) => K) {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
