import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { formatDateTime } from '~/lib/format';
import { Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

/** Who applies to which incubator, when, and the decision with its reason. */
export function ApplicationFacts({
  application,
  organization,
  incubator,
  residencyId,
  locale,
}: {
  application: { state: string; submittedAt: Date | null; decisionReason: string | null };
  organization: { id: number; name: string; type: string; creditCode: string | null; people: number };
  incubator: { id: number; name: string };
  residencyId: number | null;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Stats>
        <Stat
          label={t('incubation.organization')}
          value={<Link to={`/orgs/${organization.id}`}>{organization.name}</Link>}
        />
        <Stat label={t('organizations.type')} value={t(messageKey('organizations.types', organization.type))} />
        {organization.creditCode ? (
          <Stat label={t('organizations.creditCode')} value={organization.creditCode} />
        ) : null}
        <Stat label={t('incubation.people')} value={organization.people} />
        <Stat
          label={t('incubation.incubator')}
          value={<Link to={`/incubators/${incubator.id}`}>{incubator.name}</Link>}
        />
        {application.submittedAt ? (
          <Stat label={t('incubation.submittedAt')} value={formatDateTime(application.submittedAt, locale)} />
        ) : null}
      </Stats>
      {application.decisionReason ? (
        <p className={application.state === 'rejected' ? 'alert' : 'notice'} role="status">
          {t('incubation.decisionWithReason', { reason: application.decisionReason })}
        </p>
      ) : null}
      {residencyId ? (
        <p>
          <Link className="button" to={`/residencies/${residencyId}`}>
            {t('incubation.goToResidency')}
          </Link>
        </p>
      ) : null}
    </>
  );
}
