import { useTranslation } from '~/lib/translation';
import { Form, redirect } from 'react-router';
import type { Route } from './+types/notifications.preferences';
import { requireViewer } from '~/accounts/auth.server';
import { getT } from '~/lib/i18n.server';
import { emailPreferences, saveEmailPreferences } from '~/notifications/preferences.server';
import { SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const t = await getT(request);
  return {
    title: t('notifications.preferencesTitle'),
    preferences: emailPreferences(viewer.id),
    saved: new URL(request.url).searchParams.has('saved'),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const enabled = (await request.formData()).getAll('email').map(String);
  saveEmailPreferences(viewer.id, enabled);
  return redirect('/notifications/preferences?saved');
}

export default function NotificationPreferences({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('notifications.preferencesTitle')} />
      {loaderData.saved ? (
        <p className="notice" role="status">
          {t('notifications.saved')}
        </p>
      ) : null}
      <p>{t('notifications.preferencesLead')}</p>
      <Form method="post">
        <fieldset className="checkbox-list">
          <legend>{t('notifications.emailMe')}</legend>
          {loaderData.preferences.map((p) => (
            <label key={p.template}>
              <input type="checkbox" name="email" value={p.template} defaultChecked={p.email} />
              {t(`notifications.kinds.${p.template}`)}
            </label>
          ))}
        </fieldset>
        <p className="hint">{t('notifications.accountMailNote')}</p>
        <SubmitButton>{t('notifications.save')}</SubmitButton>
      </Form>
    </div>
  );
}
