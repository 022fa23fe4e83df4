import { eq } from 'drizzle-orm';
import { organizations as organizationsTable } from '../../db/schema/organizations';
import { buildReport } from './dashboard.server';
import { listedOrganizations } from './tables';
import { filterSearch, parseFilters, type Filters } from './filters';
import { organizationActivity } from './leadership-figures.server';
import { dashboardScope } from './scope.server';
import { requireViewer } from '~/accounts/auth.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import { getLocale, getT } from '~/lib/i18n.server';
import { shanghaiYear } from '~/lib/time';

export function currentYear() {
  return shanghaiYear(now());
}

/**
 * The organization filter's choices: the organizations the dashboard lists for the union (the most
 * worker-visits in the year), and the one chosen. A province has thousands: its list would be a
 * page in itself.
 */
function organizationChoices(unionId: number, filters: Filters) {
  const listed = organizationActivity({ unionId, year: filters.year, category: filters.category }, listedOrganizations);
  const choices = listed.map(({ id, name }) => ({ id, name }));
  const chosen = filters.organizationId;
  if (!chosen || choices.some((o) => o.id === chosen)) return choices;
  const organization = db
    .select({ id: organizationsTable.id, name: organizationsTable.name })
    .from(organizationsTable)
    .where(eq(organizationsTable.id, chosen))
    .get();
  return organization ? [...choices, organization] : choices;
}

/** What the dashboard, its CSV exports and the annual report share: who asks, for what, and the figures. */
export async function loadReport(
  request: Request,
  override: Partial<Filters> = {},
  options?: Parameters<typeof buildReport>[3],
) {
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
    organizations: organizationChoices(scope.union.id, scope.filters),
    search: filterSearch(scope.filters, scope.union.id),
    report: buildReport(scope.root, scope.filters, t, options),
  };
}
