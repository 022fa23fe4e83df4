import { useTranslation } from '~/lib/translation';
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/notifications._index';
import { requireViewer } from '~/accounts/auth.server';
import { formatDateTime } from '~/lib/format';
import { getLocale, getT } from '~/lib/i18n.server';
import { listNotifications, markAllRead } from '~/notifications/inbox.server';
import { SubmitButton } from '~/ui/form';
import { Empty, PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  return { title: t('notifications.title'), locale, notifications: await listNotifications(viewer.id, locale) };
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  markAllRead(viewer.id);
  return redirect('/notifications');
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale } = loaderData;
  const anyUnread = loaderData.notifications.some((n) => n.unread);
  return (
    <>
      <PageHeader title={t('notifications.title')}>
        <Link to="/notifications/preferences">{t('notifications.preferences')}</Link>
        {anyUnread ? (
          <Form method="post">
            <SubmitButton className="button secondary">{t('notifications.markAllRead')}</SubmitButton>
          </Form>
        ) : null}
      </PageHeader>
      {loaderData.notifications.length ? (
        <ul className="notification-list">
          {loaderData.notifications.map((n) => (
            <li key={n.id} className={n.unread ? 'unread' : undefined}>
              <Link to={`/notifications/${n.id}`}>{n.summary}</Link>
              {n.unread ? <span className="badge">{t('notifications.unreadBadge')}</span> : null}
              <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt, locale)}</time>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('notifications.none')}</Empty>
      )}
    </>
  );
}
