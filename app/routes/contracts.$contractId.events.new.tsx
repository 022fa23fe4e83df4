import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { Form, redirect } from 'react-router';
import type { Route } from './+types/contracts.$contractId.events.new';
import { requireOrgMember, requireViewer } from '~/accounts/auth.server';
import { venueTypes } from '~/delivery/machine';
import { scheduleEvent } from '~/delivery/events.server';
import { eventSchema } from '~/delivery/schemas';
import { attempt } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { getContractFor } from '~/procurement/contracts.server';
import { Field, FormErrors, SelectField, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const { contract } = getContractFor(viewer, parseId(params.contractId));
  requireOrgMember(viewer, contract.organizationId);
  return { contract: { id: contract.id, title: contract.title } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const submission = parseWithZod(await request.formData(), { schema: eventSchema });
  if (submission.status !== 'success') return submission.reply();
  const result = await attempt(() => scheduleEvent(viewer, parseId(params.contractId), submission.value));
  if (!result.ok) return submission.reply({ formErrors: [result.error.messageKey] });
  return redirect(`/events/${result.value}`);
}

export default function NewEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { durationMinutes: '90' },
  });
  return (
    <div className="narrow">
      <PageHeader title={t('events.scheduleFor', { title: loaderData.contract.title })} />
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field meta={fields.title} label={t('events.title')} />
        <Field
          meta={fields.startsAt}
          label={t('events.startsAt')}
          type="datetime-local"
          hint={t('common.beijingTime')}
        />
        <Field meta={fields.durationMinutes} label={t('events.durationMinutes')} type="number" min={15} />
        <SelectField
          meta={fields.venueType}
          label={t('events.venueType')}
          placeholder={t('common.choose')}
          options={venueTypes.map((v) => ({ value: v, label: t(`venues.${v}`) }))}
        />
        <Field meta={fields.address} label={t('events.address')} />
        <Field meta={fields.capacity} label={t('events.capacity')} type="number" min={1} />
        <Field meta={fields.expectedAttendance} label={t('events.expectedAttendance')} type="number" min={0} />
        <SubmitButton>{t('events.schedule')}</SubmitButton>
      </Form>
    </div>
  );
}
