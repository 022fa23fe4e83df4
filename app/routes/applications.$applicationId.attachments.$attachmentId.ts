import type { Route } from './+types/applications.$applicationId.attachments.$attachmentId';
import { requireViewer } from '~/accounts/auth.server';
import { readAttachment } from '~/incubation/attachments.server';
import { parseId } from '~/lib/http';

const extensions: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** Served only to the applying organization's members and the incubator's staff, never cached. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const file = readAttachment(viewer, parseId(params.applicationId), parseId(params.attachmentId));
  const fallback = `attachment.${extensions[file.contentType] ?? 'bin'}`;
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}
