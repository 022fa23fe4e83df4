import { useTranslation } from 'react-i18next';
import { ReasonForm } from '~/ui/form';

/** Why a cancelled event was called off, or, while the organization still may, the form to call it off. */
export function EventCancellation({ cancelReason, canCancel }: { cancelReason: string | null; canCancel: boolean }) {
  const { t } = useTranslation();
  if (cancelReason) return <p className="alert">{t('delivery.events.cancelledBecause', { reason: cancelReason })}</p>;
  if (!canCancel) return null;
  return (
    <ReasonForm
      title={t('delivery.events.cancelTitle')}
      label={t('delivery.events.cancelReason')}
      intent="cancel"
      submit={t('delivery.events.cancel')}
    />
  );
}
