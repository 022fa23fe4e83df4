import { useTranslation } from '~/lib/translation';
import { data } from 'react-router';
import type { Route } from './+types/catalog._index';
import { getViewer } from '~/accounts/auth.server';
import { CatalogResults, Pagination } from '~/catalog/components/catalog-results';
import { SearchForm } from '~/catalog/components/catalog-search';
import { parseCatalogQuery } from '~/catalog/query';
import { catalogAreas, searchCatalog } from '~/catalog/search.server';
import { loaderCaching, publicPageCaching } from '~/http/cache.server';
import { formatNumber } from '~/lib/format';
import { getLocale, getT } from '~/lib/i18n.server';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export const headers = loaderCaching;

/** Public: the whole query is in the URL, so a result page can be shared as a link. */
export async function loader({ request }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const { query, errors } = parseCatalogQuery(params);
  const t = await getT(request);
  const viewer = await getViewer(request);
  return data(
    {
      title: t('catalog.title'),
      locale: await getLocale(request),
      values: Object.fromEntries(params.entries()) as Record<string, string>,
      query,
      errors,
      areas: catalogAreas(),
      ...searchCatalog(query),
    },
    { headers: publicPageCaching(viewer !== null) },
  );
}

export default function Catalog({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale, results, terms } = loaderData;
  return (
    <>
      <PageHeader title={t('catalog.title')} />
      <p className="lead">{t('catalog.lead')}</p>
      <SearchForm
        values={loaderData.values}
        query={loaderData.query}
        errors={loaderData.errors}
        areas={loaderData.areas}
      />
      <h2 className="catalog-total" data-testid="catalog-total" aria-live="polite">
        {loaderData.totalCapped
          ? t('catalog.search.totalMore', { number: formatNumber(loaderData.total, locale) })
          : t('catalog.search.total', { count: loaderData.total })}
      </h2>
      <CatalogResults results={results} terms={terms} locale={locale} />
      <Pagination page={loaderData.page} pageCount={loaderData.pageCount} hasNext={loaderData.hasNext} />
    </>
  );
}
