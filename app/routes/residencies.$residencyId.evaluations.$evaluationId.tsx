import { useTranslation } from '~/lib/translation';
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/residencies.$residencyId.evaluations.$evaluationId';
import { requireViewer } from '~/accounts/auth.server';
import { organizationBasis } from '~/delivery/figures.server';
import { EvaluationIndicators, ReviewerScores } from '~/incubation/components/evaluation-indicators';
import { ScoreForm } from '~/incubation/components/score-form';
import {
  cancelEvaluation,
  evaluationView,
  publishEvaluation,
  scoreEvaluation,
} from '~/incubation/residency-evaluations.server';
import { judgedScoreSchema } from '~/incubation/schemas';
import { judgedIndicators } from '~/incubation/settings';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { PageHeader, Section, StateBadge, Stat, Stats } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = evaluationView(viewer, parseId(params.residencyId), parseId(params.evaluationId));
  const { evaluation, organization, residency, settings } = view;
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
    can: view.can,
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
    const close = intent === 'publish' ? publishEvaluation : cancelEvaluation;
    const result = await attempt(() => close(viewer, residencyId, evaluationId));
    return result.ok ? back : refused(result.error);
  }
  const result = await submitForm(
    formData,
    judgedScoreSchema,
    ({ comment, ...scores }) => scoreEvaluation(viewer, residencyId, evaluationId, { scores, comment }),
    { form: 'score' },
  );
  return result.ok ? back : result.reply;
}

export default function Evaluation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { evaluation, result, figures, locale } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
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
        <EvaluationIndicators
          values={loaderData.indicators}
          weights={loaderData.weights}
          figures={figures}
          basis={loaderData.basis}
          scale={loaderData.scale}
          locale={locale}
        />
      </Section>
      {loaderData.reviewers.length ? (
        <Section title={t('incubation.reviewerScores')}>
          <ReviewerScores reviewers={loaderData.reviewers} />
        </Section>
      ) : null}
      {loaderData.can.score ? (
        <ScoreForm
          id="judged"
          criteria={judgedIndicators}
          criterionLabel={(indicator) => t(`incubation.indicators.${indicator}`)}
          weights={loaderData.weights}
          lastResult={actionData && 'score' in actionData ? actionData.score : undefined}
          defaultValue={{ ...loaderData.myScores, comment: loaderData.myComment }}
          ariaLabel={t('incubation.judgedForm')}
          className="narrow"
        />
      ) : null}
      {loaderData.can.close ? (
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
