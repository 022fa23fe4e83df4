import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/tenders.$tenderId.edit';
import { requireUnionRole, requireViewer } from '~/accounts/auth.server';
import { attempt } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { parseId } from '~/lib/http';
import { fenToYuanInput } from '~/lib/money';
import { toShanghaiInput } from '~/lib/time';
import {
  countAttachments,
  listAttachments,
  maxAttachmentBytes,
  maxAttachmentsPerTender,
  readAttachmentForm,
  storeUploads,
  uploadedFiles,
} from '~/procurement/attachments.server';
import { TenderForm } from '~/procurement/components/tender-form';
import { tenderSchema } from '~/procurement/schemas';
import { requireTender, removeDraftAttachment, updateTender, type Tender } from '~/procurement/tenders.server';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { PageHeader, Section, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.tender.title }];

function editableTender(viewer: Parameters<typeof requireUnionRole>[0], tenderId: number) {
  const tender = requireTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  if (tender.state !== 'draft' && tender.state !== 'published') throw new Response('Conflict', { status: 409 });
  return tender;
}

function formDefaults(tender: Tender) {
  return {
    title: tender.title,
    category: tender.category,
    scope: tender.scope,
    budget: fenToYuanInput(tender.budgetFen),
    sessions: String(tender.sessions),
    minWorkerVisits: String(tender.minWorkerVisits),
    periodStart: tender.periodStart ?? undefined,
    periodEnd: tender.periodEnd ?? undefined,
    eligibility: tender.eligibility,
    minGrade: tender.minGrade ?? undefined,
    weightPrice: String(tender.weights.price),
    weightPlan: String(tender.weights.plan),
    weightTeam: String(tender.weights.team),
    weightTrackRecord: String(tender.weights.track_record),
    questionDeadline: tender.questionDeadlineAt ? toShanghaiInput(tender.questionDeadlineAt) : undefined,
    deadline: toShanghaiInput(tender.deadlineAt),
    minBids: String(tender.minBids),
    objectionDays: String(tender.objectionDays),
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const tender = editableTender(viewer, parseId(params.tenderId));
  return {
    tender: { id: tender.id, title: tender.title, state: tender.state },
    defaults: formDefaults(tender),
    attachments: listAttachments(tender.id).map((a) => ({ id: a.id, fileName: a.fileName })),
    limits: { maxFiles: maxAttachmentsPerTender, maxMegabytes: maxAttachmentBytes / 1024 / 1024 },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const tender = editableTender(viewer, parseId(params.tenderId));
  const form = await attempt(() => readAttachmentForm(request));
  if (!form.ok) return data({ failure: form.error.messageKey }, { status: form.error.status });
  const formData = form.value;
  if (formData.get('intent') === 'removeAttachment') {
    const result = await attempt(() => removeDraftAttachment(viewer, tender.id, Number(formData.get('attachmentId'))));
    if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
    return redirect(`/tenders/${tender.id}/edit`);
  }
  const mode = tender.state === 'draft' ? 'edit' : 'amend';
  const submission = parseWithZod(formData, { schema: tenderSchema(now(), mode) });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = await attempt(async () => {
    const stored = await storeUploads(uploadedFiles(formData), countAttachments(tender.id));
    return updateTender(viewer, tender.id, submission.value, stored);
  });
  if (!result.ok)
    return data(submission.reply({ formErrors: [result.error.messageKey] }), { status: result.error.status });
  return redirect(`/tenders/${tender.id}${result.value.extended ? '?extended' : ''}`);
}

export default function EditTender({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tender } = loaderData;
  const amending = tender.state === 'published';
  return (
    <div className="narrow">
      <PageHeader
        title={t(amending ? 'procurement.edit.amendTitle' : 'procurement.edit.title', { title: tender.title })}
      >
        <StateBadge states="procurement.states.tender" state={tender.state} />
      </PageHeader>
      <p>
        <Link to={`/tenders/${tender.id}`}>{t('procurement.backToTender')}</Link>
      </p>
      {amending ? <p className="callout">{t('procurement.edit.amendExplanation')}</p> : null}
      <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
      {loaderData.attachments.length ? (
        <Section title={t('procurement.attachments')}>
          <ul>
            {loaderData.attachments.map((a) => (
              <li key={a.id}>
                {a.fileName}
                {amending ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="attachmentId" value={a.id} />
                    <SubmitButton name="intent" value="removeAttachment" className="link-button">
                      {t('procurement.edit.removeAttachment', { name: a.fileName })}
                    </SubmitButton>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <TenderForm
        key={tender.state}
        mode={amending ? 'amend' : 'edit'}
        lastResult={actionData && 'status' in actionData ? actionData : undefined}
        defaultValue={loaderData.defaults}
        attachmentLimits={loaderData.limits}
      />
    </div>
  );
}
