import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { offeringPhotos } from '../../db/schema';
import { getManagedOffering, getVisibleOffering } from './offerings.server';
import { notFound, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { databasePath, db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { detectFileType, fileExtensions, imageTypes } from '~/lib/file-type';

export const photoRules = { maxBytes: 5 * 1024 * 1024, perOffering: 6 };

/** Beside the database, outside public/: photos are served by a route that checks who may see them. */
export function photoDirectory() {
  return join(dirname(databasePath()), 'uploads', 'offerings');
}

/** Reads a (multipart) form, refusing a body over the photo limit before and while it streams in. */
export async function readPhotoForm(request: Request): Promise<FormData> {
  const limit = photoRules.maxBytes + 64 * 1024;
  if (Number(request.headers.get('content-length') ?? 0) > limit) {
    throw new UserError('catalog.errors.photoTooLarge', 413);
  }
  if (!request.body) return new FormData();
  let seen = 0;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new UserError('catalog.errors.photoTooLarge', 413));
        else controller.enqueue(chunk);
      },
    }),
  );
  const limited = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    duplex: 'half',
  } as RequestInit);
  try {
    return await limited.formData();
  } catch (error) {
    if (seen > limit) throw new UserError('catalog.errors.photoTooLarge', 413);
    throw error;
  }
}

/** Writes the file first, then the row; if the row is refused, the file is removed again. */
export async function addOfferingPhoto(viewer: Viewer, offeringId: number, file: FormDataEntryValue | null) {
  const offering = getManagedOffering(viewer, offeringId);
  if (!(file instanceof File) || file.size === 0) throw new UserError('catalog.errors.photoMissing');
  if (file.size > photoRules.maxBytes) throw new UserError('catalog.errors.photoTooLarge', 413);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const contentType = detectFileType(bytes, imageTypes);
  if (!contentType) throw new UserError('catalog.errors.photoNotImage', 415);
  const storedName = `${randomBytes(16).toString('hex')}.${fileExtensions[contentType]}`;
  const path = join(photoDirectory(), storedName);
  mkdirSync(photoDirectory(), { recursive: true });
  writeFileSync(path, bytes, { flag: 'wx' });
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
    rmSync(path, { force: true });
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
  getManagedOffering(viewer, offeringId);
  const photo = findPhoto(offeringId, photoId);
  transaction((tx) => {
    tx.delete(offeringPhotos).where(eq(offeringPhotos.id, photo.id)).run();
    audit(tx, { actorId: viewer.id, action: 'offering.removePhoto', subjectType: 'offering', subjectId: offeringId });
  });
  rmSync(join(photoDirectory(), photo.storedName), { force: true });
}

/** Seen by whoever may see the offering; `isPublic` lets shared caches keep published photos. */
export function readOfferingPhoto(viewer: Viewer | null, offeringId: number, photoId: number) {
  const { offering } = getVisibleOffering(viewer, offeringId);
  const photo = findPhoto(offeringId, photoId);
  if (!/^[0-9a-f]{32}\.(jpg|png|webp)$/.test(photo.storedName)) notFound();
  return {
    bytes: readFileSync(join(photoDirectory(), photo.storedName)),
    contentType: photo.contentType,
    isPublic: offering.state === 'published',
  };
}
