import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form, Link } from 'react-router';
import { formatMoney } from '~/lib/format';
import { ErrorSummary, Field, SelectField, SubmitButton, TextareaField } from '~/ui/form';
import { Section } from '~/ui/page';
import type { commissionSchema } from '../schemas';
import type { z } from 'zod';

/** A commissioner orders sessions of the offering for one of their unions, within its direct-commission limit. */
export function CommissionForm({
  unions,
  offering,
  today,
  locale,
  lastResult,
  aboveLimit,
}: {
  unions: { id: number; name: string; limitFen: number }[];
  offering: { priceFen: number };
  today: string;
  locale: string;
  lastResult: SubmissionResult<string[]> | undefined;
  aboveLimit: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<ReturnType<typeof commissionSchema>>>({
    lastResult,
    defaultValue: { unionId: String(unions[0]?.id ?? ''), sessions: '1', periodStart: today },
  });
  return (
    <Section title={t('catalog.commission.title')}>
      <p>{t('catalog.commission.explanation')}</p>
      <ul className="hint">
        {unions.map((u) => (
          <li key={u.id} data-testid="commission-limit">
            {t('catalog.commission.limit', { union: u.name, limit: formatMoney(u.limitFen, locale) })}
          </li>
        ))}
      </ul>
      <p>
        {t('catalog.offering.price')}
        {t('punctuation.colon')}
        {formatMoney(offering.priceFen, locale)}
      </p>
      <Form method="post" {...getFormProps(form)} className="narrow">
        <ErrorSummary
          form={form}
          labels={{
            unionId: t('catalog.commission.union'),
            sessions: t('catalog.commission.sessions'),
            periodStart: t('catalog.commission.periodStart'),
            periodEnd: t('catalog.commission.periodEnd'),
            note: t('catalog.commission.note'),
          }}
        />
        <SelectField
          meta={fields.unionId}
          label={t('catalog.commission.union')}
          options={unions.map((u) => ({ value: u.id, label: u.name }))}
        />
        <Field meta={fields.sessions} label={t('catalog.commission.sessions')} type="number" min={1} />
        {aboveLimit ? (
          <div className="callout" data-testid="above-limit">
            <p>{t('catalog.commission.aboveLimitHelp')}</p>
            <Link className="button secondary" to="/tenders/new">
              {t('catalog.commission.goTender')}
            </Link>
          </div>
        ) : null}
        <Field meta={fields.periodStart} label={t('catalog.commission.periodStart')} type="date" />
        <Field meta={fields.periodEnd} label={t('catalog.commission.periodEnd')} type="date" min={today} />
        <TextareaField meta={fields.note} label={t('catalog.commission.note')} rows={3} />
        <SubmitButton>{t('catalog.commission.submit')}</SubmitButton>
      </Form>
    </Section>
  );
}
