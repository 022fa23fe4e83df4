import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { applicationAttachments, incubationApplications } from '../../db/schema';
import { getVisibleApplication } from './applications.server';
import { notFound, requireOrgMember, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { databasePath, db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { detectFileType } from '~/lib/file-type';

export const attachmentLimits = { maxBytes: 10 * 1024 * 1024, maxFiles: 10 };

export type AttachmentType = 'application/pdf' | 'image/png' | 'image/jpeg';

export const attachmentTypes: readonly AttachmentType[] = ['application/pdf', 'image/png', 'image/jpeg'];

/** Beside the database, outside public/: files are only ever served through the guarded route. */
function storagePath(storageKey: string) {
  return join(dirname(databasePath()), 'attachments', storageKey);
}

function displayName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return clean.slice(-120) || 'attachment';
}

export async function addAttachment(viewer: Viewer, applicationId: number, file: File | null) {
  const { application } = getVisibleApplication(viewer, applicationId);
  requireOrgMember(viewer, application.organizationId);
  if (application.state !== 'draft') throw new UserError('incubation.errors.notEditable', 409);
  if (!file || file.size === 0) throw new UserError('incubation.errors.chooseFile', 422);
  if (file.size > attachmentLimits.maxBytes) throw new UserError('incubation.errors.fileTooLarge', 413);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const contentType = detectFileType(bytes, attachmentTypes);
  if (!contentType) throw new UserError('incubation.errors.fileType', 415);
  const storageKey = randomBytes(18).toString('hex');
  const path = storagePath(storageKey);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes, { flag: 'wx' });
  try {
    transaction((tx) => {
      const current = tx
        .select({ state: incubationApplications.state })
        .from(incubationApplications)
        .where(eq(incubationApplications.id, applicationId))
        .get();
      if (current?.state !== 'draft') throw new UserError('incubation.errors.notEditable', 409);
      const count = tx
        .select({ n: sql<number>`count(*)` })
        .from(applicationAttachments)
        .where(eq(applicationAttachments.applicationId, applicationId))
        .get()!.n;
      if (count >= attachmentLimits.maxFiles) throw new UserError('incubation.errors.tooManyFiles', 409);
      const row = tx
        .insert(applicationAttachments)
        .values({
          applicationId,
          fileName: displayName(file.name),
          contentType,
          byteSize: bytes.length,
          storageKey,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          uploadedBy: viewer.id,
        })
        .returning()
        .get();
      audit(tx, { actorId: viewer.id, action: 'attachment.add', subjectType: 'attachment', subjectId: row.id });
    });
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
}

export function removeAttachment(viewer: Viewer, applicationId: number, attachmentId: number) {
  const { application } = getVisibleApplication(viewer, applicationId);
  requireOrgMember(viewer, application.organizationId);
  const storageKey = transaction((tx) => {
    const state = tx
      .select({ state: incubationApplications.state })
      .from(incubationApplications)
      .where(eq(incubationApplications.id, applicationId))
      .get()?.state;
    if (state !== 'draft') throw new UserError('incubation.errors.notEditable', 409);
    const row = tx
      .delete(applicationAttachments)
      .where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, applicationId)))
      .returning()
      .get();
    if (!row) throw new UserError('errors.notFound', 404);
    audit(tx, { actorId: viewer.id, action: 'attachment.remove', subjectType: 'attachment', subjectId: row.id });
    return row.storageKey;
  });
  rmSync(storagePath(storageKey), { force: true });
}

/** The file, for the applying organization's members and the incubator's staff only. */
export function readAttachment(viewer: Viewer, applicationId: number, attachmentId: number) {
  getVisibleApplication(viewer, applicationId);
  const row = db
    .select()
    .from(applicationAttachments)
    .where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, applicationId)))
    .get();
  if (!row) notFound();
  return { fileName: row.fileName, contentType: row.contentType, bytes: readFileSync(storagePath(row.storageKey)) };
}
