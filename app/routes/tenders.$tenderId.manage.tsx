import { useTranslation } from '~/lib/translation';
import { data, Link, redirect } from 'react-router';
import type { Route } from './+types/tenders.$tenderId.manage';
import { requireUnionRole, requireViewer } from '~/accounts/auth.server';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { runTenderClock } from '~/jobs/ticks.server';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { answerObjection, listObjections } from '~/procurement/award.server';
import { ObjectionsToAnswer, QuestionsToAnswer, ReviewPanel } from '~/procurement/components/tender-management';
import { contractIdForTender } from '~/procurement/contracts.server';
import { assignReviewer, listPanel, panelCandidates, removeReviewer } from '~/procurement/evaluation.server';
import * as rules from '~/procurement/permissions';
import { may } from '~/lib/permission';
import { answerQuestion, unansweredQuestions } from '~/procurement/questions.server';
import { answerSchema, objectionAnswerSchema, reasonSchema } from '~/procurement/schemas';
import { cancelTender, requireTender } from '~/procurement/tenders.server';
import { ActionMessage, ReasonForm, replyTo } from '~/ui/form';
import { PageHeader, StateBadge } from '~/ui/page';
import type { z } from 'zod';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.tender.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  runTenderClock();
  const viewer = await requireViewer(request);
  const tender = requireTender(parseId(params.tenderId));
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  const canChangePanel = may(rules.mayChangePanel(viewer, tender));
  return {
    locale: await getLocale(request),
    tender: { id: tender.id, title: tender.title, state: tender.state },
    panel: listPanel(tender.id).map((m) => ({ userId: m.userId, name: m.name, declared: m.declaredAt !== null })),
    candidates: canChangePanel ? panelCandidates(tender) : [],
    canChangePanel,
    questions: unansweredQuestions(viewer, tender),
    canAnswerQuestions: may(rules.mayAnswerQuestion(viewer, tender)),
    objections: listObjections(viewer, tender).map(({ objection, organizationName }) => ({
      id: objection.id,
      organizationName,
      reason: objection.reason,
      state: objection.state,
      answer: objection.answer,
      createdAt: objection.createdAt,
      canAnswer: may(rules.mayAnswerObjection(viewer, tender, objection)),
    })),
    canCancel: may(rules.mayCancelTender(viewer, tender)),
    contractId: contractIdForTender(tender.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const tenderId = parseId(params.tenderId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  const run = async (command: () => unknown, to = `/tenders/${tenderId}/manage`) => {
    const result = await attempt(command);
    return result.ok ? redirect(to) : refused(result.error);
  };
  const userId = Number(formData.get('userId'));
  if (intent === 'assign') return run(() => assignReviewer(viewer, tenderId, userId));
  if (intent === 'remove') return run(() => removeReviewer(viewer, tenderId, userId));
  if (intent === 'answer') {
    const answer = (value: { questionId: number; answer: string }) =>
      answerQuestion(viewer, tenderId, value.questionId, value.answer);
    const result = await submitForm(formData, answerSchema, answer, { form: 'answer' });
    return result.ok ? redirect(`/tenders/${tenderId}/manage`) : result.reply;
  }
  if (intent === 'answerObjection') {
    const answer = ({ objectionId, ...value }: z.output<typeof objectionAnswerSchema>) =>
      answerObjection(viewer, objectionId, value);
    const result = await submitForm(formData, objectionAnswerSchema, answer, { form: 'answerObjection' });
    return result.ok ? redirect(`/tenders/${tenderId}/manage`) : result.reply;
  }
  if (intent === 'cancel') {
    const cancel = ({ reason }: { reason: string }) => cancelTender(viewer, tenderId, reason);
    const result = await submitForm(formData, reasonSchema, cancel, { form: 'cancel' });
    return result.ok ? redirect(`/tenders/${tenderId}`) : result.reply;
  }
  return data({ failure: 'errors.illegalTransition' }, { status: 400 });
}

export default function ManageTender({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tender } = loaderData;
  return (
    <>
      <PageHeader title={t('procurement.manage.title', { title: tender.title })}>
        <StateBadge states="procurement.states.tender" state={tender.state} />
      </PageHeader>
      <p>
        <Link to={`/tenders/${tender.id}`}>{t('procurement.backToTender')}</Link>
        {loaderData.contractId ? (
          <>
            {' · '}
            <Link to={`/contracts/${loaderData.contractId}`}>{t('procurement.manage.contract')}</Link>
          </>
        ) : null}
      </p>
      <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
      <ReviewPanel panel={loaderData.panel} candidates={loaderData.candidates} canChange={loaderData.canChangePanel} />
      <QuestionsToAnswer
        questions={loaderData.questions}
        canAnswer={loaderData.canAnswerQuestions}
        replyTo={(questionId) => replyTo(actionData, 'answer', { questionId })}
      />
      <ObjectionsToAnswer
        objections={loaderData.objections}
        locale={loaderData.locale}
        replyTo={(objectionId) => replyTo(actionData, 'answerObjection', { objectionId })}
      />
      {loaderData.canCancel ? (
        <ReasonForm
          title={t('procurement.cancel.title')}
          label={t('procurement.cancel.reason')}
          intent="cancel"
          submit={t('procurement.cancel.submit')}
          lastResult={replyTo(actionData, 'cancel')}
        />
      ) : null}
    </>
  );
}
