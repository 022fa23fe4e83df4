import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/catalog.$offeringId';
import { getViewer, requireViewer } from '~/accounts/auth.server';
import { commissioningUnions, requestCommission, shanghaiToday } from '~/catalog/commissions.server';
import { CatalogBadge } from '~/catalog/components/badge';
import { OfferingFacts } from '~/catalog/components/offering-facts';
import { requireVisibleOffering, listOfferingPhotos } from '~/catalog/offerings.server';
import { commissionSchema } from '~/catalog/schemas';
import { loaderCaching, publicPageCaching } from '~/http/cache.server';
import { attempt } from '~/lib/actions.server';
import { formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/ui/form';
import { PageHeader, Section } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.offering.title }];

export const headers = loaderCaching;

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request);
  const { offering, organization, member } = requireVisibleOffering(viewer, parseId(params.offeringId));
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
      unions: viewer && offering.state === 'published' ? commissioningUnions(viewer) : [],
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

function CommissionForm({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { unions, offering, locale, today } = loaderData;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commissionSchema(today) }),
    shouldValidate: 'onBlur',
    defaultValue: { unionId: String(unions[0]?.id ?? ''), sessions: '1', periodStart: today },
  });
  return (
    <Section title={t('catalog.commission.title')}>
      <p>{t('catalog.commission.explanation')}</p>
      <ul className="hint">
        {unions.map((u) => (
          <li key={u.id} data-testid="commission-limit">
            {t('catalog.commission.limit', { union: u.name, limit: formatMoney(u.limitFen, locale) })}
          </li>
        ))}
      </ul>
      <p>
        {t('catalog.offering.price')}
        {t('punctuation.colon')}
        {formatMoney(offering.priceFen, locale)}
      </p>
      <Form method="post" {...getFormProps(form)} className="narrow">
        <FormErrors errors={form.errors} />
        <SelectField
          meta={fields.unionId}
          label={t('catalog.commission.union')}
          options={unions.map((u) => ({ value: u.id, label: u.name }))}
        />
        <Field meta={fields.sessions} label={t('catalog.commission.sessions')} type="number" min={1} />
        {actionData?.aboveLimit ? (
          <div className="callout" data-testid="above-limit">
            <p>{t('catalog.commission.aboveLimitHelp')}</p>
            <Link className="button secondary" to="/tenders/new">
              {t('catalog.commission.goTender')}
            </Link>
          </div>
        ) : null}
        <Field meta={fields.periodStart} label={t('catalog.commission.periodStart')} type="date" />
        <Field meta={fields.periodEnd} label={t('catalog.commission.periodEnd')} type="date" min={today} />
        <TextareaField meta={fields.note} label={t('catalog.commission.note')} rows={3} />
        <SubmitButton>{t('catalog.commission.submit')}</SubmitButton>
      </Form>
    </Section>
  );
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
        <CommissionForm {...props} />
      ) : !props.loaderData.signedIn && offering.state === 'published' ? (
        <p className="hint">
          <Link to={`/login?redirectTo=/catalog/${offering.id}`}>{t('catalog.commission.loginHint')}</Link>
        </p>
      ) : null}
    </>
  );
}
