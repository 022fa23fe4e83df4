import { useTranslation } from '~/lib/translation';
import { data, Link } from 'react-router';
import type { Route } from './+types/tenders._index';
import { getViewer } from '~/accounts/auth.server';
import { loaderCaching, publicPageCaching } from '~/http/cache.server';
import { runTenderClock } from '~/jobs/ticks.server';
import { getLocale, getT } from '~/lib/i18n.server';
import { TenderTable } from '~/procurement/components/tender-table';
import { listPublishedTenders } from '~/procurement/tenders.server';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export const headers = loaderCaching;

export async function loader({ request }: Route.LoaderArgs) {
  runTenderClock();
  const t = await getT(request);
  const viewer = await getViewer(request);
  const page = Math.max(1, Math.min(10_000, Number(new URL(request.url).searchParams.get('page')) || 1));
  const list = listPublishedTenders(page);
  // A copy kept by a cache must not show a tender open after its deadline.
  const deadlines = list.tenders.filter((tender) => tender.state === 'published').map((tender) => tender.deadlineAt);
  return data(
    { title: t('procurement.tenders.listTitle'), locale: await getLocale(request), page, ...list },
    { headers: publicPageCaching(viewer !== null, deadlines) },
  );
}

export default function Tenders({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('procurement.tenders.listTitle')} />
      <TenderTable tenders={loaderData.tenders} locale={loaderData.locale} />
      {loaderData.page > 1 || loaderData.more ? (
        <nav aria-label={t('catalog.search.pagination')} className="pagination">
          {loaderData.page > 1 ? <Link to={`?page=${loaderData.page - 1}`}>{t('catalog.search.previous')}</Link> : null}
          {loaderData.more ? <Link to={`?page=${loaderData.page + 1}`}>{t('catalog.search.next')}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
