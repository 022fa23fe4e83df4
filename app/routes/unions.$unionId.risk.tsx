import { Form, Link } from 'react-router';
import type { Route } from './+types/unions.$unionId.risk';
import { requireViewer } from '~/accounts/auth.server';
import { now } from '~/lib/clock.server';
import { formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { shanghaiYear } from '~/lib/time';
import { useTranslation } from '~/lib/translation';
import { explainFlag } from '~/risk/explain';
import { flagSearch, parseFlagFilters, riskSettings, unionFlags } from '~/risk/flags.server';
import { riskIndicators } from '~/risk/indicators-list';
import { PageHeader, Section } from '~/ui/page';
import { DataTable } from '~/ui/table';
import { FilterSelect } from '~/ui/filter-select';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const unionId = parseId(params.unionId);
  const filters = parseFlagFilters(new URL(request.url).searchParams, shanghaiYear(now()));
  const view = unionFlags(viewer, unionId, filters);
  const t = await getT(request);
  return {
    ...view,
    filters,
    search: flagSearch(filters),
    settings: riskSettings(unionId),
    title: t('risk.pageTitle', { union: view.union.name }),
    locale: await getLocale(request),
  };
}

function Filters({ data }: { data: Route.ComponentProps['loaderData'] }) {
  const { t } = useTranslation();
  const { filters } = data;
  const select = (name: string, label: string, value: string | number | undefined, options: [string, string][]) => (
    <FilterSelect name={name} label={label} value={value} options={options} />
  );
  const all: [string, string] = ['', t('risk.filters.all')];
  return (
    <Form method="get" className="filters no-print" aria-label={t('risk.filters.apply')}>
      {select(
        'year',
        t('risk.filters.year'),
        filters.year,
        data.years.map((y) => [String(y), String(y)]),
      )}
      {select('indicator', t('risk.filters.indicator'), filters.indicator, [
        all,
        ...riskIndicators.map((i): [string, string] => [i, t(`risk.indicators.${i}`)]),
      ])}
      {select('department', t('risk.filters.department'), filters.departmentId, [
        all,
        ...data.departments.map((d): [string, string] => [String(d.id), d.name]),
      ])}
      {select('org', t('risk.filters.organization'), filters.organizationId, [
        all,
        ...data.organizations.map((o): [string, string] => [String(o.id), o.name]),
      ])}
      <button type="submit" className="button">
        {t('risk.filters.apply')}
      </button>
    </Form>
  );
}

export default function RiskPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { flags, counts, total, locale, settings, union } = loaderData;
  const money = (fen: number) => formatMoney(fen, locale);
  const thresholds = [
    t('risk.thresholds.minBidding', { value: settings.minBiddingDays }),
    t('risk.thresholds.ceiling', { value: settings.riskCeilingPercent }),
    t('risk.thresholds.lateBid', { value: settings.riskLateBidMinutes }),
    t('risk.thresholds.concentration', { value: settings.riskConcentrationPercent }),
    t('risk.thresholds.streak', { value: settings.riskWinStreak }),
    t('risk.thresholds.split', { value: settings.riskSplitDays }),
    t('risk.thresholds.growth', { value: settings.riskGrowthPercent }),
    t('risk.thresholds.scoreGap', { value: settings.riskScoreGap }),
  ];
  return (
    <>
      <PageHeader title={loaderData.title}>
        <a className="button secondary no-print" href={`/unions/${union.id}/risk/export${loaderData.search}`} download>
          {t('risk.csv')}
        </a>
        <button type="button" className="button secondary no-print" onClick={() => window.print()}>
          {t('risk.print')}
        </button>
      </PageHeader>
      <p className="hint">{t('risk.signal')}</p>
      <Filters data={loaderData} />

      <Section title={t('risk.summary.title')}>
        <DataTable
          testId="risk-summary"
          caption={t('risk.summary.title')}
          rows={[...counts, { indicator: null, ...total }]}
          rowKey={(r) => r.indicator ?? 'total'}
          columns={[
            {
              label: t('risk.list.indicator'),
              cell: (r) => (r.indicator ? t(`risk.indicators.${r.indicator}`) : t('risk.summary.total')),
              title: true,
            },
            { label: t('risk.summary.flags'), cell: (r) => r.flags, num: true },
            { label: t('risk.summary.value'), cell: (r) => money(r.valueFen), num: true },
          ]}
        />
      </Section>

      <Section title={t('risk.title')}>
        {flags.length ? (
          <DataTable
            testId="risk-flags-table"
            caption={t('risk.title')}
            rows={flags}
            rowKey={(f) => f.id}
            rowProps={(f) => ({ 'data-indicator': f.indicator })}
            columns={[
              {
                label: t('risk.list.indicator'),
                cell: (f) => (
                  <>
                    <Link to={`/risk/${f.id}`}>{t(`risk.indicators.${f.indicator}`)}</Link>
                    <br />
                    <span className="hint">
                      {f.response ? t(`risk.responses.kinds.${f.response}`) : t('risk.list.noResponse')}
                    </span>
                  </>
                ),
                title: true,
              },
              {
                label: t('risk.list.subject'),
                cell: (f) => (
                  <>
                    {t(`risk.subjects.${f.subjectType}`)}
                    {t('punctuation.colon')}
                    <Link to={f.subject.path}>{f.subject.title}</Link>
                    <br />
                    <span className="hint">{explainFlag(t, locale, f)}</span>
                  </>
                ),
              },
              { label: t('risk.list.organization'), cell: (f) => f.organizationName ?? '' },
              { label: t('risk.list.department'), cell: (f) => f.departmentName ?? '' },
              { label: t('risk.list.value'), cell: (f) => money(f.valueFen), num: true },
            ]}
          />
        ) : (
          <p className="empty">{t('risk.list.empty')}</p>
        )}
      </Section>

      <Section title={t('risk.thresholds.title')}>
        <ul data-testid="risk-thresholds">
          {thresholds.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Section>
    </>
  );
}
