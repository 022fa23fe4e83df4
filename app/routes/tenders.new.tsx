import { useTranslation } from '~/lib/translation';
import { data, redirect } from 'react-router';
import type { Route } from './+types/tenders.new';
import { requireViewer } from '~/accounts/auth.server';
import { attempt, submitForm } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { getT } from '~/lib/i18n.server';
import {
  maxAttachmentBytes,
  maxAttachmentsPerTender,
  readAttachmentForm,
  storeUploads,
  tenderFormSchema,
} from '~/procurement/tender-attachments.server';
import { TenderForm } from '~/procurement/components/tender-form';
import { defaultWeights } from '~/procurement/machine';
import { createTender, requireCommissionerUnions } from '~/procurement/tenders.server';
import { minBiddingDays } from '~/procurement/bidding-period.server';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const t = await getT(request);
  return {
    title: t('procurement.tenders.new'),
    unions: requireCommissionerUnions(viewer),
    limits: { maxFiles: maxAttachmentsPerTender, maxMegabytes: maxAttachmentBytes / 1024 / 1024 },
  };
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  requireCommissionerUnions(viewer);
  const form = await attempt(() => readAttachmentForm(request));
  if (!form.ok)
    return data({ status: 'error' as const, error: { '': [form.error.messageKey] } }, { status: form.error.status });
  const formData = form.value;
  const schema = tenderFormSchema(now(), 'create', (unionId) => (unionId ? minBiddingDays(unionId) : 0));
  const result = await submitForm(formData, schema, async ({ attachments, ...value }) => {
    const stored = await storeUploads(attachments);
    return createTender(viewer, { ...value, unionId: value.unionId! }, stored);
  });
  return result.ok ? redirect(`/tenders/${result.value}`) : result.reply;
}

export default function NewTender({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('procurement.tenders.new')} />
      <TenderForm
        mode="create"
        lastResult={actionData && 'status' in actionData ? (actionData as never) : undefined}
        unions={loaderData.unions}
        attachmentLimits={loaderData.limits}
        biddingDays={loaderData.unions[0]?.minBiddingDays ?? 0}
        defaultValue={{
          unionId: String(loaderData.unions[0]?.id ?? ''),
          objectionDays: '5',
          minWorkerVisits: '0',
          minBids: '1',
          eligibility: 'anyone',
          weightPrice: String(defaultWeights.price),
          weightPlan: String(defaultWeights.plan),
          weightTeam: String(defaultWeights.team),
          weightTrackRecord: String(defaultWeights.track_record),
        }}
      />
    </div>
  );
}
