import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Route } from './+types/tenders._index';
import { runClock } from '~/lib/background.server';
import { formatDateTime, formatMoney } from '~/lib/format';
import { getLocale, getT } from '~/lib/i18n.server';
import { listTenders } from '~/procurement/tenders.server';
import { Empty, PageHeader, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  runClock();
  const t = await getT(request);
  return { title: t('tenders.listTitle'), locale: await getLocale(request), tenders: listTenders() };
}

export default function Tenders({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale } = loaderData;
  return (
    <>
      <PageHeader title={t('tenders.listTitle')} />
      {loaderData.tenders.length ? (
        <table>
          <thead>
            <tr>
              <th>{t('tenders.title')}</th>
              <th>{t('tenders.union')}</th>
              <th>{t('tenders.category')}</th>
              <th>{t('tenders.budget')}</th>
              <th>{t('tenders.deadline')}</th>
              <th>{t('common.state')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.tenders.map((tender) => (
              <tr key={tender.id}>
                <td>
                  <Link to={`/tenders/${tender.id}`}>{tender.title}</Link>
                </td>
                <td>{tender.unionName}</td>
                <td>{t(`categories.${tender.category}`)}</td>
                <td>{formatMoney(tender.budgetFen, locale)}</td>
                <td>{formatDateTime(tender.deadlineAt, locale)}</td>
                <td>
                  <StateBadge machine="tender" state={tender.state} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>{t('tenders.none')}</Empty>
      )}
    </>
  );
}
