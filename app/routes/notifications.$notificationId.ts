import { redirect } from 'react-router';
import type { Route } from './+types/notifications.$notificationId';
import { requireViewer } from '~/accounts/auth.server';
import { parseId } from '~/lib/http';
import { openNotification } from '~/notifications/inbox.server';

/** Opening a notification marks it read and goes where it points. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  return redirect(openNotification(viewer.id, parseId(params.notificationId)));
}
