import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { z } from 'zod';
import type { evaluationView, PanelProgress } from '../evaluation.server';
import { scoredCriteria } from '../machine';
import type { scoreSchema } from '../schemas';
import { formatMoney } from '~/lib/format';
import { ErrorSummary, Field, SubmitButton, TextareaField } from '~/ui/form';
import { Section } from '~/ui/page';
import { DataTable } from '~/ui/table';

type View = ReturnType<typeof evaluationView>;
type Bidders = View['bidders'];

/** A panel member's declaration of conflicts of interest, made once before any bid is shown. */
export function Declaration({ bidders }: { bidders: Bidders }) {
  const { t } = useTranslation();
  return (
    <Section title={t('procurement.declaration.title')}>
      <p>{t('procurement.declaration.explanation')}</p>
      <Form method="post">
        <fieldset>
          <legend>{t('procurement.declaration.bidders', { count: bidders.length })}</legend>
          {bidders.map((b) => (
            <label key={b.organizationId} className="checkbox">
              <input type="checkbox" name="conflict" value={b.organizationId} />{' '}
              {t('procurement.declaration.conflictWith', { organization: b.organizationName })}
            </label>
          ))}
        </fieldset>
        <p className="hint">{t('procurement.declaration.statement')}</p>
        <SubmitButton name="intent" value="declare">
          {t('procurement.declaration.submit')}
        </SubmitButton>
      </Form>
    </Section>
  );
}

type BidToScore = Pick<View['toScore'][number], 'id' | 'organizationName' | 'content' | 'proposedTrackRecord' | 'mine'>;

type Reply = SubmissionResult<string[]> | undefined;

function ScoreForm({ bid, canScore, lastResult }: { bid: BidToScore; canScore: boolean; lastResult: Reply }) {
  const { t } = useTranslation();
  const mine = (criterion: string) => bid.mine.find((s) => s.criterion === criterion);
  const proposal = bid.proposedTrackRecord;
  const scoreOf = (criterion: (typeof scoredCriteria)[number]) =>
    mine(criterion)?.score ?? (criterion === 'track_record' ? proposal?.score : undefined);
  const [form, fields] = useForm<z.input<typeof scoreSchema>>({
    id: `score-${bid.id}`,
    lastResult,
    defaultValue: Object.fromEntries(
      scoredCriteria.flatMap((c) => [
        [c, scoreOf(c)?.toString()],
        [`${c}_comment`, mine(c)?.comment],
      ]),
    ),
  });
  const scoreLabel = (c: (typeof scoredCriteria)[number]) =>
    t('punctuation.parenthesized', { text: t(`procurement.criteria.${c}`), note: '0–100' });
  const commentLabel = (c: (typeof scoredCriteria)[number]) =>
    t('procurement.evaluate.commentOn', { criterion: t(`procurement.criteria.${c}`) });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="score-form"
      aria-label={t('procurement.evaluate.scoreFor', { organization: bid.organizationName })}
    >
      <ErrorSummary
        form={form}
        labels={Object.fromEntries(
          scoredCriteria.flatMap((c) => [
            [c, scoreLabel(c)],
            [`${c}_comment`, commentLabel(c)],
          ]),
        )}
      />
      <input type="hidden" name="bidId" value={bid.id} />
      {scoredCriteria.map((criterion) => (
        <fieldset key={criterion} disabled={!canScore}>
          <Field
            meta={fields[criterion]}
            label={scoreLabel(criterion)}
            type="number"
            min={0}
            max={100}
            hint={
              criterion !== 'track_record'
                ? undefined
                : proposal
                  ? t('procurement.evaluate.proposal', {
                      score: proposal.score,
                      grade: t(`evaluation.grades.${proposal.grade}`),
                    })
                  : t('procurement.evaluate.noProposal')
            }
          />
          <TextareaField meta={fields[`${criterion}_comment`]} label={commentLabel(criterion)} rows={2} />
        </fieldset>
      ))}
      {canScore ? <SubmitButton>{t('procurement.evaluate.saveScore')}</SubmitButton> : null}
    </Form>
  );
}

/** One opened bid as a declared reviewer reads it, with their scores. */
export function BidToScore({
  bid,
  canScore,
  locale,
  lastResult,
}: {
  bid: BidToScore;
  canScore: boolean;
  locale: string;
  lastResult: Reply;
}) {
  const { t } = useTranslation();
  return (
    <Section title={bid.organizationName}>
      <p>
        {t('procurement.bids.price')}
        {t('punctuation.colon')}
        {formatMoney(bid.content.priceFen, locale)}
      </p>
      <h3>{t('procurement.bids.plan')}</h3>
      <p className="prose">{bid.content.plan}</p>
      {bid.content.team ? (
        <>
          <h3>{t('procurement.bids.team')}</h3>
          <p className="prose">{bid.content.team}</p>
        </>
      ) : null}
      <ScoreForm bid={bid} canScore={canScore} lastResult={lastResult} />
    </Section>
  );
}

