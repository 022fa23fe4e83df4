import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { z } from 'zod';
import type { excludeRatingSchema } from '../schemas';
import { formatDateTime } from '~/lib/format';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { Empty } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';

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

type Reply = SubmissionResult<string[]> | undefined;

/** A union reviewer's form to leave one flagged rating out of the figures, with the reason. */
function ExcludeForm({ ratingId, lastResult }: { ratingId: number; lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof excludeRatingSchema>>({ id: `exclude-${ratingId}`, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="exclude-form">
      <ErrorSummary form={form} labels={{ reason: t('delivery.integrity.reason') }} />
      <input type="hidden" name="ratingId" value={ratingId} />
      <Field meta={fields.reason} label={t('delivery.integrity.reason')} />
      <SubmitButton name="intent" value="exclude" className="button secondary">
        {t('delivery.integrity.exclude')}
      </SubmitButton>
    </Form>
  );
}

/** Every rating of the event with its integrity flags, and the union's exclude or restore buttons. */
export function RatingsTable({
  ratings,
  canExclude,
  replyTo,
  locale,
}: {
  ratings: Rating[];
  canExclude: boolean;
  /** The reply to a rating's exclude form, if it was that one's. */
  replyTo: (ratingId: number) => Reply;
  locale: string;
}) {
  const { t } = useTranslation();
  return ratings.length ? (
    <DataTable
      rows={ratings}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ 'data-testid': 'rating-row', 'data-flags': r.flags.join(' ') })}
      columns={[
        { label: t('delivery.rating.score'), cell: (r) => t('delivery.rating.stars', { count: r.score }) },
        {
          label: t('delivery.integrity.comment'),
          cell: (r) => (
            <>
              {r.comment || '—'}
              {r.tags.length ? (
                <span className="hint">
                  {' '}
                  · {r.tags.map((tag) => t(messageKey('delivery.rating.tag', tag))).join(t('punctuation.separator'))}
                </span>
              ) : null}
            </>
          ),
        },
        {
          label: t('delivery.integrity.times'),
          className: 'hint',
          cell: (r) => (
            <>
              {t('delivery.integrity.checkedInAt', { time: formatDateTime(r.checkedInAt, locale) })}
              <br />
              {t('delivery.integrity.ratedAt', { time: formatDateTime(r.ratedAt, locale) })}
            </>
          ),
        },
        {
          label: t('delivery.integrity.flags'),
          cell: (r) =>
            r.flags.length ? (
              <ul className="flags">
                {r.flags.map((flag) => (
                  <li key={flag}>{t(messageKey('delivery.integrity.flag', flag))}</li>
                ))}
              </ul>
            ) : (
              '—'
            ),
        },
        {
          label: t('delivery.integrity.decision'),
          cell: (r) =>
            r.excludedReason ? (
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
              <ExcludeForm ratingId={r.id} lastResult={replyTo(r.id)} />
            ) : null,
        },
      ]}
    />
  ) : (
    <Empty>{t('delivery.integrity.none')}</Empty>
  );
}
