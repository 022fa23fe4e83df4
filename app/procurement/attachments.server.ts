import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { tenderAttachments } from '../../db/schema';
import { notFound } from '~/accounts/auth.server';
import { databasePath, db, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { detectFileType } from '~/lib/file-type';

export const maxAttachmentBytes = 10 * 1024 * 1024;
export const maxAttachmentsPerTender = 10;
/** A form post carrying attachments may not exceed this, checked before the body is read. */
export const maxUploadRequestBytes = 3 * maxAttachmentBytes + 1024 * 1024;

export type StoredUpload = {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
};

/** Outside public/: beside the database, never served except through the tender's permission check. */
function storagePath(storageKey: string) {
  return join(dirname(databasePath()), 'attachments', storageKey);
}

const startsWith = (bytes: Buffer, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/**
 * The type is decided by the file's first bytes, never by the browser's claim; the name's
 * extension only tells apart formats that share a container (OOXML in ZIP, legacy Office in OLE).
 */
export function sniffContentType(bytes: Buffer, fileName: string): string | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const common = detectFileType(bytes, ['application/pdf', 'image/png', 'image/jpeg']);
  if (common) return common;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && bytes.includes('[Content_Types].xml')) {
    const ooxml: Record<string, string> = {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    };
    return ooxml[extension] ?? null;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const legacy: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel' };
    return legacy[extension] ?? null;
  }
  return null;
}

function cleanFileName(name: string) {
  const cleaned = basename(name.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return cleaned.slice(-120) || 'attachment';
}

/** Files picked in a form's `attachments` input; an empty input sends one nameless empty file. */
export function uploadedFiles(formData: FormData) {
  return formData.getAll('attachments').filter((f): f is File => typeof f !== 'string' && f.size > 0 && f.name !== '');
}

/** Refuses an oversized post before reading it (the body would otherwise be buffered whole). */
export function assertUploadSize(request: Request) {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > maxUploadRequestBytes) throw new UserError('procurement.errors.attachmentTooLarge', 413);
}

/** Checks and writes the files; nothing is recorded until `recordUploads` runs in the caller's transaction. */
export async function storeUploads(files: File[], alreadyAttached = 0): Promise<StoredUpload[]> {
  if (files.length + alreadyAttached > maxAttachmentsPerTender)
    throw new UserError('procurement.errors.tooManyAttachments');
  const checked = [];
  for (const file of files) {
    if (file.size > maxAttachmentBytes) throw new UserError('procurement.errors.attachmentTooLarge', 413);
    const bytes = Buffer.from(await file.arrayBuffer());
    const fileName = cleanFileName(file.name);
    const contentType = sniffContentType(bytes, fileName);
    if (!contentType) throw new UserError('procurement.errors.attachmentType', 415);
    checked.push({ bytes, fileName, contentType });
  }
  return checked.map(({ bytes, fileName, contentType }) => {
    const storageKey = randomBytes(16).toString('hex');
    const path = storagePath(storageKey);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, bytes, { mode: 0o600, flag: 'wx' });
    return {
      fileName,
      contentType,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storageKey,
    };
  });
}

/** Removes written files whose transaction did not commit. */
export function discardUploads(stored: StoredUpload[]) {
  for (const upload of stored) rmSync(storagePath(upload.storageKey), { force: true });
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

/** The stored file with the type sniffed at upload; 404 if either the row or the file is missing. */
export function attachmentDownload(tenderId: number, attachmentId: number) {
  const attachment = findAttachment(tenderId, attachmentId);
  if (!attachment) notFound();
  let body: Buffer;
  try {
    body = readFileSync(storagePath(attachment.storageKey));
  } catch {
    notFound();
  }
  return { body: new Uint8Array(body), contentType: attachment.contentType, fileName: attachment.fileName };
}

export function deleteAttachment(tx: DB, attachment: { id: number; storageKey: string }) {
  tx.delete(tenderAttachments).where(eq(tenderAttachments.id, attachment.id)).run();
  return () => rmSync(storagePath(attachment.storageKey), { force: true });
}
