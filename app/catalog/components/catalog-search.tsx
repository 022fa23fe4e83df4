import type { MessageKey } from '~/lib/locale';
import { useTranslation } from '~/lib/translation';
import { Form, Link } from 'react-router';
import type { CatalogQuery } from '../query';
import { catalogSorts, categories, offeringFormats } from '../taxonomy';
import { passingGrades } from '~/evaluation/grades';

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

/** The catalog's search: words, filters and sort, sent as a GET so a result page is a shareable link. */
export function SearchForm({
  values,
  query,
  errors,
  areas,
}: {
  values: Record<string, string>;
  query: CatalogQuery;
  errors: Partial<Record<'minPrice' | 'maxPrice', string>>;
  areas: string[];
}) {
  const { t } = useTranslation();
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
        <div className="field">
          <label htmlFor="catalog-area">{t('catalog.search.area')}</label>
          <p className="hint" id="catalog-area-hint">
            {t('catalog.search.areaHint')}
          </p>
          <input
            id="catalog-area"
            name="area"
            defaultValue={query.area ?? ''}
            maxLength={50}
            aria-describedby="catalog-area-hint"
            list={areas.length ? 'catalog-areas' : undefined}
          />
          {areas.length ? (
            <datalist id="catalog-areas">
              {areas.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          ) : null}
        </div>
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
