import { useTranslation } from '~/lib/translation';
import { messageKey } from '~/lib/locale';

/** The catalog's lifecycle states, styled like the shared StateBadge. */
export function CatalogBadge({ machine, state }: { machine: 'offering' | 'commission'; state: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${state}`}>{t(messageKey(`catalog.states.${machine}`, state))}</span>;
}
