import type { SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { ReasonForm } from '~/ui/form';

/** Why a cancelled event was called off, near the top of its page. */
export function CancelledNotice({ reason }: { reason: string | null }) {
  const { t } = useTranslation();
  return reason ? <p className="alert">{t('delivery.events.cancelledBecause', { reason })}</p> : null;
}

/** The organization's form to call off its event, last on the page: it ends the event. */
export function CancelEventForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  return (
    <ReasonForm
      title={t('delivery.events.cancelTitle')}
      label={t('delivery.events.cancelReason')}
      intent="cancel"
      submit={t('delivery.events.cancel')}
      lastResult={lastResult}
    />
  );
}
