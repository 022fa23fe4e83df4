import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-router';
import { planSchema } from '../schemas';
import { FormErrors, SubmitButton, TextareaField } from '~/ui/form';

/** The applicant's plan, saved as a draft or submitted with it. */
export function PlanForm({ plan, lastResult }: { plan: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'plan',
    lastResult,
    defaultValue: { plan },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: planSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
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
