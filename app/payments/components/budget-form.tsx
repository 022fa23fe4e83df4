import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { ErrorSummary, Field, SelectField, SubmitButton } from '~/ui/form';
import type { budgetSchema } from '../schemas';
import type { z } from 'zod';

/** Finance or an admin sets a department's budget for a year. */
export function BudgetForm({
  lastResult,
  departments,
  year,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  departments: { departmentId: number; name: string }[];
  year: number;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof budgetSchema>>({
    lastResult,
    defaultValue: { year: String(year) },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow">
      <ErrorSummary
        form={form}
        labels={{
          departmentId: t('payments.budgets.department'),
          year: t('payments.budgets.year'),
          amount: t('payments.budgets.amountYuan'),
        }}
      />
      <SelectField
        meta={fields.departmentId}
        label={t('payments.budgets.department')}
        placeholder={t('common.choose')}
        options={departments.map((d) => ({ value: d.departmentId, label: d.name }))}
      />
      <Field meta={fields.year} label={t('payments.budgets.year')} type="number" min={2000} max={2100} />
      <Field meta={fields.amount} label={t('payments.budgets.amountYuan')} inputMode="decimal" />
      <SubmitButton>{t('payments.budgets.save')}</SubmitButton>
    </Form>
  );
}
