import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { fenToYuanInput } from '~/lib/money';
import { ErrorSummary, Field, SubmitButton, TextareaField } from '~/ui/form';
import { Section } from '~/ui/page';
import type { amendContractSchema } from '../schemas';
import type { issueContractSchema } from '../schemas';
import type { reasonSchema } from '../schemas';
import type { z } from 'zod';

type LastResult = SubmissionResult<string[]> | undefined;

/** The commissioner's check of the drafted terms and payment plan, which issues the contract. */
export function IssueForm({
  contract,
  lastResult,
}: {
  contract: { sessions: number; periodStart: string | null; periodEnd: string | null };
  lastResult: LastResult;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<ReturnType<typeof issueContractSchema>>>({
    id: 'issue',
    lastResult,
    defaultValue: {
      periodStart: contract.periodStart ?? undefined,
      periodEnd: contract.periodEnd ?? undefined,
      signingPercent: '30',
      sessionsPercent: '0',
    },
  });
  return (
    <Section title={t('procurement.contract.issueTitle')}>
      <p>{t('procurement.contract.issueExplanation')}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary
          form={form}
          labels={{
            periodStart: t('procurement.form.periodStart'),
            periodEnd: t('procurement.form.periodEnd'),
            signingPercent: t('procurement.contract.signingPercent'),
            sessionsPercent: t('procurement.contract.sessionsPercent'),
            sessionsThreshold: t('procurement.contract.sessionsThreshold'),
          }}
        />
        <div className="field-row">
          <Field meta={fields.periodStart} label={t('procurement.form.periodStart')} type="date" />
          <Field meta={fields.periodEnd} label={t('procurement.form.periodEnd')} type="date" />
        </div>
        <Field
          meta={fields.signingPercent}
          label={t('procurement.contract.signingPercent')}
          type="number"
          min={0}
          max={99}
        />
        <Field
          meta={fields.sessionsPercent}
          label={t('procurement.contract.sessionsPercent')}
          type="number"
          min={0}
          max={99}
        />
        <Field
          meta={fields.sessionsThreshold}
          label={t('procurement.contract.sessionsThreshold')}
          type="number"
          min={1}
          max={contract.sessions}
        />
        <p className="hint">{t('procurement.contract.finalRest')}</p>
        <SubmitButton name="intent" value="issue">
          {t('procurement.contract.issue')}
        </SubmitButton>
      </Form>
    </Section>
  );
}

/** New terms with the reason for the change; opened again when the last attempt was refused. */
export function AmendForm({
  contract,
  lastResult,
}: {
  contract: { amountFen: number; sessions: number; minWorkerVisits: number; periodEnd: string | null };
  lastResult: LastResult;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof amendContractSchema>>({
    id: 'amend',
    lastResult,
    defaultValue: {
      amount: fenToYuanInput(contract.amountFen),
      sessions: String(contract.sessions),
      minWorkerVisits: String(contract.minWorkerVisits),
      periodEnd: contract.periodEnd ?? undefined,
    },
  });
  return (
    <details className="card" open={lastResult !== undefined}>
      <summary>{t('procurement.contract.amendTitle')}</summary>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary
          form={form}
          labels={{
            amount: t('procurement.contract.amountYuan'),
            sessions: t('procurement.contracts.sessions'),
            minWorkerVisits: t('procurement.tenders.minWorkerVisits'),
            periodEnd: t('procurement.form.periodEnd'),
            rationale: t('procurement.form.rationale'),
          }}
        />
        <Field meta={fields.amount} label={t('procurement.contract.amountYuan')} inputMode="decimal" />
        <Field meta={fields.sessions} label={t('procurement.contracts.sessions')} type="number" min={1} />
        <Field meta={fields.minWorkerVisits} label={t('procurement.tenders.minWorkerVisits')} type="number" min={0} />
        <Field meta={fields.periodEnd} label={t('procurement.form.periodEnd')} type="date" />
        <TextareaField meta={fields.rationale} label={t('procurement.form.rationale')} rows={3} />
        <SubmitButton name="intent" value="amend">
          {t('procurement.contract.amend')}
        </SubmitButton>
      </Form>
    </details>
  );
}

/** The commissioner completes the contract before it is fulfilled, with a reason. */
export function CompleteForm({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof reasonSchema>>({
    id: 'complete',
    lastResult,
  });
  return (
    <Section title={t('procurement.contract.completeTitle')}>
      <p>{t('procurement.contract.completeExplanation')}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} labels={{ reason: t('procurement.contract.completeReason') }} />
        <TextareaField meta={fields.reason} label={t('procurement.contract.completeReason')} rows={3} />
        <SubmitButton name="intent" value="complete">
          {t('procurement.contract.complete')}
        </SubmitButton>
      </Form>
    </Section>
  );
}

/** The organization's owner signs the issued contract. */
export function ConfirmForm() {
  const { t } = useTranslation();
  return (
    <Form method="post" className="callout">
      <p>{t('procurement.contracts.confirmExplanation')}</p>
      <SubmitButton name="intent" value="confirm">
        {t('procurement.contracts.confirm')}
      </SubmitButton>
    </Form>
  );
}
