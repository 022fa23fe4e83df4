import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { redirect } from 'react-router';
import type { Route } from './+types/orgs.$orgId.events.new';
import { requireOrgMember, requireViewer } from '~/accounts/auth.server';
import { EventForm } from '~/delivery/components/event-form';
import { activeResidency, scheduleResidentEvent } from '~/delivery/events.server';
import { eventSchema } from '~/delivery/schemas';
import { attempt } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { requireOrganization } from '~/organizations/organizations.server';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const organization = requireOrganization(parseId(params.orgId));
  requireOrgMember(viewer, organization.id);
  const residency = activeResidency(organization.id);
  return { title: organization.name, incubatorName: residency?.incubatorName ?? null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const submission = parseWithZod(await request.formData(), { schema: eventSchema });
  if (submission.status !== 'success') return submission.reply();
  const result = await attempt(() => scheduleResidentEvent(viewer, parseId(params.orgId), submission.value));
  if (!result.ok) return submission.reply({ formErrors: [result.error.messageKey] });
  return redirect(`/events/${result.value}`);
}

export default function NewResidentEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('delivery.resident.scheduleTitle')} />
      {loaderData.incubatorName ? (
        <>
          <p className="hint">{t('delivery.resident.explanation', { incubator: loaderData.incubatorName })}</p>
          <EventForm lastResult={actionData} />
        </>
      ) : (
        <p className="alert" role="alert">
          {t('delivery.errors.notResident')}
        </p>
      )}
    </div>
  );
}
