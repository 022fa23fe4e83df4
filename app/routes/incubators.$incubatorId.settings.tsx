import { useTranslation } from '~/lib/translation';
import { redirect, useSearchParams } from 'react-router';
import { IncubatorTabs } from '~/incubation/components/incubator-tabs';
import type { Route } from './+types/incubators.$incubatorId.settings';
import { requireViewer } from '~/accounts/auth.server';
import {
  addRoom,
  requireIncubator,
  listRooms,
  managerRoles,
  requireIncubatorStaff,
  updateSettings,
} from '~/incubation/incubators.server';
import { roomSchema, settingsSchema, toSettings } from '~/incubation/schemas';
import { RoomsSection } from '~/incubation/components/rooms-section';
import { SettingsForm } from '~/incubation/components/settings-form';
import { flattenSettings } from '~/incubation/settings';
import { submitForm } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { getT } from '~/lib/i18n.server';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const incubator = requireIncubator(parseId(params.incubatorId));
  requireIncubatorStaff(viewer, incubator, managerRoles);
  const t = await getT(request);
  return {
    title: t('incubation.settingsTitle', { name: incubator.name }),
    incubator: { id: incubator.id, name: incubator.name },
    values: Object.fromEntries(Object.entries(flattenSettings(incubator.settings)).map(([k, v]) => [k, String(v)])),
    rooms: listRooms(incubator.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const incubatorId = parseId(params.incubatorId);
  const formData = await request.formData();
  if (formData.get('intent') === 'room') {
    const result = await submitForm(
      formData,
      roomSchema,
      ({ intent: _intent, ...room }) => addRoom(viewer, incubatorId, room),
      { form: 'room' },
    );
    return result.ok ? redirect(`/incubators/${incubatorId}/settings?room`) : result.reply;
  }
  const result = await submitForm(
    formData,
    settingsSchema,
    (value) => updateSettings(viewer, incubatorId, toSettings(value)),
    { form: 'settings' },
  );
  return result.ok ? redirect(`/incubators/${incubatorId}/settings?saved`) : result.reply;
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  return (
    <>
      <PageHeader title={loaderData.title} />
      <IncubatorTabs incubatorId={loaderData.incubator.id} isManager />
      {searchParams.has('saved') ? (
        <p className="notice" role="status">
          {t('incubation.settingsSaved')}
        </p>
      ) : null}
      <p className="hint">{t('incubation.settingsLead')}</p>
      <SettingsForm
        values={loaderData.values}
        lastResult={actionData && 'settings' in actionData ? actionData.settings : undefined}
      />
      <RoomsSection
        rooms={loaderData.rooms}
        lastResult={actionData && 'room' in actionData ? actionData.room : undefined}
      />
    </>
  );
}
