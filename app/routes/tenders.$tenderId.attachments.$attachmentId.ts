import type { Route } from './+types/tenders.$tenderId.attachments.$attachmentId';
import { getViewer } from '~/accounts/auth.server';
import { parseId } from '~/lib/http';
import { attachmentDownload } from '~/procurement/attachments.server';
import { getVisibleTender } from '~/procurement/tenders.server';

/** A tender document, for whoever may see the tender; served as a download, never rendered inline. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request);
  const tender = getVisibleTender(viewer, parseId(params.tenderId));
  const file = attachmentDownload(tender.id, parseId(params.attachmentId));
  return new Response(file.body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.body.length),
      'Content-Disposition': `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': tender.state === 'draft' ? 'private, no-store' : 'private, max-age=300',
    },
  });
}
