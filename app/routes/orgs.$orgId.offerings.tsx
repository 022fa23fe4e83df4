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
        <table>
          <thead>
            <tr>
              <th>{t('catalog.offering.title')}</th>
              <th>{t('catalog.offering.category')}</th>
              <th>{t('catalog.offering.price')}</th>
              <th>{t('common.state')}</th>
            </tr>
          </thead>
          <tbody>
            {offerings.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/offerings/${o.id}/edit`}>{o.title}</Link>
                </td>
                <td>{t(messageKey('catalog.categories', o.category))}</td>
                <td>{formatMoney(o.priceFen, locale)}</td>
                <td>
                  <CatalogBadge machine="offering" state={o.state} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>{t('catalog.manage.none')}</Empty>
      )}
    </>
  );
}
