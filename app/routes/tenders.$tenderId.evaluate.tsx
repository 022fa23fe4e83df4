import { useTranslation } from '~/lib/translation';
import { Link, redirect } from 'react-router';
import type { Route } from './+types/tenders.$tenderId.evaluate';
import { requireViewer } from '~/accounts/auth.server';
import { attempt, confirmationOf, explained, refused, submitForm } from '~/lib/actions.server';
import { runTenderClock } from '~/jobs/ticks.server';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { proposeAward } from '~/procurement/award.server';
import { BidToScore, Declaration, PanelProgressList, Ranking } from '~/procurement/components/evaluation-sections';
import { declareConflicts, evaluationView, scoreBid } from '~/procurement/evaluation.server';
import * as rules from '~/procurement/permissions';
import { may } from '~/lib/permission';
import { scoreSchema } from '~/procurement/schemas';
import { ConfirmPage } from '~/ui/confirm';
import { ActionMessage, replyTo } from '~/ui/form';
import { PageHeader, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.tender.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  runTenderClock();
  const viewer = await requireViewer(request);
  const view = explained(() => evaluationView(viewer, parseId(params.tenderId)));
  const { tender } = view;
  const mayAward = may(rules.mayProposeAward(viewer, tender, { done: true }));
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
    canDeclare: may(rules.mayDeclareConflicts(tender, view.me)),
    bidders: view.bidders,
    toScore: view.toScore.map((b) => ({
      id: b.id,
      organizationName: b.organizationName,
      content: b.content,
      proposedTrackRecord: b.proposedTrackRecord,
      mine: b.mine,
    })),
    canScore: may(rules.mayScore(tender, view.me)),
    ranking: view.ranking,
    reviewerNames: Object.fromEntries(view.reviewerNames),
    panel: view.panel,
    canAward: mayAward && view.panelDone,
    awaitingPanel: mayAward && !view.panelDone,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const tenderId = parseId(params.tenderId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'declare') {
    const result = await attempt(() => declareConflicts(viewer, tenderId, formData.getAll('conflict').map(Number)));
    return result.ok ? redirect(`/tenders/${tenderId}/evaluate`) : refused(result.error);
  }
  if (intent === 'award') {
    const ask = await confirmationOf(formData, () => {
      const { tender, panelDone } = evaluationView(viewer, tenderId);
      return rules.mayProposeAward(viewer, tender, { done: panelDone });
    });
    if (ask) return ask;
    const result = await attempt(() => proposeAward(viewer, tenderId, Number(formData.get('bidId'))));
    if (!result.ok) return refused(result.error);
    return redirect(result.value ? `/contracts/${result.value}` : `/tenders/${tenderId}`);
  }
  const result = await submitForm(formData, scoreSchema, (value) => scoreBid(viewer, tenderId, value), {
    form: 'score',
  });
  return result.ok ? redirect(`/tenders/${tenderId}/evaluate`) : result.reply;
}

export default function Evaluate({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tender, locale } = loaderData;
  if (actionData && 'confirm' in actionData) {
    const winner = loaderData.bidders.find((b) => String(b.bidId) === actionData.confirm.bidId);
    const organization = winner?.organizationName ?? '';
    return (
      <ConfirmPage
        title={t('procurement.confirm.award.title', { organization })}
        happens={[
          t('procurement.confirm.award.publish', { organization, days: tender.objectionDays }),
          t('procurement.confirm.award.contract'),
        ]}
        cannotUndo={t('procurement.confirm.award.cannotUndo')}
        submit={t('procurement.confirm.award.submit')}
        fields={actionData.confirm}
        cancelTo={`/tenders/${tender.id}/evaluate`}
      />
    );
  }
  return (
    <>
      <PageHeader title={t('procurement.evaluate.title', { title: tender.title })}>
        <StateBadge states="procurement.states.tender" state={tender.state} />
      </PageHeader>
      <p>
        <Link to={`/tenders/${tender.id}`}>{t('procurement.backToTender')}</Link>
      </p>
      <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
      {loaderData.canDeclare ? <Declaration bidders={loaderData.bidders} /> : null}
      {loaderData.ranking.length ? (
        <Ranking
          tender={tender}
          ranking={loaderData.ranking}
          bidders={loaderData.bidders}
          reviewerNames={loaderData.reviewerNames}
          canAward={loaderData.canAward}
          awaitingPanel={loaderData.awaitingPanel}
          locale={locale}
        />
      ) : null}
      <PanelProgressList panel={loaderData.panel} />
      {loaderData.toScore.map((bid) => (
        <BidToScore
          key={bid.id}
          bid={bid}
          canScore={loaderData.canScore}
          locale={locale}
          lastResult={replyTo(actionData, 'score', { bidId: bid.id })}
        />
      ))}
      {loaderData.me?.declared && loaderData.me.conflicts.length ? (
        <p className="hint">{t('procurement.evaluate.conflictsHidden', { count: loaderData.me.conflicts.length })}</p>
      ) : null}
    </>
  );
}
