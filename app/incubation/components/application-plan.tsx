import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { ErrorSummary, SubmitButton, TextareaField } from '~/ui/form';
import type { planSchema } from '../schemas';
import type { z } from 'zod';

/** The applicant's plan, saved as a draft or submitted with it. */
export function PlanForm({ plan, lastResult }: { plan: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof planSchema>>({
    id: 'plan',
    lastResult,
    defaultValue: { plan },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary form={form} labels={{ plan: t('incubation.plan') }} />
      <TextareaField meta={fields.plan} label={t('incubation.plan')} hint={t('incubation.planHint')} rows={10} />
      <div className="actions">
        <SubmitButton name="intent" value="submit">
          {t('incubation.submitApplication')}
        </SubmitButton>
        <SubmitButton name="intent" value="save" className="button secondary">
          {t('incubation.saveDraft')}
        </SubmitButton>
      </div>
    </Form>
  );
}
