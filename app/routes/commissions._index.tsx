import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/commissions._index';
import { requireViewer } from '~/accounts/auth.server';
import { listCommissionsFor } from '~/catalog/commissions.server';
import { CatalogBadge } from '~/catalog/components/badge';
import { formatDate, formatMoney } from '~/lib/format';
import { getLocale, getT } from '~/lib/i18n.server';
import { Empty, PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const t = await getT(request);
  return {
    title: t('catalog.commissions.listTitle'),
    locale: await getLocale(request),
    commissions: listCommissionsFor(viewer),
  };
}

export default function Commissions({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale, commissions } = loaderData;
  return (
    <>
      <PageHeader title={t('catalog.commissions.listTitle')} />
      {commissions.length ? (
        <table>
          <thead>
            <tr>
              <th>{t('catalog.commissions.offering')}</th>
              <th>{t('catalog.commissions.organization')}</th>
              <th>{t('catalog.commissions.union')}</th>
              <th>{t('catalog.commissions.sessions')}</th>
              <th>{t('catalog.commissions.amount')}</th>
              <th>{t('catalog.commissions.requestedAt')}</th>
              <th>{t('common.state')}</th>
            </tr>
          </thead>
          <tbody>
            {commissions.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/commissions/${c.id}`}>{c.offeringTitle}</Link>
                </td>
                <td>{c.organizationName}</td>
                <td>{c.unionName}</td>
                <td>{c.sessions}</td>
                <td>{formatMoney(c.amountFen, locale)}</td>
                <td>{formatDate(c.createdAt, locale)}</td>
                <td>
                  <CatalogBadge machine="commission" state={c.state} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>{t('catalog.commissions.none')}</Empty>
      )}
    </>
  );
}
