import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/tenders.$tenderId.evaluate';
import { requireViewer } from '~/accounts/auth.server';
import { attempt } from '~/lib/actions.server';
import { runTenderClock } from '~/lib/background.server';
import { formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { proposeAward } from '~/procurement/award.server';
import { declareConflicts, evaluationView, scoreBid } from '~/procurement/evaluation.server';
import { scoredCriteria } from '~/procurement/machine';
import { scoreSchema } from '~/procurement/schemas';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { PageHeader, Section, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.tender.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  runTenderClock();
  const viewer = await requireViewer(request);
  const view = evaluationView(viewer, parseId(params.tenderId));
  const { tender } = view;
  return {
    locale: await getLocale(request),
    tender: {
      id: tender.id,
      title: tender.title,
      state: tender.state,
      weights: tender.weights,
      objectionDays: tender.objectionDays,
    },
    me: view.me,
    canDeclare: view.me !== null && !view.me.declared && ['closed', 'evaluating'].includes(tender.state),
    bidders: view.bidders,
    toScore: view.toScore.map((b) => ({
      id: b.id,
      organizationName: b.organizationName,
      content: b.content,
      proposedTrackRecord: b.proposedTrackRecord,
      mine: b.mine,
    })),
    canScore: ['closed', 'evaluating'].includes(tender.state),
    ranking: view.ranking,
    reviewerNames: Object.fromEntries(view.reviewerNames),
    panel: view.panel,
    canAward: view.isCommissioner && tender.state === 'evaluating' && view.panelDone,
    awaitingPanel: view.isCommissioner && tender.state === 'evaluating' && !view.panelDone,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const tenderId = parseId(params.tenderId);
  const formData = await request.formData();
  const back = redirect(`/tenders/${tenderId}/evaluate`);
  const intent = formData.get('intent');
  if (intent === 'declare') {
    const conflicts = formData.getAll('conflict').map(Number);
    const result = await attempt(() => declareConflicts(viewer, tenderId, conflicts));
    return result.ok ? back : data({ failure: result.error.messageKey }, { status: result.error.status });
  }
  if (intent === 'award') {
    const result = await attempt(() => proposeAward(viewer, tenderId, Number(formData.get('bidId'))));
    if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
    return redirect(result.value ? `/contracts/${result.value}` : `/tenders/${tenderId}`);
  }
  const submission = parseWithZod(formData, { schema: scoreSchema });
  if (submission.status !== 'success') return data({ failure: 'errors.scoreRange' }, { status: 400 });
  const result = await attempt(() => scoreBid(viewer, tenderId, submission.value));
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return back;
}

type LoaderData = Route.ComponentProps['loaderData'];

function Declaration({ loaderData }: { loaderData: LoaderData }) {
  const { t } = useTranslation();
  return (
    <Section title={t('procurement.declaration.title')}>
      <p>{t('procurement.declaration.explanation')}</p>
      <Form method="post">
        <fieldset>
          <legend>{t('procurement.declaration.bidders', { count: loaderData.bidders.length })}</legend>
          {loaderData.bidders.map((b) => (
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

function ScoreForm({ bid, canScore }: { bid: LoaderData['toScore'][number]; canScore: boolean }) {
  const { t } = useTranslation();
  const mine = (criterion: string) => bid.mine.find((s) => s.criterion === criterion);
  const proposal = bid.proposedTrackRecord;
  return (
    <Form
      method="post"
      className="score-form"
      aria-label={t('procurement.evaluate.scoreFor', { organization: bid.organizationName })}
    >
      <input type="hidden" name="bidId" value={bid.id} />
      {scoredCriteria.map((criterion) => (
        <fieldset key={criterion} disabled={!canScore}>
          <div className="field inline">
            <label htmlFor={`score-${bid.id}-${criterion}`}>
              {t('punctuation.parenthesized', { text: t(`procurement.criteria.${criterion}`), note: '0–100' })}
            </label>
            <input
              id={`score-${bid.id}-${criterion}`}
              name={criterion}
              type="number"
              min={0}
              max={100}
              required
              defaultValue={mine(criterion)?.score ?? (criterion === 'track_record' ? proposal?.score : undefined)}
              aria-describedby={criterion === 'track_record' ? `proposal-${bid.id}` : undefined}
            />
          </div>
          {criterion === 'track_record' ? (
            <p className="hint" id={`proposal-${bid.id}`}>
              {proposal
                ? t('procurement.evaluate.proposal', {
                    score: proposal.score,
                    grade: t(`evaluation.grades.${proposal.grade}`),
                  })
                : t('procurement.evaluate.noProposal')}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor={`comment-${bid.id}-${criterion}`}>
              {t('procurement.evaluate.commentOn', { criterion: t(`procurement.criteria.${criterion}`) })}
            </label>
            <textarea
              id={`comment-${bid.id}-${criterion}`}
              name={`${criterion}_comment`}
              rows={2}
              defaultValue={mine(criterion)?.comment}
            />
          </div>
        </fieldset>
      ))}
      {canScore ? <SubmitButton>{t('procurement.evaluate.saveScore')}</SubmitButton> : null}
    </Form>
  );
}

function Ranking({ loaderData }: { loaderData: LoaderData }) {
  const { t } = useTranslation();
  const { locale, tender } = loaderData;
  const names = new Map(loaderData.bidders.map((b) => [b.bidId, b.organizationName]));
  return (
    <Section title={t('procurement.evaluate.ranking')}>
      <table data-testid="ranking">
        <thead>
          <tr>
            <th scope="col">{t('procurement.evaluate.rank')}</th>
            <th scope="col">{t('procurement.evaluate.organization')}</th>
            <th scope="col">{t('procurement.bids.price')}</th>
            {(['price', ...scoredCriteria] as const).map((c) => (
              <th scope="col" key={c}>
                {t('punctuation.parenthesized', { text: t(`procurement.criteria.${c}`), note: tender.weights[c] })}
              </th>
            ))}
            <th scope="col">{t('procurement.evaluate.total')}</th>
            {loaderData.canAward ? <th scope="col">{t('procurement.evaluate.award')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {loaderData.ranking.map((r) => (
            <tr key={r.bidId}>
              <td>{r.rank}</td>
              <td>{names.get(r.bidId)}</td>
              <td>{formatMoney(r.priceFen, locale)}</td>
              <td>{r.parts.price.toFixed(1)}</td>
              <td>{r.parts.plan.toFixed(1)}</td>
              <td>{r.parts.team.toFixed(1)}</td>
              <td>{r.parts.track_record.toFixed(1)}</td>
              <td>{r.total.toFixed(1)}</td>
              {loaderData.canAward ? (
                <td>
                  {r.rank === 1 ? (
                    <Form method="post">
                      <input type="hidden" name="bidId" value={r.bidId} />
                      <SubmitButton name="intent" value="award">
                        {t('procurement.evaluate.awardTo', { organization: names.get(r.bidId) })}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {loaderData.canAward ? (
        <p className="hint">
          {tender.objectionDays === 0
            ? t('procurement.evaluate.awardImmediate')
            : t('procurement.evaluate.awardWithObjections', { days: tender.objectionDays })}
        </p>
      ) : null}
      {loaderData.awaitingPanel ? <p className="hint">{t('procurement.evaluate.awaitingPanel')}</p> : null}

      <h3>{t('procurement.evaluate.byReviewer')}</h3>
      <table data-testid="reviewer-scores">
        <thead>
          <tr>
            <th scope="col">{t('procurement.evaluate.organization')}</th>
            <th scope="col">{t('procurement.evaluate.reviewer')}</th>
            {scoredCriteria.map((c) => (
              <th scope="col" key={c}>
                {t(`procurement.criteria.${c}`)}
              </th>
            ))}
            <th scope="col">{t('procurement.evaluate.total')}</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.ranking.flatMap((r) => [
            ...r.reviewers.map((rv) => (
              <tr key={`${r.bidId}-${rv.reviewerId}`}>
                <td>{names.get(r.bidId)}</td>
                <td>{loaderData.reviewerNames[rv.reviewerId]}</td>
                {scoredCriteria.map((c) => (
                  <td key={c}>{rv.scores[c] ?? '—'}</td>
                ))}
                <td>{rv.total.toFixed(1)}</td>
              </tr>
            )),
            <tr key={`${r.bidId}-mean`} className="mean">
              <td>{names.get(r.bidId)}</td>
              <td>{t('procurement.evaluate.mean')}</td>
              {scoredCriteria.map((c) => (
                <td key={c}>{r.means[c] === null ? '—' : r.means[c].toFixed(1)}</td>
              ))}
              <td>{r.total.toFixed(1)}</td>
            </tr>,
          ])}
        </tbody>
      </table>
    </Section>
  );
}

export default function Evaluate({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tender, locale } = loaderData;
  return (
    <>
      <PageHeader title={t('procurement.evaluate.title', { title: tender.title })}>
        <StateBadge states="procurement.states.tender" state={tender.state} />
      </PageHeader>
      <p>
        <Link to={`/tenders/${tender.id}`}>{t('procurement.backToTender')}</Link>
      </p>
      <ActionMessage failure={actionData?.failure} />
      {loaderData.canDeclare ? <Declaration loaderData={loaderData} /> : null}
      {loaderData.ranking.length ? <Ranking loaderData={loaderData} /> : null}

      <Section title={t('procurement.panel.progress')}>
        <ul>
          {loaderData.panel.map((p) => (
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

      {loaderData.toScore.map((bid) => (
        <Section key={bid.id} title={bid.organizationName}>
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
          <ScoreForm bid={bid} canScore={loaderData.canScore} />
        </Section>
      ))}
      {loaderData.me?.declared && loaderData.me.conflicts.length ? (
        <p className="hint">{t('procurement.evaluate.conflictsHidden', { count: loaderData.me.conflicts.length })}</p>
      ) : null}
    </>
  );
}
