import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databasePath } from './db.server';
import { UserError } from './errors';
import type { MessageKey } from './locale';
import { detectFileType, fileExtensions, isImageType, type FileType } from './file-type';
import { formMessage } from './form-message';

/**
 * One kind of upload (tender attachments, offering photos, payment vouchers…): where its files live,
 * how large they may be, which types it accepts and the message keys it refuses with. Who may
 * download a file is decided by its capability, before `uploadResponse`.
 */
export type UploadPlace<T extends FileType = FileType> = {
  /** Relative to the database's directory: outside public/, never served statically. */
  directory: string;
  maxBytes: number;
  types: readonly T[];
  tooLarge: MessageKey;
  wrongType: MessageKey;
};

export type CheckedUpload<T extends FileType = FileType> = {
  bytes: Buffer;
  contentType: T;
  fileName: string;
  sha256: string;
};

/** Keys are ours: random hex, an extension, and (for older event photos) an event-id folder. */
const storageKeyPattern = /^(?:\d+\/)?[0-9a-f]{32,}(?:\.[a-z]{3,4})?$/;

export function uploadDirectory(place: UploadPlace) {
  return join(dirname(databasePath()), place.directory);
}

export function uploadPath(place: UploadPlace, storageKey: string) {
  if (!storageKeyPattern.test(storageKey)) throw new Error(`Not a storage key: ${storageKey}`);
  return join(uploadDirectory(place), storageKey);
}

/** The last path segment, without control characters or quotes, at most 120 characters. */
export function cleanFileName(name: string, fallback = 'attachment') {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return clean.slice(-120) || fallback;
}

/** The place's limit, as its too-large message states it. */
export const megabytes = (place: UploadPlace) => ({ mb: place.maxBytes / 1024 / 1024 });

/** Refuses a file over the place's limit or whose first bytes are not one of its types. */
export async function checkUpload<T extends FileType>(place: UploadPlace<T>, file: File): Promise<CheckedUpload<T>> {
  if (file.size > place.maxBytes) throw new UserError(place.tooLarge, 413, megabytes(place));
  const bytes = Buffer.from(await file.arrayBuffer());
  const fileName = cleanFileName(file.name);
  const contentType = detectFileType(bytes, place.types, fileName);
  if (!contentType) throw new UserError(place.wrongType, 415);
  return { bytes, contentType, fileName, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Each file's problem (over the place's limit, not one of its types), once each, as the field's issues. */
function checkFiles(place: UploadPlace) {
  return async (files: File[], ctx: z.RefinementCtx) => {
    const problems = new Set<string>();
    for (const file of files) {
      try {
        await checkUpload(place, file);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        problems.add(formMessage(error.messageKey, error.values));
      }
    }
    for (const message of problems) ctx.addIssue({ code: 'custom', message });
  };
}

/**
 * A form's file field for one file of `place` (`required` when none is chosen), for its schema: a
 * file over the place's limit or not of its types is that field's problem, listed with the form's
 * others (decision 110). The command that stores the file checks it again (`checkUpload`).
 */
export const uploadedFile = (place: UploadPlace, required: MessageKey) =>
  z.file({ error: required }).superRefine((file, ctx) => checkFiles(place)([file], ctx));

/** The same for a field of several files, at most `max` (`tooMany` beyond); an empty input is none. */
export const uploadedFiles = (place: UploadPlace, max: number, tooMany: MessageKey) =>
  z
    .array(z.file({ error: place.wrongType }))
    .max(max, tooMany)
    .optional()
    .default([])
    .superRefine(checkFiles(place));

/**
 * Writes the file under a random name, whole or not at all (a temporary file renamed into place).
 * Call it before the transaction that records the file, and `discardUpload` if that fails.
 */
export function writeUpload(place: UploadPlace, upload: Pick<CheckedUpload, 'bytes' | 'contentType'>) {
  const storageKey = `${randomBytes(16).toString('hex')}.${fileExtensions[upload.contentType]}`;
  const path = uploadPath(place, storageKey);
  const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(partial, upload.bytes, { flag: 'wx', mode: 0o600 });
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return storageKey;
}

export function discardUpload(place: UploadPlace, storageKey: string) {
  rmSync(uploadPath(place, storageKey), { force: true });
}

/** The stored bytes, or null when the file is gone. */
export function readUpload(place: UploadPlace, storageKey: string): Buffer | null {
  const path = uploadPath(place, storageKey);
  return existsSync(path) ? readFileSync(path) : null;
}

/**
 * Reads a (multipart) form without ever holding more than `maxBytes` of it: the declared length is
 * checked first, and the stream is cut off if it runs past the limit anyway. A body cut short, or
 * multipart whose boundaries do not parse, is the sender's error: a 400, never a 500.
 */
export async function readLimitedForm(
  request: Request,
  maxBytes: number,
  tooLarge: MessageKey,
  values: Record<string, number> = {},
) {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw new UserError(tooLarge, 413, values);
  const unreadable = () => new UserError('http.unreadableForm', 400);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read().catch(() => Promise.reject(unreadable()));
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new UserError(tooLarge, 413, values);
    }
    chunks.push(value);
  }
  const headers = { 'content-type': request.headers.get('content-type') ?? '' };
  return new Response(Buffer.concat(chunks), { headers }).formData().catch(() => Promise.reject(unreadable()));
}

/** RFC 5987 value: percent-encoded UTF-8, including the characters the plain encoder leaves. */
const rfc5987 = (name: string) =>
  encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A plain-ASCII name for old clients: anything else becomes "_", the extension kept. */
const asciiFileName = (name: string) => name.replace(/[^\x20-\x7e]|[\\%;]/g, '_');

/**
 * The stored file, served with the type detected at upload: images inline, documents as downloads,
 * never sniffed, never rendered as a page, never in a shared cache.
 */
export function uploadResponse(
  file: { bytes: Uint8Array; contentType: string; fileName: string },
  { maxAgeSeconds = 0 }: { maxAgeSeconds?: number } = {},
) {
  const disposition = isImageType(file.contentType) ? 'inline' : 'attachment';
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': `${disposition}; filename="${asciiFileName(file.fileName)}"; filename*=UTF-8''${rfc5987(file.fileName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': maxAgeSeconds > 0 ? `private, max-age=${maxAgeSeconds}` : 'private, no-store',
    },
  });
}
