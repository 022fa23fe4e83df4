import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { Stat, Stats } from '~/ui/page';
import { formatPeriod } from '~/lib/format';
import { messageKey } from '~/lib/locale';

/** Who is resident where, for which term, and why the residency ended if it has. */
export function ResidencyFacts({
  residency,
  organization,
  incubator,
  locale,
}: {
  locale: string;
  residency: { state: string; startsOn: string; endsOn: string; decisionReason: string | null };
  organization: { id: number; name: string };
  incubator: { id: number; name: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Stats>
        <Stat
          label={t('incubation.organization')}
          value={<Link to={`/orgs/${organization.id}`}>{organization.name}</Link>}
        />
        <Stat
          label={t('incubation.incubator')}
          value={<Link to={`/incubators/${incubator.id}`}>{incubator.name}</Link>}
        />
        <Stat
          label={t('incubation.term')}
          value={formatPeriod(residency.startsOn, residency.endsOn, locale)}
          testId="residency-term"
        />
      </Stats>
      {residency.state === 'active' ? null : (
        <p className="notice" role="status">
          {t(messageKey('incubation.left', residency.state), { reason: residency.decisionReason ?? '' })}
        </p>
      )}
    </>
  );
}
