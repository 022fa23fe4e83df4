import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { SubmitButton } from '~/ui/form';

/** The application's files, removable and added to while it may be edited. */
export function ApplicationAttachments({
  applicationId,
  attachments,
  editable,
  maxMegabytes,
}: {
  applicationId: number;
  attachments: { id: number; fileName: string; byteSize: number }[];
  editable: boolean;
  maxMegabytes: number;
}) {
  const { t } = useTranslation();
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
        <Form method="post" encType="multipart/form-data" className="narrow">
          <div className="field">
            <label htmlFor="attachment-file">{t('incubation.attachFile')}</label>
            <input
              id="attachment-file"
              name="file"
              type="file"
              accept="application/pdf,image/png,image/jpeg"
              required
              aria-describedby="attachment-hint"
            />
            <p className="hint" id="attachment-hint">
              {t('incubation.attachHint', { mb: maxMegabytes })}
            </p>
          </div>
          <SubmitButton>{t('incubation.upload')}</SubmitButton>
        </Form>
      ) : null}
    </>
  );
}
