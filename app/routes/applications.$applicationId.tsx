import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/applications.$applicationId';
import { hasUnionRole, requireViewer } from '~/accounts/auth.server';
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
  attachmentLimits,
  readApplicationForm,
  removeAttachment,
} from '~/incubation/attachments.server';
import { canTransition } from '~/lib/machine';
import { ScoreForm } from '~/incubation/components/score-form';
import { applicationMachine, type ApplicationState } from '~/incubation/machine';
import { decisionSchema, entryScoreSchema, planSchema } from '~/incubation/schemas';
import { entryCriteria } from '~/incubation/settings';
import { attempt } from '~/lib/actions.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ActionMessage, FormErrors, SubmitButton, TextareaField } from '~/ui/form';
import { PageHeader, Section, StateBadge, Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = applicationView(viewer, parseId(params.applicationId));
  const { application, incubator, organization } = view;
  const state = application.state as ApplicationState;
  const isManager = view.isStaff && hasUnionRole(viewer, incubator.unionId, ['incubator_manager']);
  const isReviewer = view.isStaff && hasUnionRole(viewer, incubator.unionId, ['reviewer']);
  const t = await getT(request);
  return {
    title: t('incubation.applicationTitle', { organization: organization.name, incubator: incubator.name }),
    locale: await getLocale(request),
    application: {
      id: application.id,
      state,
      plan: application.plan,
      decisionReason: application.decisionReason,
      submittedAt: application.submittedAt,
      decidedAt: application.decidedAt,
    },
    incubator: { id: incubator.id, name: incubator.name },
    organization: {
      id: organization.id,
      name: organization.name,
      type: organization.type,
      creditCode: organization.creditCode,
      people: organization.teamSize + organization.volunteers,
    },
    attachments: view.attachments.map((a) => ({ id: a.id, fileName: a.fileName, byteSize: a.byteSize })),
    maxMegabytes: attachmentLimits.maxBytes / (1024 * 1024),
    residencyId: view.residencyId,
    scores: view.scores,
    passScore: incubator.settings.entry.passScore,
    weights: incubator.settings.entry.weights,
    myScores: view.scores?.reviewers.find((r) => r.reviewerId === viewer.id) ?? null,
    can: {
      edit: view.isMember && state === 'draft',
      withdraw: view.isMember && canTransition(applicationMachine, state, 'withdraw'),
      review: isManager && canTransition(applicationMachine, state, 'review'),
      score: isReviewer && state === 'under_review',
      decide: isManager && canTransition(applicationMachine, state, 'admit'),
    },
  };
}

