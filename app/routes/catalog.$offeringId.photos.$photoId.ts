import type { Route } from './+types/catalog.$offeringId.photos.$photoId';
import { getViewer } from '~/accounts/auth.server';
import { readOfferingPhoto } from '~/catalog/photos.server';
import { parseId } from '~/lib/http';

/** Photos are served from outside public/, only to whoever may see the offering. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request);
  const photo = readOfferingPhoto(viewer, parseId(params.offeringId), parseId(params.photoId));
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      'Content-Type': photo.contentType,
      'Content-Length': String(photo.bytes.length),
      'Cache-Control': photo.isPublic ? 'public, max-age=3600' : 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
}
