import { buildReport } from './dashboard.server';
import { filterSearch, parseFilters, type Filters } from './filters';
import { contractedOrganizations } from './leadership-figures.server';
import { dashboardScope, subtreeIds } from './scope.server';
import { requireViewer } from '~/accounts/auth.server';
import { now } from '~/lib/clock.server';
import { getLocale, getT } from '~/lib/i18n.server';
import { shanghaiYear } from '~/lib/time';

export function currentYear() {
  return shanghaiYear(now());
}

/** What the dashboard, its CSV exports and the annual report share: who asks, for what, and the figures. */
export async function loadReport(request: Request, override: Partial<Filters> = {}) {
  const viewer = await requireViewer(request);
  const url = new URL(request.url);
  const year = currentYear();
  const scope = dashboardScope(viewer, { ...parseFilters(url.searchParams, year), ...override });
  const [locale, t] = await Promise.all([getLocale(request), getT(request)]);
  return {
    ...scope,
    locale,
    t,
    years: Array.from({ length: 6 }, (_, i) => year - 5 + i),
    organizations: contractedOrganizations(subtreeIds(scope.union.id)),
    search: filterSearch(scope.filters, scope.union.id),
    report: buildReport(scope.root, scope.filters, t),
  };
}
