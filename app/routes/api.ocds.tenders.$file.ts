import type { Route } from './+types/api.ocds.tenders.$file';
import { openData } from '~/http/cache.server';
import { runTenderClock } from '~/jobs/ticks.server';
import { getT } from '~/lib/i18n.server';
import { releasePackage, tenderRelease } from '~/procurement/ocds.server';
import { requireTender } from '~/procurement/tenders.server';

/** One published tender as an OCDS 1.1 release package, at /api/ocds/tenders/<id>.json. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const match = /^(\d+)\.json$/.exec(params.file);
  if (!match) throw new Response('Not Found', { status: 404 });
  runTenderClock();
  const t = await getT('zh-CN');
  const url = new URL(request.url);
  const release = tenderRelease(requireTender(Number(match[1])), { origin: url.origin, t });
  return openData(request, releasePackage([release], `${url.origin}${url.pathname}`, t('app.name')));
}
