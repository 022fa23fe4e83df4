import { useTranslation } from '~/lib/translation';
import type { organizationTrackRecord } from '../track-record.server';
import { FiguresBlock } from '~/ui/figures';
import { Stat, Stats } from '~/ui/page';
import { formatDay } from '~/lib/format';
import { messageKey } from '~/lib/locale';

type TrackRecordData = ReturnType<typeof organizationTrackRecord>;

/** The platform's own record of an organization: delivery figures, contracts, grade, incubation. */
export function TrackRecord({ record, locale }: { record: TrackRecordData; locale: string }) {
  const { t } = useTranslation();
  const { latestEvaluation: evaluation, incubation } = record;
  return (
    <>
      <FiguresBlock figures={record.figures} basis={record.basis} locale={locale} />
      <Stats>
        <Stat
          label={t('catalog.profile.contractsCompleted')}
          value={record.contractsCompleted}
          testId="contracts-completed"
        />
        <Stat
          label={t('catalog.profile.latestGrade')}
          value={
            evaluation ? (
              <>
                {t(messageKey('evaluation.grades', evaluation.grade))}{' '}
                <small>
                  {t('catalog.profile.latestGradePeriod', {
                    start: formatDay(evaluation.periodStart, locale),
                    end: formatDay(evaluation.periodEnd, locale),
                  })}
                </small>
              </>
            ) : (
              t('catalog.offering.notEvaluated')
            )
          }
          testId="latest-grade"
        />
        <Stat
          label={t('catalog.profile.incubation')}
          value={
            incubation
              ? t(messageKey('catalog.profile.incubationState', incubation.state), {
                  incubator: incubation.incubatorName,
                  end: formatDay(incubation.endsOn, locale),
                })
              : t('catalog.profile.notIncubated')
          }
          testId="incubation"
        />
      </Stats>
    </>
  );
}
