import { useTranslation } from 'react-i18next';
import { data, Form, Link, useLocation } from 'react-router';
import type { Route } from './+types/catalog._index';
import { getViewer } from '~/accounts/auth.server';
import { excerpt, Highlight } from '~/catalog/components/highlight';
import { parseCatalogQuery } from '~/catalog/query';
import { catalogAreas, searchCatalog } from '~/catalog/search.server';
import { catalogSorts, categories, offeringFormats } from '~/catalog/taxonomy';
import { passingGrades } from '~/evaluation/grades';
import { loaderCaching, publicPageCaching } from '~/http/cache.server';
import { formatMoney, formatPercent } from '~/lib/format';
import { getLocale, getT } from '~/lib/i18n.server';
import { Empty, PageHeader } from '~/ui/page';
import { type MessageKey, messageKey } from '~/lib/locale';

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

function Choice({
  name,
  label,
  value,
  options,
  any,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  any?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={`catalog-${name}`}>{label}</label>
      <select id={`catalog-${name}`} name={name} defaultValue={value ?? ''}>
        {any ? <option value="">{any}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function PriceInput({ name, label, value, error }: { name: string; label: string; value?: string; error?: string }) {
  const { t } = useTranslation();
  const id = `catalog-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        defaultValue={value ?? ''}
        inputMode="decimal"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="field-errors" role="alert">
          {t(error as MessageKey)}
        </p>
      ) : null}
    </div>
  );
}

function SearchForm({ loaderData }: { loaderData: Route.ComponentProps['loaderData'] }) {
  const { t } = useTranslation();
  const { values, query, errors } = loaderData;
  const any = t('catalog.search.any');
  return (
    <Form method="get" className="catalog-search" role="search" key={new URLSearchParams(values).toString()}>
      <div className="field catalog-query">
        <label htmlFor="catalog-q">{t('catalog.search.query')}</label>
        <input
          id="catalog-q"
          type="search"
          name="q"
          defaultValue={query.q}
          placeholder={t('catalog.search.queryPlaceholder')}
          maxLength={100}
        />
      </div>
      <div className="catalog-filters">
        <Choice
          name="category"
          label={t('catalog.search.category')}
          value={query.category}
          any={any}
          options={categories.map((c) => ({ value: c, label: t(`catalog.categories.${c}`) }))}
        />
        <Choice
          name="area"
          label={t('catalog.search.area')}
          value={query.area}
          any={any}
          options={loaderData.areas.map((a) => ({ value: a, label: a }))}
        />
        <Choice
          name="format"
          label={t('catalog.search.format')}
          value={query.format}
          any={any}
          options={offeringFormats.map((f) => ({ value: f, label: t(`catalog.formats.${f}`) }))}
        />
        <PriceInput
          name="minPrice"
          label={t('catalog.search.minPrice')}
          value={values.minPrice}
          error={errors.minPrice}
        />
        <PriceInput
          name="maxPrice"
          label={t('catalog.search.maxPrice')}
          value={values.maxPrice}
          error={errors.maxPrice}
        />
        <Choice
          name="grade"
          label={t('catalog.search.grade')}
          value={query.grade}
          any={any}
          options={passingGrades.map((g) => ({ value: g, label: t(`catalog.gradeFilter.${g}`) }))}
        />
        <Choice
          name="sort"
          label={t('catalog.search.sort')}
          value={catalogSorts.find((s) => s === values.sort)}
          any={t('catalog.sorts.default')}
          options={catalogSorts.map((s) => ({ value: s, label: t(`catalog.sorts.${s}`) }))}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t('catalog.search.submit')}
        </button>
        <Link to="/catalog">{t('catalog.search.reset')}</Link>
      </div>
    </Form>
  );
}

function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pageCount <= 1) return null;
  const to = (n: number) => {
    const params = new URLSearchParams(location.search);
    params.set('page', String(n));
    return `?${params.toString()}`;
  };
  return (
    <nav aria-label={t('catalog.search.pagination')} className="pagination">
      {page > 1 ? <Link to={to(page - 1)}>{t('catalog.search.previous')}</Link> : null}
      <span>{t('catalog.search.page', { page, pages: pageCount })}</span>
      {page < pageCount ? <Link to={to(page + 1)}>{t('catalog.search.next')}</Link> : null}
    </nav>
  );
}

export default function Catalog({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale, results, terms } = loaderData;
  return (
    <>
      <PageHeader title={t('catalog.title')} />
      <p className="lead">{t('catalog.lead')}</p>
      <SearchForm loaderData={loaderData} />
      <h2 className="catalog-total" data-testid="catalog-total" aria-live="polite">
        {t('catalog.search.total', { count: loaderData.total })}
      </h2>
      {results.length ? (
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
      )}
      <Pagination page={loaderData.page} pageCount={loaderData.pageCount} />
    </>
  );
}
