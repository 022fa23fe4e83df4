import { useTranslation } from '~/lib/translation';
import { Stat, Stats } from './page';
import type { Basis, Figures, Pending } from '~/delivery/figures.server';
import { basisText, pendingText } from '~/delivery/figures-text';
import { formatPercent } from '~/lib/format';

/** Which attendance standard the figures rest on, and what awaits a union reviewer, with its count. */
export function FiguresNote({ basis, pending }: { basis: Basis; pending: Pending }) {
  const { t } = useTranslation();
  const waiting = pendingText(t, pending);
  return (
    <>
      <p
        className={basis.standard === 'sms' ? 'hint' : 'alert'}
        data-testid="figures-basis"
        data-standard={basis.standard}
      >
        {basisText(t, basis)}
      </p>
      {waiting ? (
        <p className="notice" data-testid="figures-pending">
          {waiting}
        </p>
      ) : null}
    </>
  );
}

/** The delivery figures with their definitions and their basis, the same everywhere they appear. */
export function FiguresBlock({
  figures,
  basis,
  locale,
  contracted,
}: {
  figures: Figures;
  basis: Basis;
  locale: string;
  contracted?: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Stats>
        <Stat
          label={t('delivery.figures.sessionsDelivered')}
          value={contracted === undefined ? figures.sessionsDelivered : `${figures.sessionsDelivered} / ${contracted}`}
          testId="sessions-delivered"
        />
        <Stat label={t('delivery.figures.workerVisits')} value={figures.workerVisits} testId="worker-visits" />
        <Stat label={t('delivery.figures.ratings')} value={figures.ratings} testId="ratings-count" />
        <Stat
          label={t('delivery.figures.averageScore')}
          value={figures.averageScore === null ? '—' : figures.averageScore.toFixed(1)}
          testId="average-score"
        />
        <Stat
          label={t('delivery.figures.satisfaction')}
          value={formatPercent(figures.satisfaction, locale)}
          testId="satisfaction"
        />
      </Stats>
      <FiguresNote basis={basis} pending={figures.pending} />
      <p className="hint">
        {t('delivery.figures.definition')} {t('delivery.figures.averageDefinition')}
      </p>
    </>
  );
}
