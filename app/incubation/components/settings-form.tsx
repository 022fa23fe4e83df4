import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { z } from 'zod';
import type { settingsSchema } from '../schemas';
import { entryCriteria, indicators, performanceIndicators } from '../settings';
import { gradeMinimums, passingGrades } from '~/evaluation/grades';
import { ErrorSummary, Field, FormErrors, SelectField, SubmitButton } from '~/ui/form';

/** Dotted path → nested object, for Conform's default values. */
function nest(values: Record<string, string>) {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split('.');
    let node = out;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
  }
  return out;
}

/** Every number of the incubator's rules (term, entry, evaluation, performance, exit, bookings), by section. */
export function SettingsForm({
  values,
  lastResult,
}: {
  values: Record<string, string>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.output<typeof settingsSchema>>({
    id: 'settings',
    lastResult,
    defaultValue: nest(values) as DefaultValue<z.output<typeof settingsSchema>>,
  });
  const term = fields.term.getFieldset();
  const entry = fields.entry.getFieldset();
  const entryWeights = entry.weights.getFieldset();
  const evaluation = fields.evaluation.getFieldset();
  const evaluationWeights = evaluation.weights.getFieldset();
  const performance = fields.performance.getFieldset();
  const performanceWeights = performance.weights.getFieldset();
  const bookings = fields.bookings.getFieldset();
  const exit = fields.exit.getFieldset();
  const meetings = fields.meetings.getFieldset();
  const number = { type: 'number' as const, min: 0 };
  return (
    <Form method="post" {...getFormProps(form)} className="narrow">
      <ErrorSummary form={form} />
      <input type="hidden" name="intent" value="settings" />
      <h2>{t('incubation.settingsSections.term')}</h2>
      <Field meta={term.months} label={t('incubation.settingsFields.termMonths')} {...number} />
      <Field meta={term.extensionMonths} label={t('incubation.settingsFields.extensionMonths')} {...number} />
      <Field meta={term.maxExtensions} label={t('incubation.settingsFields.maxExtensions')} {...number} />

      <h2>{t('incubation.settingsSections.entry')}</h2>
      <Field meta={entry.minPeople} label={t('incubation.settingsFields.minPeople')} {...number} />
      <Field meta={entry.passScore} label={t('incubation.settingsFields.passScore')} {...number} />
      <FormErrors id={entry.weights.errorId} errors={entry.weights.errors} />
      {entryCriteria.map((c) => (
        <Field
          key={c}
          meta={entryWeights[c]}
          label={t('incubation.weightOf', { name: t(`incubation.entryCriteria.${c}`) })}
          {...number}
        />
      ))}

      <h2>{t('incubation.settingsSections.evaluation')}</h2>
      <Field meta={evaluation.intervalMonths} label={t('incubation.settingsFields.intervalMonths')} {...number} />
      <FormErrors id={evaluation.weights.errorId} errors={evaluation.weights.errors} />
      {indicators.map((i) => (
        <Field
          key={i}
          meta={evaluationWeights[i]}
          label={t('incubation.weightOf', { name: t(`incubation.indicators.${i}`) })}
          {...number}
        />
      ))}

      <h2>{t('incubation.settingsSections.performance')}</h2>
      <p className="hint">{t('incubation.performanceLead')}</p>
      <FormErrors id={performance.weights.errorId} errors={performance.weights.errors} />
      {performanceIndicators.map((i) => (
        <Field
          key={i}
          meta={performanceWeights[i]}
          label={t('incubation.weightOf', { name: t(`evaluation.indicators.${i}`) })}
          {...number}
        />
      ))}

      <h2>{t('incubation.settingsSections.exit')}</h2>
      <p className="hint">{t('incubation.gradeScale', gradeMinimums)}</p>
      <SelectField
        meta={exit.graduationGrade}
        label={t('incubation.settingsFields.graduationGrade')}
        options={passingGrades.map((g) => ({ value: g, label: t(`evaluation.grades.${g}`) }))}
      />

      <h2>{t('incubation.settingsSections.bookings')}</h2>
      <Field meta={bookings.maxHours} label={t('incubation.settingsFields.maxHours')} {...number} />
      <Field meta={bookings.advanceDays} label={t('incubation.settingsFields.advanceDays')} {...number} />
      <Field meta={meetings.intervalMonths} label={t('incubation.settingsFields.meetingMonths')} {...number} />

      <SubmitButton>{t('incubation.saveSettings')}</SubmitButton>
    </Form>
  );
}
