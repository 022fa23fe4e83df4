import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { formatDateTime } from '~/lib/format';
import { Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

type Facts = {
  id: number;
  startsAt: Date;
  venueType: string;
  address: string;
  expectedAttendance: number;
  walkIns: number;
  contractId: number | null;
};

/** When and where the event is, who runs it, how many came, and what it belongs to. */
export function EventFacts({
  event,
  organization,
  checkinCount,
  incubatorName,
  asOrganization,
  locale,
}: {
  event: Facts;
  organization: { id: number; name: string };
  checkinCount: number;
  incubatorName: string | null;
  asOrganization: boolean;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Stats>
        <Stat label={t('delivery.events.organization')} value={organization.name} />
        <Stat label={t('delivery.events.startsAt')} value={formatDateTime(event.startsAt, locale)} />
        <Stat label={t('delivery.events.venueType')} value={t(messageKey('delivery.venues', event.venueType))} />
        <Stat label={t('delivery.events.address')} value={event.address} />
        <Stat label={t('delivery.events.expectedAttendance')} value={event.expectedAttendance} />
        <Stat label={t('delivery.events.checkins')} value={checkinCount} testId="checkin-count" />
        <Stat label={t('delivery.events.walkIns')} value={event.walkIns} testId="walk-ins" />
      </Stats>
      {event.contractId ? (
        <p>
          <Link to={`/contracts/${event.contractId}`}>{t('delivery.events.backToContract')}</Link>
        </p>
      ) : (
        <p>
          <span className="badge">{t('delivery.resident.badge')}</span>{' '}
          {incubatorName ? t('delivery.resident.overseenBy', { incubator: incubatorName }) : null}
        </p>
      )}
      {asOrganization ? (
        <p>
          <Link to={`/orgs/${organization.id}/calendar`}>{t('delivery.calendar.organizationLink')}</Link>
        </p>
      ) : null}
    </>
  );
}
