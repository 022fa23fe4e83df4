import type { TFunction } from 'i18next';
import { useTranslation } from '~/lib/translation';
import { reportDeadlineDays, type Facts, type improvements } from '../model';

type Improvement = NonNullable<ReturnType<typeof improvements>>;

/** Where the organization stands in the indicator's own terms. */
function factLine(indicator: string, facts: Facts, t: TFunction) {
  switch (indicator) {
    case 'completion':
      return t('evaluation.facts.completion', {
        delivered: facts.deliveredSessions,
        contracted: facts.contractedSessions,
      });
    case 'attendance':
      return t('evaluation.facts.attendance', {
        visits: facts.workerVisits,
        target: Math.round(facts.attendanceTarget),
      });
    case 'satisfaction':
      return t('evaluation.facts.satisfaction', { satisfied: facts.satisfiedRatings, ratings: facts.ratings });
    case 'coverage':
      return t('evaluation.facts.coverage', { ratings: facts.ratings, checkins: facts.checkins });
    case 'timeliness':
      return t('evaluation.facts.timeliness', { onTime: facts.reportsOnTime, due: facts.reportsDue });
    case 'complaints':
      return t('evaluation.facts.complaints', { upheld: facts.upheldComplaints });
    default:
      return '';
  }
}

/** What would raise the grade: the gap to the next one, and each indicator's headroom with advice. */
export function Improvements({ improvements, facts }: { improvements: Improvement; facts: Facts }) {
  const { t } = useTranslation();
  return (
    <div data-testid="improvements">
      <p>
        {improvements.nextGrade
          ? t('evaluation.nextGrade', {
              grade: t(`evaluation.grades.${improvements.nextGrade}`),
              points: improvements.pointsNeeded.toFixed(1),
            })
          : t('evaluation.topGrade')}
      </p>
      {improvements.options.length ? (
        <ul className="improvements">
          {improvements.options.map((o) => (
            <li key={o.indicator} data-indicator={o.indicator}>
              <strong>
                {t('evaluation.gain', {
                  indicator: t(`evaluation.indicators.${o.indicator}`),
                  points: o.gain.toFixed(1),
                })}
              </strong>{' '}
              {factLine(o.indicator, facts, t)} {t(`evaluation.advice.${o.indicator}`, { days: reportDeadlineDays })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