async function uploadAction(
  formData: FormData,
  viewer: Awaited<ReturnType<typeof requireViewer>>,
  applicationId: number,
) {
  const file = formData.get('file');
  const result = await attempt(() => addAttachment(viewer, applicationId, file instanceof File ? file : null));
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect(`/applications/${applicationId}?uploaded`);
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const applicationId = parseId(params.applicationId);
  const form = await attempt(() => readApplicationForm(request));
  if (!form.ok) return data({ failure: form.error.messageKey }, { status: form.error.status });
  const formData = form.value;
  if (request.headers.get('content-type')?.startsWith('multipart/form-data')) {
    return uploadAction(formData, viewer, applicationId);
  }
  const intent = formData.get('intent');
  const back = redirect(`/applications/${applicationId}`);
  const simple = async (command: () => unknown) => {
    const result = await attempt(command);
    return result.ok ? back : data({ failure: result.error.messageKey }, { status: result.error.status });
  };

  switch (intent) {
    case 'save':
    case 'submit': {
      const submission = parseWithZod(formData, { schema: planSchema });
      if (submission.status !== 'success') return data({ plan: submission.reply() }, { status: 400 });
      const result = await attempt(() => {
        savePlan(viewer, applicationId, submission.value.plan);
        if (submission.value.intent === 'submit') submitApplication(viewer, applicationId);
      });
      if (!result.ok)
        return data(
          { plan: submission.reply({ formErrors: [result.error.messageKey] }) },
          { status: result.error.status },
        );
      return back;
    }
    case 'removeAttachment':
      return simple(() => removeAttachment(viewer, applicationId, Number(formData.get('attachmentId'))));
    case 'withdraw':
      return simple(() => withdrawApplication(viewer, applicationId));
    case 'review':
      return simple(() => startReview(viewer, applicationId));
    case 'score': {
      const submission = parseWithZod(formData, { schema: entryScoreSchema });
      if (submission.status !== 'success') return data({ score: submission.reply() }, { status: 400 });
      const { comment, ...scores } = submission.value;
      const result = await attempt(() => scoreApplication(viewer, applicationId, { scores, comment }));
      if (!result.ok)
        return data(
          { score: submission.reply({ formErrors: [result.error.messageKey] }) },
          { status: result.error.status },
        );
      return back;
    }
    case 'admit':
    case 'reject': {
      const submission = parseWithZod(formData, { schema: decisionSchema });
      if (submission.status !== 'success') return data({ decision: submission.reply() }, { status: 400 });
      const { reason } = submission.value;
      const result = await attempt(() =>
        intent === 'admit'
          ? admitApplication(viewer, applicationId, reason)
          : rejectApplication(viewer, applicationId, reason),
      );
      if (!result.ok)
        return data(
          { decision: submission.reply({ formErrors: [result.error.messageKey] }) },
          { status: result.error.status },
        );
      return back;
    }
    default:
      return data({ failure: 'errors.unexpected' }, { status: 400 });
  }
}

function PlanForm({ loaderData, actionData }: Pick<Route.ComponentProps, 'loaderData' | 'actionData'>) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'plan',
    lastResult: actionData && 'plan' in actionData ? actionData.plan : undefined,
    defaultValue: { plan: loaderData.application.plan },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: planSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <TextareaField meta={fields.plan} label={t('incubation.plan')} hint={t('incubation.planHint')} rows={10} />
      <div className="actions">
        <SubmitButton name="intent" value="submit">
          {t('incubation.submitApplication')}
        </SubmitButton>
        <SubmitButton name="intent" value="save" className="button secondary">
          {t('incubation.saveDraft')}
        </SubmitButton>
      </div>
    </Form>
  );
}

function EntryScoreForm({ loaderData, actionData }: Pick<Route.ComponentProps, 'loaderData' | 'actionData'>) {
  const { t } = useTranslation();
  const mine = loaderData.myScores;
  return (
    <ScoreForm
      id="score"
      schema={entryScoreSchema}
      criteria={entryCriteria}
      criterionLabel={(criterion) => t(`incubation.entryCriteria.${criterion}`)}
      weights={loaderData.weights}
      lastResult={actionData && 'score' in actionData ? actionData.score : undefined}
      defaultValue={
        mine
          ? {
              ...Object.fromEntries(Object.entries(mine.scores).map(([k, v]) => [k, String(v)])),
              comment: mine.comment,
            }
          : undefined
      }
      ariaLabel={t('incubation.scoreForm')}
    />
  );
}

