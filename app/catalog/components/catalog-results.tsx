import { useTranslation } from '~/lib/translation';
import { Link, useLocation } from 'react-router';
import { excerpt, Highlight } from './highlight';
import type { searchCatalog } from '../search.server';
import { formatMoney, formatPercent } from '~/lib/format';
import { Empty } from '~/ui/page';
import { messageKey } from '~/lib/locale';

/** One page of offerings found, with the searched words highlighted. */
export function CatalogResults({
  results,
  terms,
  locale,
}: {
  results: ReturnType<typeof searchCatalog>['results'];
  terms: string[];
  locale: string;
}) {
  const { t } = useTranslation();
  return results.length ? (
    <ol className="catalog-results" aria-label={t('catalog.search.results')}>
      {results.map((r) => (
        <li key={r.id} className="catalog-result" data-testid="catalog-result">
          {r.photoId ? (
            <img src={`/catalog/${r.id}/photos/${r.photoId}`} alt="" loading="lazy" width={120} height={90} />
          ) : null}
          <div>
            <h3>
              <Link to={`/catalog/${r.id}`}>
                <Highlight text={r.title} terms={terms} />
              </Link>
            </h3>
            <p className="catalog-meta">
              <Link to={`/orgs/${r.organizationId}`}>
                <Highlight text={r.organizationName} terms={terms} />
              </Link>
              {' · '}
              {t(messageKey('catalog.categories', r.category))} · {t(messageKey('catalog.formats', r.format))} ·{' '}
              {t('catalog.offering.minutes', { count: r.durationMinutes })} ·{' '}
              {t('catalog.offering.people', { count: r.capacity })}
            </p>
            <p>
              <Highlight text={excerpt(r.description, terms)} terms={terms} />
            </p>
            <p className="catalog-meta">
              <strong>
                {t('catalog.offering.price')}
                {t('punctuation.colon')}
                {formatMoney(r.priceFen, locale)}
              </strong>
              {' · '}
              {t('catalog.offering.satisfaction')}
              {t('punctuation.colon')}
              {r.satisfaction === null ? t('catalog.offering.noRatings') : formatPercent(r.satisfaction, locale)}
              {' · '}
              {t('catalog.offering.grade')}
              {t('punctuation.colon')}
              {r.grade ? t(`evaluation.grades.${r.grade}`) : t('catalog.offering.notEvaluated')}
              {' · '}
              {t('catalog.offering.areas')}
              {t('punctuation.colon')}
              {r.areas.join(t('punctuation.separator'))}
            </p>
          </div>
        </li>
      ))}
    </ol>
  ) : (
    <Empty>{t('catalog.search.none')}</Empty>
  );
}

/** Previous and next page; "page n of m" while the results are counted, "page n" beyond (`pageCount` null). */
export function Pagination({ page, pageCount, hasNext }: { page: number; pageCount: number | null; hasNext: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (page <= 1 && !hasNext) return null;
  const to = (n: number) => {
    const params = new URLSearchParams(location.search);
    params.set('page', String(n));
    return `?${params.toString()}`;
  };
  return (
    <nav aria-label={t('catalog.search.pagination')} className="pagination">
      {page > 1 ? <Link to={to(page - 1)}>{t('catalog.search.previous')}</Link> : null}
      <span>
        {pageCount === null
          ? t('catalog.search.pageOf', { page })
          : t('catalog.search.page', { page, pages: pageCount })}
      </span>
      {hasNext ? <Link to={to(page + 1)}>{t('catalog.search.next')}</Link> : null}
    </nav>
  );
}
