import { categories, type Category } from '~/catalog/taxonomy';

export const granularities = ['month', 'quarter', 'year'] as const;
export type Granularity = (typeof granularities)[number];

/** What a dashboard shows, read from and written to its URL so that every view can be linked. */
export type Filters = {
  unionId?: number;
  year: number;
  granularity: Granularity;
  category?: Category;
  organizationId?: number;
  childId?: number;
};

const positiveId = (value: string | null) => {
  const id = Number(value);
  return value && Number.isSafeInteger(id) && id > 0 ? id : undefined;
};

/** Values that make no sense fall back to the defaults rather than failing the page. */
export function parseFilters(params: URLSearchParams, currentYear: number): Filters {
  const year = Number(params.get('year'));
  const granularity = params.get('granularity') as Granularity;
  const category = params.get('category') as Category;
  return {
    unionId: positiveId(params.get('union')),
    year: Number.isInteger(year) && year >= 2000 && year <= currentYear + 1 ? year : currentYear,
    granularity: granularities.includes(granularity) ? granularity : 'month',
    category: categories.includes(category) ? category : undefined,
    organizationId: positiveId(params.get('org')),
    childId: positiveId(params.get('child')),
  };
}

export function filterSearch(filters: Filters, unionId: number) {
  const params = new URLSearchParams({ union: String(unionId), year: String(filters.year) });
  params.set('granularity', filters.granularity);
  if (filters.category) params.set('category', filters.category);
  if (filters.organizationId) params.set('org', String(filters.organizationId));
  if (filters.childId) params.set('child', String(filters.childId));
  return `?${params}`;
}
