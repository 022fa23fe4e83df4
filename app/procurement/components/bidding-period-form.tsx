import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import type { z } from 'zod';
import { Form } from 'react-router';
import { biddingDaysRange } from '../bidding-period';
import type { biddingPeriodSchema } from '../schemas';
import { useTranslation } from '~/lib/translation';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';

/** The union admin's minimum bidding period, on the union's settings page. */
export function BiddingPeriodForm({
  days,
  saved,
  lastResult,
}: {
  days: number;
  saved: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof biddingPeriodSchema>>({
    id: 'bidding-period-form',
    lastResult,
    defaultValue: { days: String(days) },
  });
  const label = t('procurement.biddingPeriod.days');
  return (
    <section id="bidding-period" aria-labelledby="bidding-period-title">
      <h2 id="bidding-period-title">{t('procurement.biddingPeriod.title')}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t('procurement.biddingPeriod.saved')}
        </p>
      ) : null}
      <p className="hint">{t('procurement.biddingPeriod.explanation')}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} labels={{ days: label }} />
        <input type="hidden" name="intent" value="bidding-period" />
        <Field
          meta={fields.days}
          label={label}
          type="number"
          min={biddingDaysRange.min}
          max={biddingDaysRange.max}
          hint={t('procurement.biddingPeriod.hint', biddingDaysRange)}
        />
        <SubmitButton>{t('procurement.biddingPeriod.save')}</SubmitButton>
      </Form>
    </section>
  );
}
