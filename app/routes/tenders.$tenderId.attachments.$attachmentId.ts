import type { Route } from './+types/tenders.$tenderId.attachments.$attachmentId';
import { getViewer } from '~/accounts/auth.server';
import { parseId } from '~/lib/http';
import { uploadResponse } from '~/lib/uploads.server';
import { attachmentDownload } from '~/procurement/tender-attachments.server';
import { isDraft } from '~/procurement/permissions';
import { requireVisibleTender } from '~/procurement/tenders.server';

/** A tender document, for whoever may see the tender; never rendered as a page (see uploadResponse). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request);
  const tender = requireVisibleTender(viewer, parseId(params.tenderId));
  const file = attachmentDownload(tender.id, parseId(params.attachmentId));
  return uploadResponse(file, { maxAgeSeconds: isDraft(tender) ? 0 : 300 });
}
