import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { eventPhotos } from '../../db/schema';
import type { PhotoType } from './machine';
import { databasePath, db, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { detectFileType, fileExtensions, imageTypes } from '~/lib/file-type';

export const maxPhotoBytes = 5 * 1024 * 1024;
export const maxPhotosPerSubmission = 6;
export const maxPhotosPerEvent = 12;
/** The whole report form: the photos plus room for the text fields and multipart framing. */
export const maxReportFormBytes = maxPhotosPerSubmission * maxPhotoBytes + 256 * 1024;

/**
 * Reads a multipart form without ever holding more than `maxBytes` of it: the declared length is
 * checked first, and the stream is cut off if it runs past the limit anyway.
 */
export async function readLimitedFormData(request: Request, maxBytes = maxReportFormBytes) {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) {
    throw new UserError('delivery.errors.uploadTooLarge', 413);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new UserError('delivery.errors.uploadTooLarge', 413);
    }
    chunks.push(value);
  }
  const headers = { 'content-type': request.headers.get('content-type') ?? '' };
  return new Response(Buffer.concat(chunks), { headers }).formData();
}

export type PhotoUpload = { bytes: Buffer; contentType: PhotoType; sha256: string };

/** The chosen files (an empty file input sends one nameless, empty file), each checked. */
export async function readPhotoUploads(entries: FormDataEntryValue[]): Promise<PhotoUpload[]> {
  const files = entries.filter((e): e is File => typeof e !== 'string' && e.size > 0);
  if (files.length > maxPhotosPerSubmission) throw new UserError('delivery.errors.tooManyPhotos', 413);
  const uploads: PhotoUpload[] = [];
  for (const file of files) {
    if (file.size > maxPhotoBytes) throw new UserError('delivery.errors.photoTooLarge', 413);
    const bytes = Buffer.from(await file.arrayBuffer());
    const contentType = detectFileType(bytes, imageTypes);
    if (!contentType) throw new UserError('delivery.errors.photoType', 415);
    uploads.push({ bytes, contentType, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return uploads;
}

function photoPath(storageKey: string) {
  return join(dirname(databasePath()), 'uploads', 'event-photos', storageKey);
}

export type StoredPhoto = Omit<PhotoUpload, 'bytes'> & { storageKey: string; bytes: number };

/** Writes the files before the transaction that records them (no I/O inside a transaction). */
export async function storePhotos(eventId: number, uploads: PhotoUpload[]): Promise<StoredPhoto[]> {
  const stored: StoredPhoto[] = [];
  for (const upload of uploads) {
    const storageKey = `${eventId}/${randomBytes(16).toString('hex')}.${fileExtensions[upload.contentType]}`;
    const path = photoPath(storageKey);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, upload.bytes, { flag: 'wx', mode: 0o600 });
    stored.push({ storageKey, contentType: upload.contentType, sha256: upload.sha256, bytes: upload.bytes.length });
  }
  return stored;
}

/** Removes files whose recording transaction failed, or whose row was deleted. */
export async function discardPhotoFiles(storageKeys: string[]) {
  await Promise.all(storageKeys.map((key) => unlink(photoPath(key)).catch(() => undefined)));
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
  return readFile(photoPath(storageKey));
}
