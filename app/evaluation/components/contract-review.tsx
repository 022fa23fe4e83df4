import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { complaintSources } from '../machine';
import { maxAdjustment } from '../model';
import { formatDateTime } from '~/lib/format';
import { ErrorSummary, Field, SelectField, SubmitButton, TextareaField } from '~/ui/form';
import { Empty } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import type { complaintSchema } from '../schemas';
import type { resolveSchema } from '../schemas';
import type { reviewSchema } from '../schemas';
import type { z } from 'zod';

type LastResult = SubmissionResult<string[]> | undefined;

/** A union reviewer's judgement and adjustment of the contract's latest evaluation. */
export function ReviewForm({
  latest,
  lastResult,
}: {
  latest: { indicators: { judgement?: number | null }; adjustment: number; adjustmentReason: string | null } | null;
  lastResult: LastResult;
}) {
  const { t } = useTranslation();
  const judgement = latest?.indicators.judgement;
  const [form, fields] = useForm<z.input<typeof reviewSchema>>({
    id: 'review',
    lastResult,
    defaultValue: {
      judgement: judgement == null ? '' : String(Math.round(judgement * 100)),
      adjustment: String(latest?.adjustment ?? 0),
      reason: latest?.adjustmentReason ?? '',
    },
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="review-title">
      <ErrorSummary
        form={form}
        labels={{
          judgement: t('evaluation.review.judgement'),
          adjustment: t('evaluation.review.adjustment', { max: maxAdjustment }),
          reason: t('evaluation.review.reason'),
        }}
      />
      <h3 id="review-title">{t('evaluation.review.title')}</h3>
      <Field meta={fields.judgement} label={t('evaluation.review.judgement')} type="number" min={0} max={100} />
      <Field
        meta={fields.adjustment}
        label={t('evaluation.review.adjustment', { max: maxAdjustment })}
        type="number"
        min={-maxAdjustment}
        max={maxAdjustment}
        hint={t('evaluation.review.adjustmentHint')}
      />
      <TextareaField meta={fields.reason} label={t('evaluation.review.reason')} rows={3} />
      <SubmitButton name="intent" value="review">
        {t('evaluation.review.submit')}
      </SubmitButton>
    </Form>
  );
}

type Complaint = {
  id: number;
  state: string;
  source: string;
  summary: string;
  resolution: string | null;
  createdAt: Date;
  canResolve: boolean;
};

/** The contract's complaints, each with its resolution form while it may be resolved, and the form to record one. */
export function Complaints({
  complaints,
  canRecord,
  lastResults,
  locale,
}: {
  complaints: Complaint[];
  canRecord: boolean;
  lastResults: { complaint: LastResult; resolve: (complaintId: number) => LastResult };
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {complaints.length ? (
        <ul className="complaints" data-testid="complaints">
          {complaints.map((c) => (
            <li key={c.id}>
              <p>
                <span className={`badge badge-${c.state}`}>
                  {t(messageKey('evaluation.states.complaint', c.state))}
                </span>{' '}
                {t(messageKey('evaluation.complaints.sources', c.source))} · {formatDateTime(c.createdAt, locale)}
              </p>
              <p className="prose">{c.summary}</p>
              {c.resolution ? (
                <p className="hint">{t('evaluation.complaints.resolvedAs', { text: c.resolution })}</p>
              ) : null}
              {c.canResolve ? <ResolveForm complaintId={c.id} lastResult={lastResults.resolve(c.id)} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('evaluation.complaints.none')}</Empty>
      )}
      {canRecord ? <ComplaintForm lastResult={lastResults.complaint} /> : null}
    </>
  );
}

function ComplaintForm({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof complaintSchema>>({
    id: 'complaint',
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="complaint-title">
      <ErrorSummary
        form={form}
        labels={{ source: t('evaluation.complaints.source'), summary: t('evaluation.complaints.summary') }}
      />
      <h3 id="complaint-title">{t('evaluation.complaints.record')}</h3>
      <SelectField
        meta={fields.source}
        label={t('evaluation.complaints.source')}
        placeholder={t('common.choose')}
        options={complaintSources.map((s) => ({ value: s, label: t(`evaluation.complaints.sources.${s}`) }))}
      />
      <TextareaField meta={fields.summary} label={t('evaluation.complaints.summary')} rows={3} />
      <SubmitButton name="intent" value="complaint">
        {t('evaluation.complaints.record')}
      </SubmitButton>
    </Form>
  );
}

function ResolveForm({ complaintId, lastResult }: { complaintId: number; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof resolveSchema>>({
    id: `resolve-${complaintId}`,
    lastResult,
    defaultValue: { complaintId: String(complaintId) },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="resolve-form">
      <ErrorSummary
        form={form}
        labels={{ decision: t('evaluation.complaints.decision'), resolution: t('evaluation.complaints.resolution') }}
      />
      <input type="hidden" name="complaintId" value={complaintId} />
      <SelectField
        meta={fields.decision}
        label={t('evaluation.complaints.decision')}
        placeholder={t('common.choose')}
        options={[
          { value: 'uphold', label: t('evaluation.complaints.uphold') },
          { value: 'dismiss', label: t('evaluation.complaints.dismiss') },
        ]}
      />
      <TextareaField meta={fields.resolution} label={t('evaluation.complaints.resolution')} rows={2} />
      <SubmitButton name="intent" value="resolve">
        {t('evaluation.complaints.resolve')}
      </SubmitButton>
    </Form>
  );
}
