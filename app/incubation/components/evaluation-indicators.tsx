import { useTranslation } from '~/lib/translation';
import { indicators, judgedIndicators, measuredIndicators, type Indicator } from '../settings';
import { formatCount, formatExpectedCount, formatPercent } from '~/lib/format';
import { FiguresNote } from '~/ui/figures';

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
      <table data-testid="indicators">
        <thead>
          <tr>
            <th scope="col">{t('incubation.indicator')}</th>
            <th scope="col">{t('incubation.weight')}</th>
            <th scope="col">{t('incubation.value')}</th>
            <th scope="col">{t('incubation.source')}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((indicator) => (
            <tr key={indicator}>
              <td>{t(`incubation.indicators.${indicator}`)}</td>
              <td>{weights[indicator]}%</td>
              <td>{formatPercent(values[indicator], locale)}</td>
              <td>
                {(measuredIndicators as readonly string[]).includes(indicator)
                  ? measuredNote(indicator as Measured) || t('incubation.measuredSource')
                  : t('incubation.judgedSource')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
    <table>
      <thead>
        <tr>
          <th scope="col">{t('incubation.reviewer')}</th>
          {judgedIndicators.map((i) => (
            <th key={i} scope="col">
              {t(`incubation.indicators.${i}`)}
            </th>
          ))}
          <th scope="col">{t('incubation.reviewComment')}</th>
        </tr>
      </thead>
      <tbody>
        {reviewers.map((r) => (
          <tr key={r.id}>
            <td>{r.name}</td>
            {judgedIndicators.map((i) => (
              <td key={i}>{r.scores[i] ?? '—'}</td>
            ))}
            <td>{r.comment}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
