import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { z } from 'zod';
import type { attendanceReview, ReviewDecision } from '../attendance.server';
import type { attendanceReviewSchema } from '../schemas';
import { formatDateTime } from '~/lib/format';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';

type Review = ReturnType<typeof attendanceReview>;
type Reply = SubmissionResult<string[]> | undefined;

/** Admit or exclude, with a reason; the buttons offered are the decisions that would change something. */
function DecisionForm({
  target,
  current,
  label,
  lastResult,
}: {
  target: string;
  current: ReviewDecision | null;
  label?: string;
  lastResult: Reply;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof attendanceReviewSchema>>({ id: `review-${target}`, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} data-testid={`review-${target}`}>
      <ErrorSummary form={form} labels={{ reason: t('delivery.attendance.reason') }} />
      <input type="hidden" name="intent" value="attendance" />
      <input type="hidden" name="target" value={target} />
      {label ? <p>{label}</p> : null}
      <div className="inline-form">
        <Field meta={fields.reason} label={t('delivery.attendance.reason')} />
        {current !== 'admitted' ? (
          <SubmitButton name="decision" value="admitted" className="button secondary">
            {t('delivery.attendance.admit')}
          </SubmitButton>
        ) : null}
        {current !== 'excluded' ? (
          <SubmitButton name="decision" value="excluded" className="button secondary">
            {t('delivery.attendance.exclude')}
          </SubmitButton>
        ) : null}
      </div>
    </Form>
  );
}

/** The event's attendance review: what is only asserted, the check-ins that do not count by themselves. */
export function AttendanceReview({
  review,
  locale,
  replyTo,
}: {
  review: Review;
  locale: string;
  /** The reply to the form of a target (`event`, `pending`, a check-in's id), if it was that one's. */
  replyTo: (target: string) => Reply;
}) {
  const { t } = useTranslation();
  const { decision, counts } = review;
  const decided = (d: { review: ReviewDecision; reason: string; by: string; at: Date | null }) =>
    t(`delivery.attendance.${d.review}`, {
      reason: d.reason,
      name: d.by,
      time: d.at ? formatDateTime(d.at, locale) : '',
    });
  const anyCheckins = counts.pending + counts.admitted + counts.excluded > 0;
  return (
    <section className="section" id="attendance" aria-labelledby="attendance-title" data-testid="attendance-review">
      <h2 id="attendance-title">{t('delivery.attendance.title')}</h2>
      <p className="hint">{t('delivery.attendance.explanation')}</p>
      {review.standard === 'code' ? <p className="alert">{t('delivery.attendance.codeStandard')}</p> : null}
      {review.assertions.length ? (
        <div data-testid="asserted-attendance" data-decision={decision?.review ?? 'pending'}>
          <p>{t('delivery.attendance.asserted')}</p>
          <ul>
            {review.assertions.map((a) => (
              <li key={a}>
                {t(`delivery.attendance.assertion.${a}`, { count: review.walkIns, minutes: review.lateAfterMinutes })}
              </li>
            ))}
          </ul>
          <p className={decision ? undefined : 'notice'} data-testid="asserted-status">
            {decision
              ? decided(decision)
              : review.accepted
                ? t('delivery.attendance.awaiting')
                : t('delivery.attendance.awaitingAcceptance')}
          </p>
          {review.canDecideAssertions ? (
            <DecisionForm target="event" current={decision?.review ?? null} lastResult={replyTo('event')} />
          ) : null}
        </div>
      ) : null}
      {anyCheckins ? (
        <>
          <h3>{t('delivery.attendance.checkinsTitle')}</h3>
          <p data-testid="checkin-review-counts">{t('delivery.attendance.checkinCounts', counts)}</p>
          {review.canReview && counts.pending > 0 ? (
            <DecisionForm
              target="pending"
              current={null}
              label={t('delivery.attendance.allPending', { count: counts.pending })}
              lastResult={replyTo('pending')}
            />
          ) : null}
          <DataTable
            rows={review.checkins}
            rowKey={(c) => c.id}
            rowProps={() => ({ 'data-testid': 'checkin-review-row' })}
            columns={[
              {
                label: t('delivery.attendance.checkedInAt'),
                cell: (c) => (
                  <>
                    {formatDateTime(c.createdAt, locale)}
                    <br />
                    <span className="hint">{t(messageKey('delivery.attendance.verification', c.verification))}</span>
                  </>
                ),
              },
              {
                label: t('delivery.attendance.rated'),
                cell: (c) => (c.score === null ? '—' : t('delivery.rating.stars', { count: c.score })),
              },
              {
                label: t('delivery.attendance.status'),
                cell: (c) => (
                  <>
                    <p>
                      {c.review
                        ? decided({
                            review: c.review,
                            reason: c.reviewReason ?? '',
                            by: c.reviewerName ?? '',
                            at: c.reviewedAt,
                          })
                        : t('delivery.attendance.pendingStatus')}
                    </p>
                    {review.canReview ? (
                      <DecisionForm target={String(c.id)} current={c.review} lastResult={replyTo(String(c.id))} />
                    ) : null}
                  </>
                ),
              },
            ]}
          />
          {counts.pending + counts.admitted + counts.excluded > review.checkins.length ? (
            <p className="hint">{t('delivery.attendance.listedOnly', { count: review.checkins.length })}</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