function DecisionForm({
  actionData,
  passScore,
  average,
}: {
  actionData: Route.ComponentProps['actionData'];
  passScore: number;
  average: number | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'decision',
    lastResult: actionData && 'decision' in actionData ? actionData.decision : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <p className="hint">{t('incubation.decisionHint', { pass: passScore, average: average ?? '—' })}</p>
      <FormErrors errors={form.errors} />
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

export default function Application({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { application, organization, incubator, can, scores, locale } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
  return (
    <>
      <PageHeader title={loaderData.title}>
        <StateBadge states="incubation.states.application" state={application.state} />
      </PageHeader>
      <ActionMessage failure={failure} />
      <Stats>
        <Stat
          label={t('incubation.organization')}
          value={<Link to={`/orgs/${organization.id}`}>{organization.name}</Link>}
        />
        <Stat label={t('organizations.type')} value={t(messageKey('organizations.types', organization.type))} />
        {organization.creditCode ? (
          <Stat label={t('organizations.creditCode')} value={organization.creditCode} />
        ) : null}
        <Stat label={t('incubation.people')} value={organization.people} />
        <Stat
          label={t('incubation.incubator')}
          value={<Link to={`/incubators/${incubator.id}`}>{incubator.name}</Link>}
        />
        {application.submittedAt ? (
          <Stat label={t('incubation.submittedAt')} value={formatDateTime(application.submittedAt, locale)} />
        ) : null}
      </Stats>

      {application.decisionReason ? (
        <p className={application.state === 'rejected' ? 'alert' : 'notice'} role="status">
          {t('incubation.decisionWithReason', { reason: application.decisionReason })}
        </p>
      ) : null}
      {loaderData.residencyId ? (
        <p>
          <Link className="button" to={`/residencies/${loaderData.residencyId}`}>
            {t('incubation.goToResidency')}
          </Link>
        </p>
      ) : null}

      <Section title={t('incubation.plan')}>
        {can.edit ? (
          <PlanForm loaderData={loaderData} actionData={actionData} />
        ) : (
          <p className="prose">{application.plan}</p>
        )}
      </Section>

      <Section title={t('incubation.attachments')}>
        {loaderData.attachments.length ? (
          <ul>
            {loaderData.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/applications/${application.id}/attachments/${a.id}`}>{a.fileName}</a> ·{' '}
                {Math.max(1, Math.round(a.byteSize / 1024))} KB
                {can.edit ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="attachmentId" value={a.id} />
                    <SubmitButton name="intent" value="removeAttachment" className="link-button">
                      {t('incubation.removeAttachment', { name: a.fileName })}
                    </SubmitButton>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('incubation.noAttachments')}</p>
        )}
        {can.edit ? (
          <Form method="post" encType="multipart/form-data" className="narrow">
            <div className="field">
              <label htmlFor="attachment-file">{t('incubation.attachFile')}</label>
              <input
                id="attachment-file"
                name="file"
                type="file"
                accept="application/pdf,image/png,image/jpeg"
                required
                aria-describedby="attachment-hint"
              />
              <p className="hint" id="attachment-hint">
                {t('incubation.attachHint', { mb: loaderData.maxMegabytes })}
              </p>
            </div>
            <SubmitButton>{t('incubation.upload')}</SubmitButton>
          </Form>
        ) : null}
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
          {scores.reviewers.length ? (
            <table data-testid="entry-scores">
              <thead>
                <tr>
                  <th scope="col">{t('incubation.reviewer')}</th>
                  {entryCriteria.map((c) => (
                    <th key={c} scope="col">
                      {t('incubation.withWeight', {
                        name: t(`incubation.entryCriteria.${c}`),
                        weight: loaderData.weights[c],
                      })}
                    </th>
                  ))}
                  <th scope="col">{t('incubation.weightedScore')}</th>
                </tr>
              </thead>
              <tbody>
                {scores.reviewers.map((r) => (
                  <tr key={r.reviewerId}>
                    <td>{r.name}</td>
                    {entryCriteria.map((c) => (
                      <td key={c}>{r.scores[c] ?? '—'}</td>
                    ))}
                    <td>{r.total?.toFixed(1) ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="empty">{t('incubation.noScores')}</p>
          )}
          <p data-testid="entry-average">
            {t('incubation.averageLine', { average: scores.average?.toFixed(1) ?? '—', pass: loaderData.passScore })}
          </p>
          {can.score ? <EntryScoreForm loaderData={loaderData} actionData={actionData} /> : null}
          {can.decide ? (
            <DecisionForm actionData={actionData} passScore={loaderData.passScore} average={scores.average} />
          ) : null}
        </Section>
      ) : null}
    </>
  );
}
