import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';

/** The application's files, removable and added to while it may be edited. */
export function ApplicationAttachments({
  applicationId,
  attachments,
  editable,
  maxMegabytes,
  lastResult,
}: {
  applicationId: number;
  attachments: { id: number; fileName: string; byteSize: number }[];
  editable: boolean;
  maxMegabytes: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ file: File }>({ id: 'attachment', lastResult });
  return (
    <>
      {attachments.length ? (
        <ul>
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/applications/${applicationId}/attachments/${a.id}`}>{a.fileName}</a> ·{' '}
              {Math.max(1, Math.round(a.byteSize / 1024))} KB
              {editable ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="attachmentId" value={a.id} />
                  <SubmitButton name="intent" value="removeAttachment" className="link-button">
                    {t('incubation.removeAttachment', { name: a.fileName })}
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t('incubation.noAttachments')}</p>
      )}
      {editable ? (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="narrow">
          <ErrorSummary form={form} labels={{ file: t('incubation.attachFile') }} />
          <Field
            meta={fields.file}
            label={t('incubation.attachFile')}
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            hint={t('incubation.attachHint', { mb: maxMegabytes })}
          />
          <SubmitButton>{t('incubation.upload')}</SubmitButton>
        </Form>
      ) : null}
    </>
  );
}
