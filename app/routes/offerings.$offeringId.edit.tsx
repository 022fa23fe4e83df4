import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/offerings.$offeringId.edit';
import { requireViewer } from '~/accounts/auth.server';
import { CatalogBadge } from '~/catalog/components/badge';
import { OfferingFields } from '~/catalog/components/offering-fields';
import { offeringMachine } from '~/catalog/machine';
import {
  changeOfferingState,
  managedOfferingView,
  requireManagedOffering,
  updateOffering,
} from '~/catalog/offerings.server';
import { ManagedPhotos } from '~/catalog/components/offering-photos';
import type { OfferingTransition } from '~/catalog/permissions';
import {
  addOfferingPhoto,
  photoFormSchema,
  readPhotoForm,
  removeOfferingPhoto,
} from '~/catalog/offering-photos.server';
import { offeringSchema } from '~/catalog/schemas';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { fenToYuanInput } from '~/lib/money';
import { getT } from '~/lib/i18n.server';
import { ActionMessage, ErrorSummary, replyTo, SubmitButton } from '~/ui/form';
import { PageHeader, Section } from '~/ui/page';
import type { z } from 'zod';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

const transitionNames = Object.keys(offeringMachine.transitions) as OfferingTransition[];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const { offering, photos, can } = managedOfferingView(viewer, parseId(params.offeringId));
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
    can,
    photos,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const offeringId = parseId(params.offeringId);
  requireManagedOffering(viewer, offeringId);
  const form = await attempt(() => readPhotoForm(request));
  if (!form.ok) return refused(form.error);
  const formData = form.value;
  const intent = String(formData.get('intent'));
  if (intent === 'save') {
    const submission = parseWithZod(formData, { schema: offeringSchema });
    if (submission.status !== 'success') return { result: submission.reply() };
    const result = await attempt(() => updateOffering(viewer, offeringId, submission.value));
    if (!result.ok) return { result: submission.reply({ formErrors: [result.error.messageKey] }) };
    return redirect(`/offerings/${offeringId}/edit`);
  }
  if (intent === 'addPhoto') {
    const add = ({ photo }: { photo: File }) => addOfferingPhoto(viewer, offeringId, photo);
    const added = await submitForm(formData, photoFormSchema, add, { form: 'photo' });
    return added.ok ? redirect(`/offerings/${offeringId}/edit`) : added.reply;
  }
  const result = await attempt(async () => {
    if (intent === 'removePhoto') removeOfferingPhoto(viewer, offeringId, parseId(String(formData.get('photoId'))));
    else if (transitionNames.includes(intent as OfferingTransition))
      changeOfferingState(viewer, offeringId, intent as OfferingTransition);
    else throw new Response('Bad Request', { status: 400 });
  });
  return result.ok ? redirect(`/offerings/${offeringId}/edit`) : refused(result.error);
}

export default function EditOffering({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { offering, photos } = loaderData;
  const [form, fields] = useForm<z.input<typeof offeringSchema>>({
    lastResult: actionData && 'result' in actionData ? actionData.result : undefined,
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
        {loaderData.can.transitions.map((name) => (
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
        {loaderData.can.edit ? (
          <Form method="post" {...getFormProps(form)}>
            <ErrorSummary form={form} />
            <input type="hidden" name="intent" value="save" />
            <OfferingFields fields={fields} />
            <SubmitButton>{t('catalog.manage.save')}</SubmitButton>
          </Form>
        ) : (
          <p className="callout">{t('catalog.manage.archivedHint')}</p>
        )}
      </div>

      <Section title={t('catalog.offering.photos')}>
        <ManagedPhotos offering={offering} photos={photos} lastResult={replyTo(actionData, 'photo')} />
      </Section>
    </>
  );
}
