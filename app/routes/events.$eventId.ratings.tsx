import { useTranslation } from '~/lib/translation';
import { data, Link, redirect } from 'react-router';
import type { Route } from './+types/events.$eventId.ratings';
import { requireViewer } from '~/accounts/auth.server';
import { attendanceReview, submitAttendanceReview } from '~/delivery/attendance.server';
import { AttendanceReview } from '~/delivery/components/attendance-review';
import { RatingsTable } from '~/delivery/components/ratings-table';
import { integrityRules, eventIntegrity, excludeRating, restoreRating } from '~/delivery/integrity.server';
import { attempt } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ActionMessage } from '~/ui/form';
import { PageHeader, Stat, Stats } from '~/ui/page';

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
      <RatingsTable
        ratings={ratings}
        canExclude={loaderData.canExclude}
        typed={ratingFailure ? { ratingId: ratingFailure.ratingId, reason: ratingFailure.reason } : null}
        locale={locale}
      />
      <AttendanceReview
        review={loaderData.attendance}
        locale={locale}
        failed={actionData && 'attendance' in actionData ? actionData.attendance : null}
      />
    </>
  );
}
