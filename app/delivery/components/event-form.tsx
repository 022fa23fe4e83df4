import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { venueTypes } from '../machine';
import { ErrorSummary, Field, SelectField, SubmitButton } from '~/ui/form';
import type { eventSchema } from '../schemas';
import type { z } from 'zod';

/** Scheduling an event, under a contract or as a resident's own activity. */
export function EventForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof eventSchema>>({
    lastResult,
    defaultValue: { durationMinutes: '90' },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary
        form={form}
        labels={{
          title: t('delivery.events.title'),
          startsAt: t('delivery.events.startsAt'),
          durationMinutes: t('delivery.events.durationMinutes'),
          venueType: t('delivery.events.venueType'),
          address: t('delivery.events.address'),
          capacity: t('delivery.events.capacity'),
          expectedAttendance: t('delivery.events.expectedAttendance'),
        }}
      />
      <Field meta={fields.title} label={t('delivery.events.title')} />
      <Field
        meta={fields.startsAt}
        label={t('delivery.events.startsAt')}
        type="datetime-local"
        hint={t('common.beijingTime')}
      />
      <Field meta={fields.durationMinutes} label={t('delivery.events.durationMinutes')} type="number" min={15} />
      <SelectField
        meta={fields.venueType}
        label={t('delivery.events.venueType')}
        placeholder={t('common.choose')}
        options={venueTypes.map((v) => ({ value: v, label: t(`delivery.venues.${v}`) }))}
      />
      <Field meta={fields.address} label={t('delivery.events.address')} />
      <Field meta={fields.capacity} label={t('delivery.events.capacity')} type="number" min={1} />
      <Field meta={fields.expectedAttendance} label={t('delivery.events.expectedAttendance')} type="number" min={0} />
      <SubmitButton>{t('delivery.events.schedule')}</SubmitButton>
    </Form>
  );
}
