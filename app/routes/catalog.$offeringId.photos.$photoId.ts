import type { Route } from './+types/catalog.$offeringId.photos.$photoId';
import { getViewer } from '~/accounts/auth.server';
import { readOfferingPhoto } from '~/catalog/offering-photos.server';
import { explained } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { uploadResponse } from '~/lib/uploads.server';

/** Photos are served from outside public/, only to whoever may see the offering. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request);
  const photo = explained(() => readOfferingPhoto(viewer, parseId(params.offeringId), parseId(params.photoId)));
  return uploadResponse(photo, { maxAgeSeconds: photo.isPublic ? 3600 : 0 });
}
