import { useTranslation } from '~/lib/translation';
import { indicators, judgedIndicators, measuredIndicators, type Indicator } from '../settings';
import { formatCount, formatExpectedCount, formatPercent } from '~/lib/format';
import { FiguresNote } from '~/ui/figures';
import { DataTable } from '~/ui/table';

type Measured = (typeof measuredIndicators)[number];
type Figures = {
  sessionsDelivered: number;
  expectedSessions: number;
  workerVisits: number;
  expectedVisits: number;
  ratings: number;
  contractsOnTime: number;
  contractsDue: number;
  pending: Parameters<typeof FiguresNote>[0]['pending'];
};

/** Each indicator with its weight, its value and where the value comes from (measured or judged). */
export function EvaluationIndicators({
  values,
  weights,
  figures,
  basis,
  scale,
  locale,
}: {
  values: Record<Indicator, number | null>;
  weights: Record<Indicator, number>;
  figures: Figures | null;
  basis: Parameters<typeof FiguresNote>[0]['basis'];
  scale: { excellent: number; good: number; pass: number };
  locale: string;
}) {
  const { t } = useTranslation();
  const measuredNote = (indicator: Measured) => {
    if (!figures) return '';
    switch (indicator) {
      case 'sessions':
        return t('incubation.measured.sessions', {
          delivered: formatCount(figures.sessionsDelivered, locale),
          expected: formatExpectedCount(figures.expectedSessions, locale),
        });
      case 'workerVisits':
        return t('incubation.measured.workerVisits', {
          visits: formatCount(figures.workerVisits, locale),
          expected: formatExpectedCount(figures.expectedVisits, locale),
        });
      case 'satisfaction':
        return t('incubation.measured.satisfaction', { count: figures.ratings });
      case 'onTime':
        return t('incubation.measured.onTime', { onTime: figures.contractsOnTime, due: figures.contractsDue });
    }
  };
  return (
    <>
      <DataTable
        testId="indicators"
        rows={indicators}
        rowKey={(indicator) => indicator}
        columns={[
          {
            label: t('incubation.indicator'),
            title: true,
            cell: (indicator) => t(`incubation.indicators.${indicator}`),
          },
          { label: t('incubation.weight'), cell: (indicator) => `${weights[indicator]}%` },
          { label: t('incubation.value'), cell: (indicator) => formatPercent(values[indicator], locale) },
          {
            label: t('incubation.source'),
            cell: (indicator) =>
              (measuredIndicators as readonly string[]).includes(indicator)
                ? measuredNote(indicator as Measured) || t('incubation.measuredSource')
                : t('incubation.judgedSource'),
          },
        ]}
      />
      {figures ? <FiguresNote basis={basis} pending={figures.pending} /> : null}
      <p className="hint">{t('incubation.scoreExplanation', scale)}</p>
    </>
  );
}

/** What each reviewer gave the judged indicators, with their comment. */
export function ReviewerScores({
  reviewers,
}: {
  reviewers: { id: number; name: string; comment: string; scores: Record<string, number> }[];
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      rows={reviewers}
      rowKey={(r) => r.id}
      columns={[
        { label: t('incubation.reviewer'), title: true, cell: (r) => r.name },
        ...judgedIndicators.map((i) => ({
          label: t(`incubation.indicators.${i}`),
          cell: (r: (typeof reviewers)[number]) => r.scores[i] ?? '—',
        })),
        { label: t('incubation.reviewComment'), cell: (r) => r.comment },
      ]}
    />
  );
}
