import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { Empty } from '~/ui/page';

/** The offering's photos as its organization manages them: each removable, and a form to add one. */
export function ManagedPhotos({
  offering,
  photos,
  lastResult,
}: {
  offering: { id: number; title: string };
  photos: { id: number }[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ photo: File }>({ id: 'offering-photo', lastResult });
  return (
    <>
      {photos.length ? (
        <ul className="offering-photos">
          {photos.map((p, i) => (
            <li key={p.id}>
              <img
                src={`/catalog/${offering.id}/photos/${p.id}`}
                alt={t('catalog.offering.photoAlt', { title: offering.title, number: i + 1 })}
              />
              <Form method="post">
                <input type="hidden" name="photoId" value={p.id} />
                <SubmitButton name="intent" value="removePhoto" className="link-button">
                  {t('catalog.manage.removePhoto', { number: i + 1 })}
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('catalog.manage.noPhotos')}</Empty>
      )}
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="narrow">
        <ErrorSummary form={form} labels={{ photo: t('catalog.manage.photoFile') }} />
        <Field
          meta={fields.photo}
          label={t('catalog.manage.photoFile')}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          hint={t('catalog.manage.photoHint')}
        />
        <SubmitButton name="intent" value="addPhoto">
          {t('catalog.manage.addPhoto')}
        </SubmitButton>
      </Form>
    </>
  );
}
