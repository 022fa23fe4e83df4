import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/tenders.$tenderId.manage';
import { requireUnionRole, requireViewer } from '~/accounts/auth.server';
import { attempt } from '~/lib/actions.server';
import { runTenderClock } from '~/lib/background.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { canTransition } from '~/lib/machine';
import { answerObjection, listObjections } from '~/procurement/award.server';
import { contractIdForTender } from '~/procurement/contracts.server';
import { assignReviewer, listPanel, panelCandidates, removeReviewer } from '~/procurement/evaluation.server';
import { tenderMachine, type TenderState } from '~/procurement/machine';
import { answerQuestion, unansweredQuestions } from '~/procurement/questions.server';
import { answerSchema, objectionAnswerSchema, reasonSchema } from '~/procurement/schemas';
import { cancelTender, requireTender } from '~/procurement/tenders.server';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { Empty, PageHeader, Section, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.tender.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  runTenderClock();
  const viewer = await requireViewer(request);
  const tender = requireTender(parseId(params.tenderId));
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  const panelOpen = ['draft', 'published', 'closed', 'evaluating'].includes(tender.state);
  return {
    locale: await getLocale(request),
    tender: { id: tender.id, title: tender.title, state: tender.state },
    panel: listPanel(tender.id).map((m) => ({ userId: m.userId, name: m.name, declared: m.declaredAt !== null })),
    candidates: panelOpen ? panelCandidates(tender) : [],
    panelOpen,
    questions: unansweredQuestions(viewer, tender),
    objections: listObjections(viewer, tender).map(({ objection, organizationName }) => ({
      id: objection.id,
      organizationName,
      reason: objection.reason,
      state: objection.state,
      answer: objection.answer,
      createdAt: objection.createdAt,
    })),
    canCancel: canTransition(tenderMachine, tender.state as TenderState, 'cancel'),
    contractId: contractIdForTender(tender.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const tenderId = parseId(params.tenderId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  const back = redirect(`/tenders/${tenderId}/manage`);
  const run = async (command: () => unknown, to = back) => {
    const result = await attempt(command);
    return result.ok ? to : data({ failure: result.error.messageKey }, { status: result.error.status });
  };
  if (intent === 'assign') return run(() => assignReviewer(viewer, tenderId, Number(formData.get('userId'))));
  if (intent === 'remove') return run(() => removeReviewer(viewer, tenderId, Number(formData.get('userId'))));
  if (intent === 'answer') {
    const submission = parseWithZod(formData, { schema: answerSchema });
    if (submission.status !== 'success') return data({ failure: 'errors.required' }, { status: 400 });
    const { questionId, answer } = submission.value;
    return run(() => answerQuestion(viewer, tenderId, questionId, answer));
  }
  if (intent === 'answerObjection') {
    const submission = parseWithZod(formData, { schema: objectionAnswerSchema });
    if (submission.status !== 'success')
      return data({ failure: 'procurement.errors.objectionAnswer' }, { status: 400 });
    const { objectionId, decision, answer } = submission.value;
    return run(() => answerObjection(viewer, objectionId, { decision, answer }));
  }
  if (intent === 'cancel') {
    const submission = parseWithZod(formData, { schema: reasonSchema });
    if (submission.status !== 'success') return data({ failure: 'errors.reasonRequired' }, { status: 400 });
    return run(() => cancelTender(viewer, tenderId, submission.value.reason), redirect(`/tenders/${tenderId}`));
  }
  return data({ failure: 'errors.illegalTransition' }, { status: 400 });
}

export default function ManageTender({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tender, locale } = loaderData;
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
      <ActionMessage failure={actionData?.failure} />

      <Section title={t('procurement.panel.title')}>
        <p className="hint">{t('procurement.panel.explanation')}</p>
        {loaderData.panel.length ? (
          <ul data-testid="panel">
            {loaderData.panel.map((m) => (
              <li key={m.userId}>
                {m.name} · {m.declared ? t('procurement.panel.declared') : t('procurement.panel.notDeclared')}
                {loaderData.panelOpen ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={m.userId} />
                    <SubmitButton name="intent" value="remove" className="link-button">
                      {t('procurement.panel.remove', { name: m.name })}
                    </SubmitButton>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('procurement.panel.empty')}</Empty>
        )}
        {loaderData.candidates.length ? (
          <Form method="post" className="inline-form">
            <label htmlFor="reviewer">{t('procurement.panel.add')}</label>
            <select id="reviewer" name="userId">
              {loaderData.candidates.map((c) => (
                <option key={c.userId} value={c.userId}>
                  {c.name}
                </option>
              ))}
            </select>
            <SubmitButton name="intent" value="assign" className="button secondary">
              {t('procurement.panel.assign')}
            </SubmitButton>
          </Form>
        ) : null}
      </Section>

      <Section title={t('procurement.questions.toAnswer')}>
        {loaderData.questions.length ? (
          loaderData.questions.map((q) => (
            <Form method="post" key={q.id} className="card">
              <p id={`question-${q.id}`}>{q.question}</p>
              <input type="hidden" name="questionId" value={q.id} />
              <div className="field">
                <label htmlFor={`answer-${q.id}`}>{t('procurement.questions.answer')}</label>
                <textarea id={`answer-${q.id}`} name="answer" rows={3} required aria-describedby={`question-${q.id}`} />
              </div>
              <SubmitButton name="intent" value="answer">
                {t('procurement.questions.publishAnswer')}
              </SubmitButton>
            </Form>
          ))
        ) : (
          <Empty>{t('procurement.questions.noneWaiting')}</Empty>
        )}
      </Section>

      <Section title={t('procurement.objections.title')}>
        {loaderData.objections.length ? (
          loaderData.objections.map((o) => (
            <div key={o.id} className="card" data-testid="objection">
              <p>
                <strong>{o.organizationName}</strong> · {formatDateTime(o.createdAt, locale)}{' '}
                <StateBadge states="procurement.states.objection" state={o.state} />
              </p>
              <p>{o.reason}</p>
              {o.answer ? (
                <p>
                  {t('procurement.objections.answer')}
                  {t('punctuation.colon')}
                  {o.answer}
                </p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="objectionId" value={o.id} />
                  <fieldset>
                    <legend>{t('procurement.objections.decision')}</legend>
                    <label>
                      <input type="radio" name="decision" value="dismiss" required />{' '}
                      {t('procurement.objections.dismiss')}
                    </label>
                    <label>
                      <input type="radio" name="decision" value="uphold" /> {t('procurement.objections.uphold')}
                    </label>
                  </fieldset>
                  <div className="field">
                    <label htmlFor={`objection-answer-${o.id}`}>{t('procurement.objections.answer')}</label>
                    <textarea id={`objection-answer-${o.id}`} name="answer" rows={3} required />
                  </div>
                  <SubmitButton name="intent" value="answerObjection">
                    {t('procurement.objections.sendAnswer')}
                  </SubmitButton>
                </Form>
              )}
            </div>
          ))
        ) : (
          <Empty>{t('procurement.objections.none')}</Empty>
        )}
      </Section>

      {loaderData.canCancel ? (
        <Section title={t('procurement.cancel.title')}>
          <Form method="post">
            <div className="field">
              <label htmlFor="cancel-reason">{t('procurement.cancel.reason')}</label>
              <textarea id="cancel-reason" name="reason" rows={3} required />
            </div>
            <SubmitButton name="intent" value="cancel" className="button danger">
              {t('procurement.cancel.submit')}
            </SubmitButton>
          </Form>
        </Section>
      ) : null}
    </>
  );
}
