import { useTranslation } from '~/lib/translation';
import { Form, redirect } from 'react-router';
import type { Route } from './+types/applications.$applicationId';
import { requireViewer } from '~/accounts/auth.server';
import {
  admitApplication,
  applicationView,
  rejectApplication,
  savePlan,
  scoreApplication,
  startReview,
  submitApplication,
  withdrawApplication,
} from '~/incubation/applications.server';
import {
  addAttachment,
  attachmentFormSchema,
  attachmentLimits,
  readApplicationForm,
  removeAttachment,
} from '~/incubation/application-attachments.server';
import { ApplicationAttachments } from '~/incubation/components/application-attachments';
import { ApplicationFacts } from '~/incubation/components/application-facts';
import { PlanForm } from '~/incubation/components/application-plan';
import { EntryReview } from '~/incubation/components/entry-review';
import { decisionSchema, entryScoreSchema, planSchema } from '~/incubation/schemas';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { UserError } from '~/lib/errors';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ActionMessage, replyTo, SubmitButton } from '~/ui/form';
import { PageHeader, Section, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = applicationView(viewer, parseId(params.applicationId));
  const t = await getT(request);
  return {
    ...view,
    title: t('incubation.applicationTitle', { organization: view.organization.name, incubator: view.incubator.name }),
    locale: await getLocale(request),
    maxMegabytes: attachmentLimits.maxBytes / (1024 * 1024),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const applicationId = parseId(params.applicationId);
  const form = await attempt(() => readApplicationForm(request));
  if (!form.ok) return refused(form.error);
  const formData = form.value;
  const back = redirect(`/applications/${applicationId}`);
  const respond = async (command: () => unknown, to = back) => {
    const result = await attempt(command);
    return result.ok ? to : refused(result.error);
  };
  if (request.headers.get('content-type')?.startsWith('multipart/form-data')) {
    const attach = ({ file }: { file: File }) => addAttachment(viewer, applicationId, file);
    const result = await submitForm(formData, attachmentFormSchema, attach, { form: 'attach' });
    return result.ok ? redirect(`/applications/${applicationId}?uploaded`) : result.reply;
  }
  const intent = formData.get('intent');
  if (intent === 'save' || intent === 'submit') {
    const result = await submitForm(
      formData,
      planSchema,
      (value) => {
        savePlan(viewer, applicationId, value.plan);
        if (value.intent === 'submit') submitApplication(viewer, applicationId);
      },
      { form: 'plan' },
    );
    return result.ok ? back : result.reply;
  }
  if (intent === 'removeAttachment') {
    return respond(() => removeAttachment(viewer, applicationId, Number(formData.get('attachmentId'))));
  }
  if (intent === 'withdraw') return respond(() => withdrawApplication(viewer, applicationId));
  if (intent === 'review') return respond(() => startReview(viewer, applicationId));
  if (intent === 'score') {
    const result = await submitForm(
      formData,
      entryScoreSchema,
      ({ comment, ...scores }) => scoreApplication(viewer, applicationId, { scores, comment }),
      { form: 'score' },
    );
    return result.ok ? back : result.reply;
  }
  if (intent === 'admit' || intent === 'reject') {
    const decide = intent === 'admit' ? admitApplication : rejectApplication;
    const result = await submitForm(formData, decisionSchema, ({ reason }) => decide(viewer, applicationId, reason), {
      form: 'decision',
    });
    return result.ok ? back : result.reply;
  }
  return refused(new UserError('errors.unexpected'));
}

export default function Application({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { application, can, scores } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
  return (
    <>
      <PageHeader title={loaderData.title}>
        <StateBadge states="incubation.states.application" state={application.state} />
      </PageHeader>
      <ActionMessage failure={failure} />
      <ApplicationFacts {...loaderData} />
      <Section title={t('incubation.plan')}>
        {can.edit ? (
          <PlanForm
            plan={application.plan}
            lastResult={actionData && 'plan' in actionData ? actionData.plan : undefined}
          />
        ) : (
          <p className="prose">{application.plan}</p>
        )}
      </Section>
      <Section title={t('incubation.attachments')}>
        <ApplicationAttachments
          applicationId={application.id}
          attachments={loaderData.attachments}
          editable={can.edit}
          maxMegabytes={loaderData.maxMegabytes}
          lastResult={replyTo(actionData, 'attach')}
        />
      </Section>
      {can.withdraw ? (
        <Form method="post">
          <SubmitButton name="intent" value="withdraw" className="button secondary">
            {t('incubation.withdraw')}
          </SubmitButton>
        </Form>
      ) : null}
      {can.review ? (
        <Form method="post">
          <SubmitButton name="intent" value="review">
            {t('incubation.startReview')}
          </SubmitButton>
        </Form>
      ) : null}
      {scores ? (
        <Section title={t('incubation.entryReview')}>
          <EntryReview
            scores={scores}
            weights={loaderData.weights}
            passScore={loaderData.passScore}
            myScores={loaderData.myScores}
            can={can}
            lastResults={{
              score: actionData && 'score' in actionData ? actionData.score : undefined,
              decision: actionData && 'decision' in actionData ? actionData.decision : undefined,
            }}
          />
        </Section>
      ) : null}
    </>
  );
}
