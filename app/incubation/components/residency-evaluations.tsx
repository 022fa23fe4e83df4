import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form, Link } from 'react-router';
import { exitDecisions } from '../machine';
import { formatDateTime, formatPeriod } from '~/lib/format';
import { ChoiceField, ErrorSummary, Field, SubmitButton, TextareaField } from '~/ui/form';
import { Empty, StateBadge } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';
import type { exitReviewSchema } from '../schemas';
import type { periodSchema } from '../schemas';
import type { z } from 'zod';

type Evaluation = {
  id: number;
  periodStart: string;
  periodEnd: string;
  state: string;
  score: number | null;
  grade: string | null;
};
type ExitReview = { id: number; decision: string; reason: string; createdAt: Date; decidedByName: string | null };

/** The resident's periodic evaluations and exit reviews, with the manager's forms for the next of each. */
export function ResidencyEvaluations({
  residencyId,
  evaluations,
  exitReviews,
  can,
  period,
  graduationGrade,
  lastResults,
  locale,
}: {
  residencyId: number;
  evaluations: Evaluation[];
  exitReviews: ExitReview[];
  can: { manage: boolean; decideExit: boolean };
  period: { start: string; end: string; today: string };
  graduationGrade: string;
  lastResults: { evaluate?: SubmissionResult<string[]>; exitReview?: SubmissionResult<string[]> };
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {evaluations.length ? (
        <DataTable
          testId="evaluation-history"
          rows={evaluations}
          rowKey={(e) => e.id}
          columns={[
            {
              label: t('incubation.period'),
              title: true,
              cell: (e) => (
                <Link to={`/residencies/${residencyId}/evaluations/${e.id}`}>
                  {formatPeriod(e.periodStart, e.periodEnd, locale)}
                </Link>
              ),
            },
            {
              label: t('common.state'),
              cell: (e) => <StateBadge states="incubation.states.residencyEvaluation" state={e.state} />,
            },
            { label: t('evaluation.score'), cell: (e) => e.score?.toFixed(1) ?? '—' },
            {
              label: t('evaluation.grade'),
              cell: (e) => (e.grade ? t(messageKey('evaluation.grades', e.grade)) : '—'),
            },
          ]}
        />
      ) : (
        <Empty>{t('incubation.noEvaluations')}</Empty>
      )}
      {exitReviews.length ? (
        <>
          <h3>{t('incubation.exitReviewHistory')}</h3>
          <ul>
            {exitReviews.map((r) => (
              <li key={r.id}>
                {formatDateTime(r.createdAt, locale)} · {t(messageKey('incubation.exitDecisions', r.decision))} ·{' '}
                {r.reason}
                {r.decidedByName ? ` · ${r.decidedByName}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {can.manage ? (
        <>
          <h3>{t('incubation.openEvaluation')}</h3>
          <EvaluationForm period={period} lastResult={lastResults.evaluate} />
        </>
      ) : null}
      {can.decideExit ? (
        <>
          <h3>{t('incubation.exitReview')}</h3>
          <ExitReviewForm graduationGrade={graduationGrade} lastResult={lastResults.exitReview} />
        </>
      ) : null}
    </>
  );
}

function EvaluationForm({
  period,
  lastResult,
}: {
  period: { start: string; end: string; today: string };
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof periodSchema>>({
    id: 'evaluate',
    lastResult,
    defaultValue: { periodStart: period.start, periodEnd: period.end },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow" aria-label={t('incubation.openEvaluation')}>
      <ErrorSummary
        form={form}
        labels={{ periodStart: t('incubation.periodStart'), periodEnd: t('incubation.periodEnd') }}
      />
      <input type="hidden" name="intent" value="evaluate" />
      <Field meta={fields.periodStart} label={t('incubation.periodStart')} type="date" />
      <Field meta={fields.periodEnd} label={t('incubation.periodEnd')} type="date" max={period.today} />
      <SubmitButton>{t('incubation.openEvaluation')}</SubmitButton>
    </Form>
  );
}

function ExitReviewForm({
  graduationGrade,
  lastResult,
}: {
  graduationGrade: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof exitReviewSchema>>({
    id: 'exitReview',
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow" aria-label={t('incubation.exitReview')}>
      <ErrorSummary
        form={form}
        labels={{ decision: t('incubation.decision'), reason: t('incubation.decisionReason') }}
      />
      <input type="hidden" name="intent" value="exitReview" />
      <ChoiceField
        meta={fields.decision}
        label={t('incubation.decision')}
        type="radio"
        options={exitDecisions.map((d) => ({ value: d, label: t(`incubation.exitDecisions.${d}`) }))}
      />
      <p className="hint">
        {t('incubation.graduationRule', { grade: t(messageKey('evaluation.grades', graduationGrade)) })}
      </p>
      <TextareaField meta={fields.reason} label={t('incubation.decisionReason')} rows={3} />
      <SubmitButton>{t('incubation.decideExitReview')}</SubmitButton>
    </Form>
  );
}
