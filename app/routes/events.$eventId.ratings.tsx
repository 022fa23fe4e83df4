import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/events.$eventId.ratings';
import { requireViewer } from '~/accounts/auth.server';
import { attendanceReview, submitAttendanceReview } from '~/delivery/attendance.server';
import { AttendanceReview } from '~/delivery/components/attendance-review';
import { integrityRules, eventIntegrity, excludeRating, restoreRating } from '~/delivery/integrity.server';
import { attempt } from '~/lib/actions.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { Empty, PageHeader, Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = eventIntegrity(viewer, parseId(params.eventId));
  const t = await getT(request);
  return {
    title: t('delivery.integrity.title', { title: view.event.title }),
    eventId: view.event.id,
    locale: await getLocale(request),
    usual: view.usual,
    canExclude: view.canExclude,
    ratings: view.ratings,
    rules: integrityRules,
    attendance: attendanceReview(viewer, view.event.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const eventId = parseId(params.eventId);
  const formData = await request.formData();
  if (formData.get('intent') === 'attendance') {
    const failed = await submitAttendanceReview(viewer, eventId, formData);
    if (failed) return data({ attendance: failed }, { status: failed.status });
    return redirect(`/events/${eventId}/ratings#attendance`);
  }
  const ratingId = parseId(String(formData.get('ratingId') ?? ''));
  const reason = String(formData.get('reason') ?? '');
  const result = await attempt(() =>
    formData.get('intent') === 'restore'
      ? restoreRating(viewer, eventId, ratingId)
      : excludeRating(viewer, eventId, ratingId, reason),
  );
  if (!result.ok) {
    return data({ failure: result.error.messageKey, ratingId, reason }, { status: result.error.status });
  }
  return redirect(`/events/${eventId}/ratings`);
}

export default function EventRatings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { ratings, locale, rules, usual } = loaderData;
  const flagged = ratings.filter((r) => r.flags.length);
  const ratingFailure = actionData && 'ratingId' in actionData ? actionData : null;
  return (
    <>
      <PageHeader title={loaderData.title} />
      <p>
        <Link to={`/events/${loaderData.eventId}`}>{t('delivery.integrity.backToEvent')}</Link>
      </p>
      <ActionMessage failure={ratingFailure?.failure} />
      <Stats>
        <Stat label={t('delivery.figures.ratings')} value={ratings.length} />
        <Stat label={t('delivery.integrity.flagged')} value={flagged.length} testId="flagged-count" />
        <Stat
          label={t('delivery.integrity.excluded')}
          value={ratings.filter((r) => r.excludedReason).length}
          testId="excluded-count"
        />
        <Stat label={t('delivery.integrity.usual')} value={usual ? usual.average.toFixed(1) : '—'} />
      </Stats>
      <details className="rules">
        <summary>{t('delivery.integrity.rulesTitle')}</summary>
        <ul>
          <li>{t('delivery.integrity.rule.sharedNetwork', { ratings: rules.sharedNetworkRatings })}</li>
          <li>{t('delivery.integrity.rule.fastRating', { seconds: rules.fastRatingSeconds })}</li>
          <li>{t('delivery.integrity.rule.duplicateComment', { length: rules.duplicateCommentMinLength })}</li>
          <li>
            {t('delivery.integrity.rule.farFromUsual', {
              points: rules.farFromUsualPoints,
              minimum: rules.usualMinimumRatings,
            })}
          </li>
        </ul>
        <p>{t('delivery.integrity.signalsNotVerdicts')}</p>
      </details>
      {ratings.length ? (
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
                      ·{' '}
                      {r.tags.map((tag) => t(messageKey('delivery.rating.tag', tag))).join(t('punctuation.separator'))}
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
                        <li key={flag}>{t(`delivery.integrity.flag.${flag}`)}</li>
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
                      {loaderData.canExclude ? (
                        <Form method="post">
                          <input type="hidden" name="ratingId" value={r.id} />
                          <SubmitButton name="intent" value="restore" className="button secondary">
                            {t('delivery.integrity.restore')}
                          </SubmitButton>
                        </Form>
                      ) : null}
                    </>
                  ) : loaderData.canExclude && r.flags.length ? (
                    <Form method="post" className="exclude-form">
                      <input type="hidden" name="ratingId" value={r.id} />
                      <label htmlFor={`reason-${r.id}`}>{t('delivery.integrity.reason')}</label>
                      <input
                        id={`reason-${r.id}`}
                        name="reason"
                        required
                        maxLength={500}
                        defaultValue={ratingFailure?.ratingId === r.id ? ratingFailure.reason : ''}
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
      )}
      <AttendanceReview
        review={loaderData.attendance}
        locale={locale}
        failed={actionData && 'attendance' in actionData ? actionData.attendance : null}
      />
    </>
  );
}
