import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { SubmitButton } from '~/ui/form';
import { Empty } from '~/ui/page';

/** The offering's photos as its organization manages them: each removable, and a form to add one. */
export function ManagedPhotos({
  offering,
  photos,
}: {
  offering: { id: number; title: string };
  photos: { id: number }[];
}) {
  const { t } = useTranslation();
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
      <Form method="post" encType="multipart/form-data" className="narrow">
        <div className="field">
          <label htmlFor="offering-photo">{t('catalog.manage.photoFile')}</label>
          <input
            id="offering-photo"
            type="file"
            name="photo"
            accept="image/jpeg,image/png,image/webp"
            required
            aria-describedby="offering-photo-hint"
          />
          <p className="hint" id="offering-photo-hint">
            {t('catalog.manage.photoHint')}
          </p>
        </div>
        <SubmitButton name="intent" value="addPhoto">
          {t('catalog.manage.addPhoto')}
        </SubmitButton>
      </Form>
    </>
  );
}
