import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { entryCriteria, type EntryCriterion } from '../settings';
import { ScoreForm } from './score-form';
import { ErrorSummary, SubmitButton, TextareaField } from '~/ui/form';
import type { decisionSchema } from '../schemas';
import type { z } from 'zod';
import { DataTable } from '~/ui/table';

type ReviewerScores = {
  reviewerId: number;
  name: string;
  scores: Partial<Record<EntryCriterion, number>>;
  total: number | null;
  comment: string;
};

/** Every reviewer's entry-rubric scores, the average against the pass score, and the forms staff may use. */
export function EntryReview({
  scores,
  weights,
  passScore,
  myScores,
  can,
  lastResults,
}: {
  scores: { reviewers: ReviewerScores[]; average: number | null };
  weights: Record<EntryCriterion, number>;
  passScore: number;
  myScores: ReviewerScores | null;
  can: { score: boolean; decide: boolean };
  lastResults: { score?: SubmissionResult<string[]>; decision?: SubmissionResult<string[]> };
}) {
  const { t } = useTranslation();
  return (
    <>
      {scores.reviewers.length ? (
        <DataTable
          testId="entry-scores"
          rows={scores.reviewers}
          rowKey={(r) => r.reviewerId}
          columns={[
            { label: t('incubation.reviewer'), title: true, cell: (r) => r.name },
            ...entryCriteria.map((c) => ({
              label: t('incubation.withWeight', { name: t(`incubation.entryCriteria.${c}`), weight: weights[c] }),
              cell: (r: (typeof scores.reviewers)[number]) => r.scores[c] ?? '—',
            })),
            { label: t('incubation.weightedScore'), cell: (r) => r.total?.toFixed(1) ?? '—' },
          ]}
        />
      ) : (
        <p className="empty">{t('incubation.noScores')}</p>
      )}
      <p data-testid="entry-average">
        {t('incubation.averageLine', { average: scores.average?.toFixed(1) ?? '—', pass: passScore })}
      </p>
      {can.score ? (
        <ScoreForm
          id="score"
          criteria={entryCriteria}
          criterionLabel={(criterion) => t(`incubation.entryCriteria.${criterion}`)}
          weights={weights}
          lastResult={lastResults.score}
          defaultValue={
            myScores
              ? {
                  ...Object.fromEntries(Object.entries(myScores.scores).map(([k, v]) => [k, String(v)])),
                  comment: myScores.comment,
                }
              : undefined
          }
          ariaLabel={t('incubation.scoreForm')}
        />
      ) : null}
      {can.decide ? (
        <DecisionForm lastResult={lastResults.decision} passScore={passScore} average={scores.average} />
      ) : null}
    </>
  );
}

function DecisionForm({
  lastResult,
  passScore,
  average,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  passScore: number;
  average: number | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof decisionSchema>>({
    id: 'decision',
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary form={form} labels={{ reason: t('incubation.decisionReason') }} />
      <p className="hint">{t('incubation.decisionHint', { pass: passScore, average: average ?? '—' })}</p>
      <TextareaField meta={fields.reason} label={t('incubation.decisionReason')} rows={3} />
      <div className="actions">
        <SubmitButton name="intent" value="admit">
          {t('incubation.admit')}
        </SubmitButton>
        <SubmitButton name="intent" value="reject" className="button secondary">
          {t('incubation.reject')}
        </SubmitButton>
      </div>
    </Form>
  );
}
