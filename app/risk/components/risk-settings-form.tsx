import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import type { z } from 'zod';
import { Form } from 'react-router';
import type { riskSettingsSchema } from '../schemas';
import { riskSettingKeys, riskSettingRanges, type RiskSettings } from '../settings';
import { useTranslation } from '~/lib/translation';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';

/** The union admin's red-flag thresholds, on the union's settings page. */
export function RiskSettingsForm({
  settings,
  saved,
  lastResult,
}: {
  settings: RiskSettings;
  saved: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof riskSettingsSchema>>({
    id: 'risk-settings-form',
    lastResult,
    defaultValue: Object.fromEntries(riskSettingKeys.map((k) => [k, String(settings[k])])),
  });
  const labels = Object.fromEntries(riskSettingKeys.map((k) => [k, t(`risk.settings.${k}`)]));
  return (
    <section id="risk-settings" aria-labelledby="risk-settings-title">
      <h2 id="risk-settings-title">{t('risk.settings.title')}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t('risk.settings.saved')}
        </p>
      ) : null}
      <p className="hint">{t('risk.settings.explanation')}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} labels={labels} />
        <input type="hidden" name="intent" value="risk-settings" />
        {riskSettingKeys.map((key) => (
          <Field
            key={key}
            meta={fields[key]}
            label={labels[key]!}
            type="number"
            min={riskSettingRanges[key].min}
            max={riskSettingRanges[key].max}
            hint={t('risk.settings.hint', riskSettingRanges[key])}
          />
        ))}
        <SubmitButton>{t('risk.settings.save')}</SubmitButton>
      </Form>
    </section>
  );
}
