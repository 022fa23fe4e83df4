import { useTranslation } from '~/lib/translation';
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/tenders.$tenderId.edit';
import { requireViewer } from '~/accounts/auth.server';
import { attempt, explained, refused, submitForm } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { parseId } from '~/lib/http';
import {
  countAttachments,
  listAttachments,
  maxAttachmentBytes,
  maxAttachmentsPerTender,
  readAttachmentForm,
  storeUploads,
  tenderFormSchema,
} from '~/procurement/tender-attachments.server';
import { TenderForm } from '~/procurement/components/tender-form';
import { minBiddingDays } from '~/procurement/bidding-period.server';
import {
  removeDraftAttachment,
  requireEditableTender,
  tenderFormDefaults,
  updateTender,
} from '~/procurement/tenders.server';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { PageHeader, Section, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.tender.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const { tender, mode } = explained(() => requireEditableTender(viewer, parseId(params.tenderId)));
  return {
    tender: { id: tender.id, title: tender.title, state: tender.state },
    mode,
    defaults: tenderFormDefaults(tender),
    biddingDays: minBiddingDays(tender.unionId),
    attachments: listAttachments(tender.id).map((a) => ({ id: a.id, fileName: a.fileName })),
    limits: { maxFiles: maxAttachmentsPerTender, maxMegabytes: maxAttachmentBytes / 1024 / 1024 },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const { tender, mode } = explained(() => requireEditableTender(viewer, parseId(params.tenderId)));
  const form = await attempt(() => readAttachmentForm(request));
  if (!form.ok) return refused(form.error);
  const formData = form.value;
  if (formData.get('intent') === 'removeAttachment') {
    const result = await attempt(() => removeDraftAttachment(viewer, tender.id, Number(formData.get('attachmentId'))));
    return result.ok ? redirect(`/tenders/${tender.id}/edit`) : refused(result.error);
  }
  const attached = countAttachments(tender.id);
  const schema = tenderFormSchema(now(), mode, undefined, attached);
  const result = await submitForm(formData, schema, async ({ attachments, ...value }) => {
    const stored = await storeUploads(attachments, attached);
    return updateTender(viewer, tender.id, value, stored);
  });
  if (!result.ok) return result.reply;
  return redirect(`/tenders/${tender.id}${result.value.extended ? '?extended' : ''}`);
}

export default function EditTender({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tender } = loaderData;
  const amending = loaderData.mode === 'amend';
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
        biddingDays={loaderData.biddingDays}
      />
    </div>
  );
}
