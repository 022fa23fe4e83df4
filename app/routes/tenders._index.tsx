import { useTranslation } from 'react-i18next';
import type { Route } from './+types/tenders._index';
import { runClock } from '~/lib/background.server';
import { getLocale, getT } from '~/lib/i18n.server';
import { TenderTable } from '~/procurement/components/tender-table';
import { listTenders } from '~/procurement/tenders.server';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  runClock();
  const t = await getT(request);
  return { title: t('tenders.listTitle'), locale: await getLocale(request), tenders: listTenders() };
}

export default function Tenders({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('tenders.listTitle')} />
      <TenderTable tenders={loaderData.tenders} locale={loaderData.locale} />
    </>
  );
}
