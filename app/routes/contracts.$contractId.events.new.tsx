import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { redirect } from 'react-router';
import type { Route } from './+types/contracts.$contractId.events.new';
import { requireOrgMember, requireViewer } from '~/accounts/auth.server';
import { EventForm } from '~/delivery/components/event-form';
import { scheduleEvent } from '~/delivery/events.server';
import { eventSchema } from '~/delivery/schemas';
import { attempt, explained } from '~/lib/actions.server';
import { enforce } from '~/lib/permission';
import { parseId } from '~/lib/http';
import { requireContractFor } from '~/procurement/contracts.server';
import { mayDeliverUnder } from '~/procurement/permissions';
import { PageHeader } from '~/ui/page';

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const { contract } = requireContractFor(viewer, parseId(params.contractId));
  requireOrgMember(viewer, contract.organizationId);
  // Not a form that cannot be sent: the page says why events cannot be scheduled yet, or any more.
  explained(() => enforce(mayDeliverUnder(viewer, contract)));
  return { contract: { id: contract.id, title: contract.title } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const submission = parseWithZod(await request.formData(), { schema: eventSchema });
  if (submission.status !== 'success') return submission.reply();
  const result = await attempt(() => scheduleEvent(viewer, parseId(params.contractId), submission.value));
  if (!result.ok) return submission.reply({ formErrors: [result.error.messageKey] });
  return redirect(`/events/${result.value}`);
}

export default function NewEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('delivery.events.scheduleFor', { title: loaderData.contract.title })} />
      <EventForm lastResult={actionData} />
    </div>
  );
}
