import { useTranslation } from 'react-i18next';

/** The catalog's lifecycle states, styled like the shared StateBadge. */
export function CatalogBadge({ machine, state }: { machine: 'offering' | 'commission'; state: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${state}`}>{t(`catalog.states.${machine}.${state}`)}</span>;
}
