import { and, count, eq } from 'drizzle-orm';
import { offeringPhotos } from '../../db/schema/catalog';
import { requireManagedOffering, requireVisibleOffering } from './offerings.server';
import { notFound, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { fileExtensions, imageTypes, type FileType } from '~/lib/file-type';
import * as storage from '~/lib/uploads.server';
import { z } from 'zod';
import './audit-subjects.server';

export const photoRules = { maxBytes: 5 * 1024 * 1024, perOffering: 6 };

const photoPlace: storage.UploadPlace<(typeof imageTypes)[number]> = {
  directory: 'uploads/offerings',
  maxBytes: photoRules.maxBytes,
  types: imageTypes,
  tooLarge: 'catalog.errors.photoTooLarge',
  wrongType: 'catalog.errors.photoNotImage',
};

export const photoDirectory = () => storage.uploadDirectory(photoPlace);

/**
 * Reads a (multipart) form, at most twice the photo limit, refusing more before and while it streams
 * in: a photo somewhat too large is read and refused in the form's summary (`photoFormSchema`).
 */
export function readPhotoForm(request: Request): Promise<FormData> {
  return storage.readLimitedForm(request, photoRules.maxBytes * 2 + 64 * 1024, photoPlace.tooLarge);
}

/** The form that adds one photo. */
export const photoFormSchema = z.object({ photo: storage.uploadedFile(photoPlace, 'catalog.errors.photoMissing') });

/** Writes the file first, then the row; if the row is refused, the file is removed again. */
export async function addOfferingPhoto(viewer: Viewer, offeringId: number, file: FormDataEntryValue | null) {
  const offering = requireManagedOffering(viewer, offeringId);
  if (!(file instanceof File) || file.size === 0) throw new UserError('catalog.errors.photoMissing');
  const { bytes, contentType } = await storage.checkUpload(photoPlace, file);
  const storedName = storage.writeUpload(photoPlace, { bytes, contentType });
  try {
    return transaction((tx) => {
      const existing = tx
        .select({ n: count() })
        .from(offeringPhotos)
        .where(eq(offeringPhotos.offeringId, offering.id))
        .get()!.n;
      if (existing >= photoRules.perOffering) throw new UserError('catalog.errors.photoLimit', 409);
      const photo = tx
        .insert(offeringPhotos)
        .values({ offeringId: offering.id, storedName, contentType, byteSize: bytes.length, uploadedBy: viewer.id })
        .returning()
        .get();
      audit(tx, { actorId: viewer.id, action: 'offering.addPhoto', subjectType: 'offering', subjectId: offering.id });
      return photo.id;
    });
  } catch (error) {
    storage.discardUpload(photoPlace, storedName);
    throw error;
  }
}

function findPhoto(offeringId: number, photoId: number) {
  const photo = db
    .select()
    .from(offeringPhotos)
    .where(and(eq(offeringPhotos.id, photoId), eq(offeringPhotos.offeringId, offeringId)))
    .get();
  if (!photo) notFound();
  return photo;
}

export function removeOfferingPhoto(viewer: Viewer, offeringId: number, photoId: number) {
  requireManagedOffering(viewer, offeringId);
  const photo = findPhoto(offeringId, photoId);
  transaction((tx) => {
    tx.delete(offeringPhotos).where(eq(offeringPhotos.id, photo.id)).run();
    audit(tx, { actorId: viewer.id, action: 'offering.removePhoto', subjectType: 'offering', subjectId: offeringId });
  });
  storage.discardUpload(photoPlace, photo.storedName);
}

/** Seen by whoever may see the offering; `isPublic`: a published offering's photo may be kept a while. */
export function readOfferingPhoto(viewer: Viewer | null, offeringId: number, photoId: number) {
  const { offering } = requireVisibleOffering(viewer, offeringId);
  const photo = findPhoto(offeringId, photoId);
  return {
    bytes: storage.readUpload(photoPlace, photo.storedName) ?? notFound(),
    contentType: photo.contentType,
    fileName: `photo-${photo.id}.${fileExtensions[photo.contentType as FileType] ?? 'bin'}`,
    isPublic: offering.state === 'published',
  };
}
