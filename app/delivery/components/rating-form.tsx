import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { ratingTags } from '../schemas';
import { ErrorSummary, FormErrors } from '~/ui/form';

/** The form's id: the summary links to `#rate-score` (the stars) and `#rate-comment`. */
const formId = 'rate';

/**
 * The worker's stars, tags and comment: a new rating, or a change to theirs while it may be changed.
 * A refused post's problems are listed at the top, each linking to its field, with what the worker
 * chose and typed kept (decision 110); the page ships no JavaScript, so it is all rendered here.
 */
export function RatingForm({
  rating,
  typed,
  problems,
}: {
  rating: { score: number; comment: string; tags: readonly string[] } | null;
  typed: { score?: number; tags?: readonly string[]; comment?: string } | undefined;
  problems: Record<string, string[]> | undefined;
}) {
  const { t } = useTranslation();
  const score = typed ? typed.score : rating?.score;
  const tags = typed ? typed.tags : rating?.tags;
  const invalid = (name: string) =>
    problems?.[name]?.length ? { 'aria-invalid': true, 'aria-describedby': `${formId}-${name}-error` } : {};
  return (
    <Form method="post" id={formId}>
      {problems ? (
        <ErrorSummary
          form={{ id: formId, status: 'error', allErrors: problems }}
          labels={{ score: t('delivery.rating.score'), comment: t('delivery.rating.comment') }}
        />
      ) : null}
      <input type="hidden" name="intent" value={rating ? 'edit' : 'create'} />
      <fieldset id={`${formId}-score`} tabIndex={-1} {...invalid('score')}>
        <legend>{t('delivery.rating.score')}</legend>
        <div className="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="star">
              <input type="radio" name="score" value={n} defaultChecked={score === n} />
              <span>{t('delivery.rating.stars', { count: n })}</span>
            </label>
          ))}
        </div>
        {problems?.score ? <FormErrors id={`${formId}-score-error`} errors={problems.score} /> : null}
      </fieldset>
      <fieldset>
        <legend>{t('delivery.rating.tags')}</legend>
        <div className="choices">
          {ratingTags.map((tag) => (
            <label key={tag} className="choice">
              <input type="checkbox" name="tags" value={tag} defaultChecked={tags?.includes(tag)} />{' '}
              {t(`delivery.rating.tag.${tag}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${formId}-comment`}>{t('delivery.rating.comment')}</label>
      <textarea
        id={`${formId}-comment`}
        name="comment"
        rows={3}
        defaultValue={typed?.comment ?? rating?.comment ?? ''}
        {...invalid('comment')}
      />
      {problems?.comment ? <FormErrors id={`${formId}-comment-error`} errors={problems.comment} /> : null}
      <button type="submit" className="button big">
        {rating ? t('delivery.rating.update') : t('delivery.rating.submit')}
      </button>
    </Form>
  );
}
