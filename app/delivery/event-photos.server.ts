import { asc, eq, sql } from 'drizzle-orm';
import { eventPhotos } from '../../db/schema/delivery';
import { photoTypes, type PhotoType } from './machine';
import { reportSchema } from './schemas';
import { db, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import * as storage from '~/lib/uploads.server';

export const maxPhotoBytes = 5 * 1024 * 1024;
export const maxPhotosPerSubmission = 6;
export const maxPhotosPerEvent = 12;
/** The whole report form: the photos plus room for the text fields and multipart framing. */
export const maxReportFormBytes = maxPhotosPerSubmission * maxPhotoBytes + 256 * 1024;

const photoPlace: storage.UploadPlace<PhotoType> = {
  directory: 'uploads/event-photos',
  maxBytes: maxPhotoBytes,
  types: photoTypes,
  tooLarge: 'delivery.errors.photoTooLarge',
  wrongType: 'delivery.errors.photoType',
};

/** The completion report's form: its fields, and the photos, each checked with them. */
export const reportFormSchema = reportSchema.extend({
  photos: storage.uploadedFiles(photoPlace, maxPhotosPerSubmission, 'delivery.errors.tooManyPhotos'),
});

/** Reads the report form, never holding more than `maxBytes` of it. */
export function readLimitedFormData(request: Request, maxBytes = maxReportFormBytes) {
  return storage.readLimitedForm(request, maxBytes, 'delivery.errors.uploadTooLarge');
}

export type PhotoUpload = { bytes: Buffer; contentType: PhotoType; sha256: string };

/** The chosen files (an empty file input sends one nameless, empty file), each checked. */
export async function readPhotoUploads(entries: FormDataEntryValue[]): Promise<PhotoUpload[]> {
  const files = entries.filter((e): e is File => typeof e !== 'string' && e.size > 0);
  if (files.length > maxPhotosPerSubmission) throw new UserError('delivery.errors.tooManyPhotos', 413);
  const uploads: PhotoUpload[] = [];
  for (const file of files) {
    const { bytes, contentType, sha256 } = await storage.checkUpload(photoPlace, file);
    uploads.push({ bytes, contentType, sha256 });
  }
  return uploads;
}

export type StoredPhoto = Omit<PhotoUpload, 'bytes'> & { storageKey: string; bytes: number };

/** Writes the files before the transaction that records them (no I/O inside a transaction). */
export function storePhotos(uploads: PhotoUpload[]): StoredPhoto[] {
  return uploads.map(({ bytes, contentType, sha256 }) => ({
    storageKey: storage.writeUpload(photoPlace, { bytes, contentType }),
    contentType,
    sha256,
    bytes: bytes.length,
  }));
}

/** Removes files whose recording transaction failed, or whose row was deleted. */
export function discardPhotoFiles(storageKeys: string[]) {
  for (const key of storageKeys) storage.discardUpload(photoPlace, key);
}

export function countPhotos(tx: DB, eventId: number) {
  return tx
    .select({ n: sql<number>`count(*)` })
    .from(eventPhotos)
    .where(eq(eventPhotos.eventId, eventId))
    .get()!.n;
}

export function insertPhotos(tx: DB, eventId: number, photos: StoredPhoto[], uploadedBy: number) {
  if (countPhotos(tx, eventId) + photos.length > maxPhotosPerEvent) {
    throw new UserError('delivery.errors.tooManyPhotos', 409);
  }
  for (const photo of photos)
    tx.insert(eventPhotos)
      .values({ ...photo, eventId, uploadedBy })
      .run();
}

export function listPhotos(eventId: number) {
  return db
    .select({ id: eventPhotos.id, contentType: eventPhotos.contentType })
    .from(eventPhotos)
    .where(eq(eventPhotos.eventId, eventId))
    .orderBy(asc(eventPhotos.id))
    .all();
}

export function findPhoto(eventId: number, photoId: number) {
  const photo = db.select().from(eventPhotos).where(eq(eventPhotos.id, photoId)).get();
  return photo && photo.eventId === eventId ? photo : undefined;
}

export function readPhotoFile(storageKey: string) {
  return storage.readUpload(photoPlace, storageKey);
}
