import { useTranslation } from '~/lib/translation';
import type { MessageKey } from '~/lib/locale';

/** The refusal a 429 renders in the page (worker pages have no JavaScript). */
export function RetryNotice({
  minutes,
  message = 'accounts.security.tooManyTries',
}: {
  minutes?: number;
  message?: MessageKey;
}) {
  const { t } = useTranslation();
  if (!minutes) return null;
  return (
    <p className="alert" role="alert">
      {t(message, { minutes })}
    </p>
  );
}

/** Whole minutes to wait, from a Retry-After in seconds. */
export function minutesFrom(seconds: number) {
  return Math.max(1, Math.ceil(seconds / 60));
}
