import type { Route } from './+types/events.$eventId.photos.$photoId';
import { notFound, requireViewer } from '~/accounts/auth.server';
import { requireEventAccess } from '~/delivery/events.server';
import { findPhoto, readPhotoFile } from '~/delivery/event-photos.server';
import { fileExtensions, type FileType } from '~/lib/file-type';
import { parseId } from '~/lib/http';
import { uploadResponse } from '~/lib/uploads.server';

/** A report photo, for the organization and the overseeing union only; never from public/. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const eventId = parseId(params.eventId);
  requireEventAccess(viewer, eventId);
  const photo = findPhoto(eventId, parseId(params.photoId));
  if (!photo) notFound();
  const bytes = readPhotoFile(photo.storageKey) ?? notFound();
  const fileName = `event-${eventId}-photo-${photo.id}.${fileExtensions[photo.contentType as FileType] ?? 'bin'}`;
  return uploadResponse({ bytes, contentType: photo.contentType, fileName }, { maxAgeSeconds: 3600 });
}
