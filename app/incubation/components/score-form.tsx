import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { ErrorSummary, Field, SubmitButton, TextareaField } from '~/ui/form';

type Scores<C extends string> = Record<C, unknown> & { comment?: unknown };

/** A reviewer's scores (0–100) on weighted criteria, with a comment; posts intent=score. */
export function ScoreForm<C extends string>({
  id,
  criteria,
  criterionLabel,
  weights,
  lastResult,
  defaultValue,
  ariaLabel,
  className,
}: {
  id: string;
  criteria: readonly C[];
  criterionLabel: (criterion: C) => string;
  weights: Record<C, number>;
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: DefaultValue<Scores<C>> | undefined;
  ariaLabel: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<Scores<C>>({
    id,
    lastResult,
    defaultValue,
  });
  return (
    <Form method="post" {...getFormProps(form)} className={className} aria-label={ariaLabel}>
      <ErrorSummary form={form} labels={{ comment: t('incubation.reviewComment') }} />
      {criteria.map((criterion) => (
        <Field
          key={criterion}
          meta={fields[criterion]}
          label={t('incubation.scoreLabel', { criterion: criterionLabel(criterion), weight: weights[criterion] })}
          type="number"
          min={0}
          max={100}
        />
      ))}
      <TextareaField meta={fields.comment} label={t('incubation.reviewComment')} rows={3} />
      <SubmitButton name="intent" value="score">
        {t('incubation.saveScore')}
      </SubmitButton>
    </Form>
  );
}
