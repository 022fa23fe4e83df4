import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/orgs.$orgId.offerings';
import { requireOrgMember, requireViewer } from '~/accounts/auth.server';
import { CatalogBadge } from '~/catalog/components/badge';
import { listOrganizationOfferings } from '~/catalog/offerings.server';
import { formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { requireOrganization } from '~/organizations/organizations.server';
import { Empty, PageHeader } from '~/ui/page';
import { DataTable } from '~/ui/table';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const organization = requireOrganization(parseId(params.orgId));
  requireOrgMember(viewer, organization.id);
  const t = await getT(request);
  return {
    title: t('catalog.manage.title', { organization: organization.name }),
    locale: await getLocale(request),
    organizationId: organization.id,
    offerings: listOrganizationOfferings(organization.id, { publishedOnly: false }).map((o) => ({
      id: o.id,
      title: o.title,
      category: o.category,
      priceFen: o.priceFen,
      state: o.state,
    })),
  };
}

export default function ManageOfferings({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale, offerings, organizationId } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title}>
        <Link className="button" to={`/orgs/${organizationId}/offerings/new`}>
          {t('catalog.manage.new')}
        </Link>
      </PageHeader>
      {offerings.length ? (
        <DataTable
          rows={offerings}
          rowKey={(o) => o.id}
          columns={[
            {
              label: t('catalog.offering.title'),
              title: true,
              cell: (o) => <Link to={`/offerings/${o.id}/edit`}>{o.title}</Link>,
            },
            { label: t('catalog.offering.category'), cell: (o) => t(messageKey('catalog.categories', o.category)) },
            { label: t('catalog.offering.price'), cell: (o) => formatMoney(o.priceFen, locale) },
            { label: t('common.state'), cell: (o) => <CatalogBadge machine="offering" state={o.state} /> },
          ]}
        />
      ) : (
        <Empty>{t('catalog.manage.none')}</Empty>
      )}
    </>
  );
}
