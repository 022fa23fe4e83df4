import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { attendanceReview, ReviewDecision } from '../attendance.server';
import { formatDateTime } from '~/lib/format';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';

type Review = ReturnType<typeof attendanceReview>;
/** What a failed review submission sends back: the form it came from and the reason typed in it. */
export type ReviewFailure = { target: string; reason: string; failure: string } | null | undefined;

/** Admit or exclude, with a reason; the buttons offered are the decisions that would change something. */
function DecisionForm({
  target,
  current,
  label,
  failed,
}: {
  target: string;
  current: ReviewDecision | null;
  label?: string;
  failed: ReviewFailure;
}) {
  const { t } = useTranslation();
  const mine = failed?.target === target ? failed : null;
  return (
    <Form method="post" className="inline-form" data-testid={`review-${target}`}>
      <input type="hidden" name="intent" value="attendance" />
      <input type="hidden" name="target" value={target} />
      {label ? <p>{label}</p> : null}
      <ActionMessage failure={mine?.failure} />
      <label htmlFor={`review-reason-${target}`}>{t('delivery.attendance.reason')}</label>
      <input id={`review-reason-${target}`} name="reason" required maxLength={500} defaultValue={mine?.reason ?? ''} />
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
    </Form>
  );
}

/** The event's attendance review: what is only asserted, the check-ins that do not count by themselves. */
export function AttendanceReview({
  review,
  locale,
  failed,
}: {
  review: Review;
  locale: string;
  failed: ReviewFailure;
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
            <DecisionForm target="event" current={decision?.review ?? null} failed={failed} />
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
              failed={failed}
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
                      <DecisionForm target={String(c.id)} current={c.review} failed={failed} />
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
