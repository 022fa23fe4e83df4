import type { Route } from './+types/api.ocds.releases';
import { openData } from '~/http/cache.server';
import { runTenderClock } from '~/jobs/ticks.server';
import { getT } from '~/lib/i18n.server';
import { publishedTenders, releasePackage, tenderRelease } from '~/procurement/ocds.server';

/**
 * The published tenders as OCDS 1.1 release packages, a page at a time in id order: `?after=<id>`
 * starts after that tender, and `links.next` names the next page while there is one.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const after = url.searchParams.get('after') ?? '0';
  if (!/^\d{1,15}$/.test(after)) throw new Response('Bad Request: after must be a tender id', { status: 400 });
  runTenderClock();
  const t = await getT('zh-CN');
  const page = publishedTenders({ after: Number(after) });
  const releases = page.tenders.map((tender) => tenderRelease(tender, { origin: url.origin, t }));
  const next = page.more ? `${url.origin}${url.pathname}?after=${page.tenders.at(-1)!.id}` : undefined;
  return openData(request, releasePackage(releases, url.href, t('app.name'), next));
}
