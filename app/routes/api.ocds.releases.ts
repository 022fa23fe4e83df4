import type { Route } from './+types/api.ocds.releases';
import { openData } from '~/http/cache.server';
import { runTenderClock } from '~/jobs/ticks.server';
import { getT } from '~/lib/i18n.server';
import { publishedTenders, releasePackage, tenderRelease } from '~/procurement/ocds.server';

/** Every published tender as one OCDS 1.1 release package. */
export async function loader({ request }: Route.LoaderArgs) {
  runTenderClock();
  const t = await getT('zh-CN');
  const url = new URL(request.url);
  const releases = publishedTenders().map((tender) => tenderRelease(tender, { origin: url.origin, t }));
  return openData(request, releasePackage(releases, `${url.origin}${url.pathname}`, t('app.name')));
}
