import type { Route } from './+types/unions.$unionId.risk.export';
import { requireViewer } from '~/accounts/auth.server';
import { now } from '~/lib/clock.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { shanghaiYear } from '~/lib/time';
import { flagsCsv } from '~/risk/csv.server';
import { parseFlagFilters, unionFlags } from '~/risk/flags.server';

/** The union's red flags as CSV (UTF-8 with a byte-order mark, so that Excel shows the Chinese). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const filters = parseFlagFilters(new URL(request.url).searchParams, shanghaiYear(now()));
  const view = unionFlags(viewer, parseId(params.unionId), filters);
  const t = await getT(request);
  const name = `${view.union.name}-${t('risk.title')}-${filters.year}.csv`;
  return new Response(flagsCsv(view.flags, t, await getLocale(request)), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="red-flags-${filters.year}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
    },
  });
}
