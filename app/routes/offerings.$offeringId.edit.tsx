import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/offerings.$offeringId.edit';
import { requireViewer } from '~/accounts/auth.server';
import { CatalogBadge } from '~/catalog/components/badge';
import { OfferingFields } from '~/catalog/components/offering-fields';
import { offeringMachine, type OfferingState } from '~/catalog/machine';
import {
  changeOfferingState,
  requireManagedOffering,
  listOfferingPhotos,
  updateOffering,
  type OfferingTransition,
} from '~/catalog/offerings.server';
import { addOfferingPhoto, readPhotoForm, removeOfferingPhoto } from '~/catalog/photos.server';
import { offeringSchema } from '~/catalog/schemas';
import { attempt } from '~/lib/actions.server';
import { canTransition } from '~/lib/machine';
import { parseId } from '~/lib/http';
import { fenToYuanInput } from '~/lib/money';
import { getT } from '~/lib/i18n.server';
import { ActionMessage, FormErrors, SubmitButton } from '~/ui/form';
import { Empty, PageHeader, Section } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

const transitionNames = Object.keys(offeringMachine.transitions) as OfferingTransition[];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const offering = requireManagedOffering(viewer, parseId(params.offeringId));
  const t = await getT(request);
  return {
    title: t('catalog.manage.editTitle', { title: offering.title }),
    offering: {
      id: offering.id,
      organizationId: offering.organizationId,
      title: offering.title,
      state: offering.state,
    },
    defaults: {
      title: offering.title,
      category: offering.category,
      description: offering.description,
      format: offering.format,
      durationMinutes: String(offering.durationMinutes),
      capacity: String(offering.capacity),
      price: fenToYuanInput(offering.priceFen),
      areas: offering.areas.join(t('punctuation.separator')),
    },
    transitions: transitionNames.filter((name) =>
      canTransition(offeringMachine, offering.state as OfferingState, name, 'organization'),
    ),
    photos: listOfferingPhotos(offering.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const offeringId = parseId(params.offeringId);
  requireManagedOffering(viewer, offeringId);
  const form = await attempt(() => readPhotoForm(request));
  if (!form.ok) return data({ failure: form.error.messageKey }, { status: form.error.status });
  const formData = form.value;
  const intent = String(formData.get('intent'));
  if (intent === 'save') {
    const submission = parseWithZod(formData, { schema: offeringSchema });
    if (submission.status !== 'success') return { result: submission.reply() };
    const result = await attempt(() => updateOffering(viewer, offeringId, submission.value));
    if (!result.ok) return { result: submission.reply({ formErrors: [result.error.messageKey] }) };
    return redirect(`/offerings/${offeringId}/edit`);
  }
  const result = await attempt(async () => {
    if (intent === 'addPhoto') await addOfferingPhoto(viewer, offeringId, formData.get('photo'));
    else if (intent === 'removePhoto')
      removeOfferingPhoto(viewer, offeringId, parseId(String(formData.get('photoId'))));
    else if (transitionNames.includes(intent as OfferingTransition))
      changeOfferingState(viewer, offeringId, intent as OfferingTransition);
    else throw new Response('Bad Request', { status: 400 });
  });
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect(`/offerings/${offeringId}/edit`);
}

export default function EditOffering({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { offering, photos } = loaderData;
  const archived = offering.state === 'archived';
  const [form, fields] = useForm({
    lastResult: actionData && 'result' in actionData ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: offeringSchema }),
    shouldValidate: 'onBlur',
    defaultValue: loaderData.defaults,
  });
  return (
    <>
      <PageHeader title={loaderData.title}>
        <CatalogBadge machine="offering" state={offering.state} />
      </PageHeader>
      <p className="actions">
        <Link to={`/orgs/${offering.organizationId}/offerings`}>{t('catalog.manage.backToList')}</Link>
        <Link to={`/catalog/${offering.id}`}>{t('catalog.manage.viewPublic')}</Link>
      </p>
      <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
      {offering.state === 'draft' ? <p className="hint">{t('catalog.manage.draftHint')}</p> : null}
      <Form method="post" className="actions">
        {loaderData.transitions.map((name) => (
          <SubmitButton
            key={name}
            name="intent"
            value={name}
            className={name === 'publish' ? 'button' : 'button secondary'}
          >
            {t(`catalog.manage.${name}`)}
          </SubmitButton>
        ))}
      </Form>

      <div className="narrow">
        {archived ? (
          <p className="callout">{t('catalog.manage.archivedHint')}</p>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <input type="hidden" name="intent" value="save" />
            <OfferingFields fields={fields} />
            <SubmitButton>{t('catalog.manage.save')}</SubmitButton>
          </Form>
        )}
      </div>

      <Section title={t('catalog.offering.photos')}>
        {photos.length ? (
          <ul className="offering-photos">
            {photos.map((p, i) => (
              <li key={p.id}>
                <img
                  src={`/catalog/${offering.id}/photos/${p.id}`}
                  alt={t('catalog.offering.photoAlt', { title: offering.title, number: i + 1 })}
                />
                <Form method="post">
                  <input type="hidden" name="photoId" value={p.id} />
                  <SubmitButton name="intent" value="removePhoto" className="link-button">
                    {t('catalog.manage.removePhoto', { number: i + 1 })}
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('catalog.manage.noPhotos')}</Empty>
        )}
        <Form method="post" encType="multipart/form-data" className="narrow">
          <div className="field">
            <label htmlFor="offering-photo">{t('catalog.manage.photoFile')}</label>
            <input
              id="offering-photo"
              type="file"
              name="photo"
              accept="image/jpeg,image/png,image/webp"
              required
              aria-describedby="offering-photo-hint"
            />
            <p className="hint" id="offering-photo-hint">
              {t('catalog.manage.photoHint')}
            </p>
          </div>
          <SubmitButton name="intent" value="addPhoto">
            {t('catalog.manage.addPhoto')}
          </SubmitButton>
        </Form>
      </Section>
    </>
  );
}