/** Who on the panel has declared, and how many bids each has scored. */
export function PanelProgressList({ panel }: { panel: PanelProgress[] }) {
  const { t } = useTranslation();
  return (
    <Section title={t('procurement.panel.progress')}>
      <ul>
        {panel.map((p) => (
          <li key={p.userId}>
            {p.name}
            {t('punctuation.colon')}
            {p.declared
              ? t('procurement.panel.scoredOf', { scored: p.scored, total: p.toScore })
              : t('procurement.panel.notDeclared')}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The ranking by weighted score, each reviewer's scores, and the award button where the commissioner may propose it. */
export function Ranking({
  tender,
  ranking,
  bidders,
  reviewerNames,
  canAward,
  awaitingPanel,
  locale,
}: {
  tender: Pick<View['tender'], 'weights' | 'objectionDays'>;
  ranking: View['ranking'];
  bidders: Bidders;
  reviewerNames: Record<number, string>;
  canAward: boolean;
  awaitingPanel: boolean;
  locale: string;
}) {
  const { t } = useTranslation();
  const names = new Map(bidders.map((b) => [b.bidId, b.organizationName]));
  // Each bid's reviewers, then their mean.
  const byReviewer = ranking.flatMap((r) => [
    ...r.reviewers.map((rv) => ({
      key: `${r.bidId}-${rv.reviewerId}`,
      bidId: r.bidId,
      who: reviewerNames[rv.reviewerId],
      scores: rv.scores,
      total: rv.total,
      mean: false,
    })),
    {
      key: `${r.bidId}-mean`,
      bidId: r.bidId,
      who: t('procurement.evaluate.mean'),
      scores: r.means,
      total: r.total,
      mean: true,
    },
  ]);
  return (
    <Section title={t('procurement.evaluate.ranking')}>
      <DataTable
        testId="ranking"
        rows={ranking}
        rowKey={(r) => r.bidId}
        columns={[
          { label: t('procurement.evaluate.rank'), cell: (r) => r.rank },
          { label: t('procurement.evaluate.organization'), title: true, cell: (r) => names.get(r.bidId) },
          { label: t('procurement.bids.price'), cell: (r) => formatMoney(r.priceFen, locale) },
          ...(['price', ...scoredCriteria] as const).map((c) => ({
            label: t('punctuation.parenthesized', { text: t(`procurement.criteria.${c}`), note: tender.weights[c] }),
            cell: (r: (typeof ranking)[number]) => r.parts[c].toFixed(1),
          })),
          { label: t('procurement.evaluate.total'), cell: (r) => r.total.toFixed(1) },
          canAward && {
            label: t('procurement.evaluate.award'),
            action: true,
            cell: (r) =>
              r.rank === 1 ? (
                <Form method="post">
                  <input type="hidden" name="bidId" value={r.bidId} />
                  <SubmitButton name="intent" value="award">
                    {t('procurement.evaluate.awardTo', { organization: names.get(r.bidId) })}
                  </SubmitButton>
                </Form>
              ) : null,
          },
        ]}
      />
      {canAward ? (
        <p className="hint">
          {tender.objectionDays === 0
            ? t('procurement.evaluate.awardImmediate')
            : t('procurement.evaluate.awardWithObjections', { days: tender.objectionDays })}
        </p>
      ) : null}
      {awaitingPanel ? <p className="hint">{t('procurement.evaluate.awaitingPanel')}</p> : null}

      <h3>{t('procurement.evaluate.byReviewer')}</h3>
      <DataTable
        testId="reviewer-scores"
        rows={byReviewer}
        rowKey={(row) => row.key}
        rowProps={(row) => (row.mean ? { className: 'mean' } : {})}
        columns={[
          { label: t('procurement.evaluate.organization'), title: true, cell: (row) => names.get(row.bidId) },
          { label: t('procurement.evaluate.reviewer'), cell: (row) => row.who },
          ...scoredCriteria.map((c) => ({
            label: t(`procurement.criteria.${c}`),
            cell: (row: (typeof byReviewer)[number]) => {
              const score = row.scores[c];
              return score === null ? '—' : row.mean ? score.toFixed(1) : score;
            },
          })),
          { label: t('procurement.evaluate.total'), cell: (row) => row.total.toFixed(1) },
        ]}
      />
    </Section>
  );
}
