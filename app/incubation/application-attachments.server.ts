import { and, eq, sql } from 'drizzle-orm';
import { applicationAttachments, incubationApplications } from '../../db/schema/incubation';
import { requireVisibleApplication } from './applications.server';
import { mayEditApplication } from './permissions';
import { notFound, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { enforce } from '~/lib/permission';
import {
  checkUpload,
  discardUpload,
  megabytes,
  readLimitedForm,
  readUpload,
  uploadedFile,
  writeUpload,
  type UploadPlace,
} from '~/lib/uploads.server';
import { z } from 'zod';
import './audit-subjects.server';

export const attachmentLimits = { maxBytes: 10 * 1024 * 1024, maxFiles: 10 };

export type AttachmentType = 'application/pdf' | 'image/png' | 'image/jpeg';

export const attachmentTypes: readonly AttachmentType[] = ['application/pdf', 'image/png', 'image/jpeg'];

const attachmentPlace: UploadPlace<AttachmentType> = {
  directory: 'attachments',
  maxBytes: attachmentLimits.maxBytes,
  types: attachmentTypes,
  tooLarge: 'incubation.errors.fileTooLarge',
  wrongType: 'incubation.errors.fileType',
};

/**
 * Reads an application's form, at most twice an attachment's limit: a file somewhat too large is
 * read and refused in the form's summary (`attachmentFormSchema`); more is refused unread.
 */
export function readApplicationForm(request: Request) {
  const maxBytes = attachmentLimits.maxBytes * 2 + 64 * 1024;
  return readLimitedForm(request, maxBytes, attachmentPlace.tooLarge, megabytes(attachmentPlace));
}

/** The form that adds one attachment. */
export const attachmentFormSchema = z.object({ file: uploadedFile(attachmentPlace, 'incubation.errors.chooseFile') });

/** The application's state as the write transaction sees it. */
function currentState(applicationId: number) {
  return db
    .select({ state: incubationApplications.state })
    .from(incubationApplications)
    .where(eq(incubationApplications.id, applicationId))
    .get()!;
}

export async function addAttachment(viewer: Viewer, applicationId: number, file: File | null) {
  const { application, standing } = requireVisibleApplication(viewer, applicationId);
  enforce(mayEditApplication(application, standing));
  if (!file || file.size === 0) throw new UserError('incubation.errors.chooseFile', 422);
  const upload = await checkUpload(attachmentPlace, file);
  const storageKey = writeUpload(attachmentPlace, upload);
  try {
    transaction((tx) => {
      enforce(mayEditApplication(currentState(applicationId), standing));
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
          fileName: upload.fileName,
          contentType: upload.contentType,
          byteSize: upload.bytes.length,
          storageKey,
          sha256: upload.sha256,
          uploadedBy: viewer.id,
        })
        .returning()
        .get();
      audit(tx, { actorId: viewer.id, action: 'attachment.add', subjectType: 'attachment', subjectId: row.id });
    });
  } catch (error) {
    discardUpload(attachmentPlace, storageKey);
    throw error;
  }
}

export function removeAttachment(viewer: Viewer, applicationId: number, attachmentId: number) {
  const { standing } = requireVisibleApplication(viewer, applicationId);
  const storageKey = transaction((tx) => {
    enforce(mayEditApplication(currentState(applicationId), standing));
    const row = tx
      .delete(applicationAttachments)
      .where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, applicationId)))
      .returning()
      .get();
    if (!row) throw new UserError('errors.notFound', 404);
    audit(tx, { actorId: viewer.id, action: 'attachment.remove', subjectType: 'attachment', subjectId: row.id });
    return row.storageKey;
  });
  discardUpload(attachmentPlace, storageKey);
}

/** The file, for the applying organization's members and the incubator's staff only. */
export function readAttachment(viewer: Viewer, applicationId: number, attachmentId: number) {
  requireVisibleApplication(viewer, applicationId);
  const row = db
    .select()
    .from(applicationAttachments)
    .where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, applicationId)))
    .get();
  if (!row) notFound();
  const bytes = readUpload(attachmentPlace, row.storageKey) ?? notFound();
  return { fileName: row.fileName, contentType: row.contentType, bytes };
}
