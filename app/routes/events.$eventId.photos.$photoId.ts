import type { Route } from './+types/events.$eventId.photos.$photoId';
import { notFound, requireViewer } from '~/accounts/auth.server';
import { requireEventAccess } from '~/delivery/events.server';
import { findPhoto, readPhotoFile } from '~/delivery/photos.server';
import { parseId } from '~/lib/http';

/** A report photo, for the organization and the overseeing union only; never from public/. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const eventId = parseId(params.eventId);
  requireEventAccess(viewer, eventId);
  const photo = findPhoto(eventId, parseId(params.photoId));
  if (!photo) notFound();
  return new Response(new Uint8Array(await readPhotoFile(photo.storageKey)), {
    headers: {
      'Content-Type': photo.contentType,
      'Content-Length': String(photo.bytes),
      'Cache-Control': 'private, max-age=3600',
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
