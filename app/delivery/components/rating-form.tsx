import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { ratingTags } from '../schemas';

/** The worker's stars, tags and comment: a new rating, or a change to theirs while it may be changed. */
export function RatingForm({
  rating,
  typed,
  comment,
}: {
  rating: { score: number; tags: readonly string[] } | null;
  typed: { score?: number; tags?: readonly string[] } | undefined;
  comment: string;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={rating ? 'edit' : 'create'} />
      <fieldset>
        <legend>{t('delivery.rating.score')}</legend>
        <div className="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="star">
              <input
                type="radio"
                name="score"
                value={n}
                defaultChecked={(typed?.score ?? rating?.score) === n}
                required
              />
              <span>{t('delivery.rating.stars', { count: n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('delivery.rating.tags')}</legend>
        <div className="choices">
          {ratingTags.map((tag) => (
            <label key={tag} className="choice">
              <input
                type="checkbox"
                name="tags"
                value={tag}
                defaultChecked={(typed?.tags ?? rating?.tags)?.includes(tag)}
              />{' '}
              {t(`delivery.rating.tag.${tag}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor="comment">{t('delivery.rating.comment')}</label>
      <textarea id="comment" name="comment" rows={3} maxLength={500} defaultValue={comment} />
      <button type="submit" className="button big">
        {rating ? t('delivery.rating.update') : t('delivery.rating.submit')}
      </button>
    </Form>
  );
}
