import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/residencies.$residencyId.evaluations.$evaluationId';
import { hasUnionRole, isOrgMember, requireViewer } from '~/accounts/auth.server';
import { organizationBasis } from '~/delivery/figures.server';
import { ScoreForm } from '~/incubation/components/score-form';
import { cancelEvaluation, evaluationView, publishEvaluation, scoreEvaluation } from '~/incubation/evaluations.server';
import { judgedScoreSchema } from '~/incubation/schemas';
import { indicators, judgedIndicators, measuredIndicators } from '~/incubation/settings';
import { attempt } from '~/lib/actions.server';
import { formatPercent } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { FiguresNote } from '~/ui/figures';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { PageHeader, Section, StateBadge, Stat, Stats } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = evaluationView(viewer, parseId(params.residencyId), parseId(params.evaluationId));
  const { evaluation, incubator, organization, residency, settings } = view;
  const open = evaluation.state === 'open';
  const t = await getT(request);
  const reviewerIds = [...new Set(view.scores.map((s) => s.reviewerId))];
  return {
    title: t('incubation.evaluationTitle', {
      organization: organization.name,
      start: evaluation.periodStart,
      end: evaluation.periodEnd,
    }),
    locale: await getLocale(request),
    residencyId: residency.id,
    evaluation: { id: evaluation.id, state: evaluation.state, publishedScore: evaluation.score },
    figures: view.figures,
    basis: organizationBasis(residency.organizationId, 'all'),
    indicators: view.indicators,
    weights: settings.evaluation.weights,
    scale: view.scale,
    result: view.result,
    reviewers: reviewerIds.map((id) => {
      const mine = view.scores.filter((s) => s.reviewerId === id);
      return {
        id,
        name: mine[0]!.name,
        comment: mine[0]!.comment,
        scores: Object.fromEntries(mine.map((s) => [s.indicator, s.score])),
      };
    }),
    myScores: Object.fromEntries(
      view.scores.filter((s) => s.reviewerId === viewer.id).map((s) => [s.indicator, String(s.score)]),
    ),
    myComment: view.scores.find((s) => s.reviewerId === viewer.id)?.comment ?? '',
    can: {
      score:
        open && hasUnionRole(viewer, incubator.unionId, ['reviewer']) && !isOrgMember(viewer, residency.organizationId),
      manage: open && hasUnionRole(viewer, incubator.unionId, ['incubator_manager']),
    },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const residencyId = parseId(params.residencyId);
  const evaluationId = parseId(params.evaluationId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  const back = redirect(`/residencies/${residencyId}/evaluations/${evaluationId}`);
  if (intent === 'publish' || intent === 'cancel') {
    const result = await attempt(() =>
      intent === 'publish'
        ? publishEvaluation(viewer, residencyId, evaluationId)
        : cancelEvaluation(viewer, residencyId, evaluationId),
    );
    return result.ok ? back : data({ failure: result.error.messageKey }, { status: result.error.status });
  }
  const submission = parseWithZod(formData, { schema: judgedScoreSchema });
  if (submission.status !== 'success') return data({ score: submission.reply() }, { status: 400 });
  const { comment, ...scores } = submission.value;
  const result = await attempt(() => scoreEvaluation(viewer, residencyId, evaluationId, { scores, comment }));
  if (!result.ok)
    return data(
      { score: submission.reply({ formErrors: [result.error.messageKey] }) },
      { status: result.error.status },
    );
  return back;
}

function JudgedScoreForm({ loaderData, actionData }: Pick<Route.ComponentProps, 'loaderData' | 'actionData'>) {
  const { t } = useTranslation();
  return (
    <ScoreForm
      id="judged"
      schema={judgedScoreSchema}
      criteria={judgedIndicators}
      criterionLabel={(indicator) => t(`incubation.indicators.${indicator}`)}
      weights={loaderData.weights}
      lastResult={actionData && 'score' in actionData ? actionData.score : undefined}
      defaultValue={{ ...loaderData.myScores, comment: loaderData.myComment }}
      ariaLabel={t('incubation.judgedForm')}
      className="narrow"
    />
  );
}

export default function Evaluation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { evaluation, result, figures, locale } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
  const measuredNote = (indicator: (typeof measuredIndicators)[number]) => {
    if (!figures) return '';
    switch (indicator) {
      case 'sessions':
        return t('incubation.measured.sessions', {
          delivered: figures.sessionsDelivered,
          expected: figures.expectedSessions,
        });
      case 'workerVisits':
        return t('incubation.measured.workerVisits', {
          visits: figures.workerVisits,
          expected: figures.expectedVisits,
        });
      case 'satisfaction':
        return t('incubation.measured.satisfaction', { count: figures.ratings });
      case 'onTime':
        return t('incubation.measured.onTime', { onTime: figures.contractsOnTime, due: figures.contractsDue });
    }
  };
  return (
    <>
      <PageHeader title={loaderData.title}>
        <StateBadge states="incubation.states.residencyEvaluation" state={evaluation.state} />
        <Link to={`/residencies/${loaderData.residencyId}`}>{t('incubation.backToResidency')}</Link>
      </PageHeader>
      <ActionMessage failure={failure} />
      <Stats>
        <Stat label={t('evaluation.score')} value={result ? result.score.toFixed(1) : '—'} testId="evaluation-score" />
        <Stat
          label={t('evaluation.grade')}
          value={result ? t(`evaluation.grades.${result.grade}`) : '—'}
          testId="evaluation-grade"
        />
      </Stats>
      <Section title={t('incubation.indicatorsTitle')}>
        <table data-testid="indicators">
          <thead>
            <tr>
              <th scope="col">{t('incubation.indicator')}</th>
              <th scope="col">{t('incubation.weight')}</th>
              <th scope="col">{t('incubation.value')}</th>
              <th scope="col">{t('incubation.source')}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => (
              <tr key={indicator}>
                <td>{t(`incubation.indicators.${indicator}`)}</td>
                <td>{loaderData.weights[indicator]}%</td>
                <td>{formatPercent(loaderData.indicators[indicator], locale)}</td>
                <td>
                  {(measuredIndicators as readonly string[]).includes(indicator)
                    ? measuredNote(indicator as (typeof measuredIndicators)[number]) || t('incubation.measuredSource')
                    : t('incubation.judgedSource')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {figures ? <FiguresNote basis={loaderData.basis} pending={figures.pending} /> : null}
        <p className="hint">
          {t('incubation.scoreExplanation', {
            excellent: loaderData.scale.excellent,
            good: loaderData.scale.good,
            pass: loaderData.scale.pass,
          })}
        </p>
      </Section>
      {loaderData.reviewers.length ? (
        <Section title={t('incubation.reviewerScores')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('incubation.reviewer')}</th>
                {judgedIndicators.map((i) => (
                  <th key={i} scope="col">
                    {t(`incubation.indicators.${i}`)}
                  </th>
                ))}
                <th scope="col">{t('incubation.reviewComment')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.reviewers.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  {judgedIndicators.map((i) => (
                    <td key={i}>{r.scores[i] ?? '—'}</td>
                  ))}
                  <td>{r.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
      {loaderData.can.score ? <JudgedScoreForm loaderData={loaderData} actionData={actionData} /> : null}
      {loaderData.can.manage ? (
        <Form method="post" className="actions">
          <SubmitButton name="intent" value="publish">
            {t('incubation.publishEvaluation')}
          </SubmitButton>
          <SubmitButton name="intent" value="cancel" className="button secondary">
            {t('incubation.cancelEvaluation')}
          </SubmitButton>
        </Form>
      ) : null}
    </>
  );
}
