import { useTranslation } from '~/lib/translation';
import { Tabs } from '~/ui/page';

/** The incubator staff's pages: dashboard, joint meetings, rules (managers only), handbook. */
export function IncubatorTabs({ incubatorId, isManager }: { incubatorId: number; isManager: boolean }) {
  const { t } = useTranslation();
  const base = `/incubators/${incubatorId}`;
  return (
    <Tabs
      links={[
        { to: `${base}/manage`, label: t('incubation.dashboard') },
        { to: `${base}/meetings`, label: t('incubation.meetings') },
        ...(isManager ? [{ to: `${base}/settings`, label: t('incubation.settings') }] : []),
        { to: `${base}/handbook`, label: t('incubation.handbook') },
      ]}
    />
  );
}
