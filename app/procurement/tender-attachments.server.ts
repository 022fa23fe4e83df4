import { and, asc, eq } from 'drizzle-orm';
import { tenderAttachments } from '../../db/schema/procurement';
import { notFound } from '~/accounts/auth.server';
import { db, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { officeTypes } from '~/lib/file-type';
import * as storage from '~/lib/uploads.server';
import { tenderSchema } from './schemas';

export const maxAttachmentBytes = 10 * 1024 * 1024;
export const maxAttachmentsPerTender = 10;
/** A form post carrying attachments may not exceed this, checked before and while the body is read. */
export const maxUploadRequestBytes = 3 * maxAttachmentBytes + 1024 * 1024;

/** Never served except through the tender's permission check. */
const attachmentPlace: storage.UploadPlace = {
  directory: 'attachments',
  maxBytes: maxAttachmentBytes,
  types: ['application/pdf', 'image/png', 'image/jpeg', ...officeTypes],
  tooLarge: 'procurement.errors.attachmentTooLarge',
  wrongType: 'procurement.errors.attachmentType',
};

export type StoredUpload = {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
};

/**
 * The tender form with its `attachments`, each file's problem (too large, not of the accepted types,
 * more than the tender has room for besides the `attached` ones) that field's, listed with the
 * form's others (decision 110).
 */
export function tenderFormSchema(
  now: Date,
  mode: Parameters<typeof tenderSchema>[1],
  biddingDays?: Parameters<typeof tenderSchema>[2],
  attached = 0,
) {
  return tenderSchema(now, mode, biddingDays).extend({
    attachments: storage.uploadedFiles(
      attachmentPlace,
      maxAttachmentsPerTender - attached,
      'procurement.errors.tooManyAttachments',
    ),
  });
}

/** Reads a tender form, refusing an oversized post before and while it streams in. */
export function readAttachmentForm(request: Request) {
  return storage.readLimitedForm(request, maxUploadRequestBytes, attachmentPlace.tooLarge);
}

/** Checks and writes the files; nothing is recorded until `recordUploads` runs in the caller's transaction. */
export async function storeUploads(files: File[], alreadyAttached = 0): Promise<StoredUpload[]> {
  if (files.length + alreadyAttached > maxAttachmentsPerTender)
    throw new UserError('procurement.errors.tooManyAttachments');
  const checked = [];
  for (const file of files) checked.push(await storage.checkUpload(attachmentPlace, file));
  return checked.map((upload) => ({
    fileName: upload.fileName,
    contentType: upload.contentType,
    sizeBytes: upload.bytes.length,
    sha256: upload.sha256,
    storageKey: storage.writeUpload(attachmentPlace, upload),
  }));
}

/** Removes written files whose transaction did not commit. */
export function discardUploads(stored: StoredUpload[]) {
  for (const upload of stored) storage.discardUpload(attachmentPlace, upload.storageKey);
}

export function recordUploads(tx: DB, tenderId: number, uploadedBy: number, stored: StoredUpload[]) {
  for (const upload of stored)
    tx.insert(tenderAttachments)
      .values({ tenderId, uploadedBy, ...upload })
      .run();
}

export function listAttachments(tenderId: number) {
  return db
    .select({
      id: tenderAttachments.id,
      fileName: tenderAttachments.fileName,
      contentType: tenderAttachments.contentType,
      sizeBytes: tenderAttachments.sizeBytes,
      sha256: tenderAttachments.sha256,
      createdAt: tenderAttachments.createdAt,
    })
    .from(tenderAttachments)
    .where(eq(tenderAttachments.tenderId, tenderId))
    .orderBy(asc(tenderAttachments.id))
    .all();
}

export function countAttachments(tenderId: number) {
  return listAttachments(tenderId).length;
}

export function findAttachment(tenderId: number, attachmentId: number) {
  return db
    .select()
    .from(tenderAttachments)
    .where(and(eq(tenderAttachments.tenderId, tenderId), eq(tenderAttachments.id, attachmentId)))
    .get();
}

/** The stored file with the type detected at upload; 404 if either the row or the file is missing. */
export function attachmentDownload(tenderId: number, attachmentId: number) {
  const attachment = findAttachment(tenderId, attachmentId);
  if (!attachment) notFound();
  const bytes = storage.readUpload(attachmentPlace, attachment.storageKey) ?? notFound();
  return { bytes, contentType: attachment.contentType, fileName: attachment.fileName };
}

export function deleteAttachment(tx: DB, attachment: { id: number; storageKey: string }) {
  tx.delete(tenderAttachments).where(eq(tenderAttachments.id, attachment.id)).run();
  return () => storage.discardUpload(attachmentPlace, attachment.storageKey);
}
