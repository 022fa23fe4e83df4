import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, Link, redirect } from 'react-router';
import type { Route } from './+types/catalog.$offeringId';
import { getViewer, requireViewer } from '~/accounts/auth.server';
import { commissioningUnions, requestCommission, shanghaiToday } from '~/catalog/commissions.server';
import { CatalogBadge } from '~/catalog/components/badge';
import { CommissionForm } from '~/catalog/components/commission-form';
import { OfferingFacts } from '~/catalog/components/offering-facts';
import { mayBeCommissioned } from '~/catalog/permissions';
import { requireVisibleOffering, listOfferingPhotos } from '~/catalog/offerings.server';
import { commissionSchema } from '~/catalog/schemas';
import { loaderCaching, publicPageCaching } from '~/http/cache.server';
import { attempt, explained } from '~/lib/actions.server';
import { may } from '~/lib/permission';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.offering.title }];

export const headers = loaderCaching;

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request);
  const { offering, organization, member } = explained(() => requireVisibleOffering(viewer, parseId(params.offeringId)));
  const commissionable = may(mayBeCommissioned(offering, organization.status === 'active'));
  return data(
    {
      locale: await getLocale(request),
      today: shanghaiToday(),
      signedIn: viewer !== null,
      offering: {
        id: offering.id,
        title: offering.title,
        category: offering.category,
        description: offering.description,
        format: offering.format,
        durationMinutes: offering.durationMinutes,
        capacity: offering.capacity,
        priceFen: offering.priceFen,
        areas: offering.areas,
        state: offering.state,
      },
      organization: { id: organization.id, name: organization.name },
      photos: listOfferingPhotos(offering.id),
      member,
      commissionable,
      unions: viewer && commissionable ? commissioningUnions(viewer) : [],
    },
    { headers: publicPageCaching(viewer !== null) },
  );
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const offeringId = parseId(params.offeringId);
  const submission = parseWithZod(await request.formData(), { schema: commissionSchema(shanghaiToday()) });
  if (submission.status !== 'success') return { result: submission.reply(), aboveLimit: false };
  const result = await attempt(() => requestCommission(viewer, offeringId, submission.value));
  if (!result.ok) {
    const aboveLimit = result.error.messageKey === 'catalog.errors.aboveLimit';
    return {
      result: aboveLimit
        ? submission.reply({ fieldErrors: { sessions: [result.error.messageKey] } })
        : submission.reply({ formErrors: [result.error.messageKey] }),
      aboveLimit,
    };
  }
  return redirect(`/commissions/${result.value}`);
}

export default function OfferingPage(props: Route.ComponentProps) {
  const { t } = useTranslation();
  const { offering, organization, photos, locale, member, unions } = props.loaderData;
  return (
    <>
      <PageHeader title={offering.title}>
        {offering.state !== 'published' ? <CatalogBadge machine="offering" state={offering.state} /> : null}
        {member ? (
          <Link className="button secondary" to={`/offerings/${offering.id}/edit`}>
            {t('catalog.manage.edit')}
          </Link>
        ) : null}
      </PageHeader>
      <p>
        {t('catalog.offering.organization')}
        {t('punctuation.colon')}
        <Link to={`/orgs/${organization.id}`}>{organization.name}</Link>
      </p>
      <OfferingFacts offering={offering} locale={locale} />
      <p className="prose">{offering.description}</p>
      {photos.length ? (
        <div className="offering-photos">
          {photos.map((p, i) => (
            <img
              key={p.id}
              src={`/catalog/${offering.id}/photos/${p.id}`}
              alt={t('catalog.offering.photoAlt', { title: offering.title, number: i + 1 })}
              loading="lazy"
            />
          ))}
        </div>
      ) : null}
      {unions.length ? (
        <CommissionForm
          unions={unions}
          offering={offering}
          today={props.loaderData.today}
          locale={locale}
          lastResult={props.actionData?.result}
          aboveLimit={props.actionData?.aboveLimit ?? false}
        />
      ) : !props.loaderData.signedIn && props.loaderData.commissionable ? (
        <p className="hint">
          <Link to={`/login?redirectTo=/catalog/${offering.id}`}>{t('catalog.commission.loginHint')}</Link>
        </p>
      ) : null}
    </>
  );
}
