import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/commissions._index';
import { requireViewer } from '~/accounts/auth.server';
import { listCommissionsFor } from '~/catalog/commissions.server';
import { CatalogBadge } from '~/catalog/components/badge';
import { formatDate, formatMoney } from '~/lib/format';
import { getLocale, getT } from '~/lib/i18n.server';
import { Empty, PageHeader } from '~/ui/page';
import { DataTable } from '~/ui/table';

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
        <DataTable
          rows={commissions}
          rowKey={(c) => c.id}
          columns={[
            {
              label: t('catalog.commissions.offering'),
              title: true,
              cell: (c) => <Link to={`/commissions/${c.id}`}>{c.offeringTitle}</Link>,
            },
            { label: t('catalog.commissions.organization'), cell: (c) => c.organizationName },
            { label: t('catalog.commissions.union'), cell: (c) => c.unionName },
            { label: t('catalog.commissions.sessions'), cell: (c) => c.sessions },
            { label: t('catalog.commissions.amount'), cell: (c) => formatMoney(c.amountFen, locale) },
            { label: t('catalog.commissions.requestedAt'), cell: (c) => formatDate(c.createdAt, locale) },
            { label: t('common.state'), cell: (c) => <CatalogBadge machine="commission" state={c.state} /> },
          ]}
        />
      ) : (
        <Empty>{t('catalog.commissions.none')}</Empty>
      )}
    </>
  );
}
