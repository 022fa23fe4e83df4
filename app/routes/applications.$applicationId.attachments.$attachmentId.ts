import type { Route } from './+types/applications.$applicationId.attachments.$attachmentId';
import { requireViewer } from '~/accounts/auth.server';
import { readAttachment } from '~/incubation/application-attachments.server';
import { parseId } from '~/lib/http';
import { uploadResponse } from '~/lib/uploads.server';

/** Served only to the applying organization's members and the incubator's staff, never cached. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  return uploadResponse(readAttachment(viewer, parseId(params.applicationId), parseId(params.attachmentId)));
}
