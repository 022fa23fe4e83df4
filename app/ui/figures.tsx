import { useTranslation } from 'react-i18next';
import { Stat, Stats } from './page';
import type { Figures } from '~/delivery/figures.server';
import { formatPercent } from '~/lib/format';

/** The delivery figures with their definitions, the same everywhere they appear. */
export function FiguresBlock({
  figures,
  locale,
  contracted,
}: {
  figures: Figures;
  locale: string;
  contracted?: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Stats>
        <Stat
          label={t('figures.sessionsDelivered')}
          value={contracted === undefined ? figures.sessionsDelivered : `${figures.sessionsDelivered} / ${contracted}`}
          testId="sessions-delivered"
        />
        <Stat label={t('figures.workerVisits')} value={figures.workerVisits} testId="worker-visits" />
        <Stat label={t('figures.ratings')} value={figures.ratings} testId="ratings-count" />
        <Stat
          label={t('delivery.figures.averageScore')}
          value={figures.averageScore === null ? '—' : figures.averageScore.toFixed(1)}
          testId="average-score"
        />
        <Stat
          label={t('figures.satisfaction')}
          value={formatPercent(figures.satisfaction, locale)}
          testId="satisfaction"
        />
      </Stats>
      <p className="hint">
        {t('figures.definition')} {t('delivery.figures.averageDefinition')}
      </p>
    </>
  );
}
