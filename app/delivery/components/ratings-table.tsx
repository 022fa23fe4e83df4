import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { formatDateTime } from '~/lib/format';
import { SubmitButton } from '~/ui/form';
import { Empty } from '~/ui/page';
import { messageKey } from '~/lib/locale';

type Rating = {
  id: number;
  score: number;
  comment: string;
  tags: string[];
  checkedInAt: Date;
  ratedAt: Date;
  flags: string[];
  excludedReason: string | null;
  excludedByName: string | null;
};

/** Every rating of the event with its integrity flags, and the union's exclude or restore buttons. */
export function RatingsTable({
  ratings,
  canExclude,
  typed,
  locale,
}: {
  ratings: Rating[];
  canExclude: boolean;
  typed: { ratingId: number; reason: string } | null;
  locale: string;
}) {
  const { t } = useTranslation();
  return ratings.length ? (
    <table>
      <thead>
        <tr>
          <th>{t('delivery.rating.score')}</th>
          <th>{t('delivery.integrity.comment')}</th>
          <th>{t('delivery.integrity.times')}</th>
          <th>{t('delivery.integrity.flags')}</th>
          <th>{t('delivery.integrity.decision')}</th>
        </tr>
      </thead>
      <tbody>
        {ratings.map((r) => (
          <tr key={r.id} data-testid="rating-row" data-flags={r.flags.join(' ')}>
            <td>{t('delivery.rating.stars', { count: r.score })}</td>
            <td>
              {r.comment || '—'}
              {r.tags.length ? (
                <span className="hint">
                  {' '}
                  · {r.tags.map((tag) => t(messageKey('delivery.rating.tag', tag))).join(t('punctuation.separator'))}
                </span>
              ) : null}
            </td>
            <td className="hint">
              {t('delivery.integrity.checkedInAt', { time: formatDateTime(r.checkedInAt, locale) })}
              <br />
              {t('delivery.integrity.ratedAt', { time: formatDateTime(r.ratedAt, locale) })}
            </td>
            <td>
              {r.flags.length ? (
                <ul className="flags">
                  {r.flags.map((flag) => (
                    <li key={flag}>{t(messageKey('delivery.integrity.flag', flag))}</li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </td>
            <td>
              {r.excludedReason ? (
                <>
                  <p className="alert">
                    {t('delivery.integrity.excludedBecause', {
                      reason: r.excludedReason,
                      name: r.excludedByName ?? '',
                    })}
                  </p>
                  {canExclude ? (
                    <Form method="post">
                      <input type="hidden" name="ratingId" value={r.id} />
                      <SubmitButton name="intent" value="restore" className="button secondary">
                        {t('delivery.integrity.restore')}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </>
              ) : canExclude && r.flags.length ? (
                <Form method="post" className="exclude-form">
                  <input type="hidden" name="ratingId" value={r.id} />
                  <label htmlFor={`reason-${r.id}`}>{t('delivery.integrity.reason')}</label>
                  <input
                    id={`reason-${r.id}`}
                    name="reason"
                    required
                    maxLength={500}
                    defaultValue={typed?.ratingId === r.id ? typed.reason : ''}
                  />
                  <SubmitButton name="intent" value="exclude" className="button secondary">
                    {t('delivery.integrity.exclude')}
                  </SubmitButton>
                </Form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  ) : (
    <Empty>{t('delivery.integrity.none')}</Empty>
  );
}
