import { useTranslation } from '~/lib/translation';
import { Link, redirect } from 'react-router';
import type { Route } from './+types/events.$eventId.ratings';
import { forbidden, requireViewer } from '~/accounts/auth.server';
import { requireEventAccess } from '~/delivery/events.server';
import { attendanceReview, submitAttendanceReview } from '~/delivery/attendance.server';
import { AttendanceReview } from '~/delivery/components/attendance-review';
import { RatingsTable } from '~/delivery/components/ratings-table';
import { integrityRules, eventIntegrity, excludeRating, restoreRating } from '~/delivery/integrity.server';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { excludeRatingSchema } from '~/delivery/schemas';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ActionMessage, replyTo } from '~/ui/form';
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
    const result = await submitAttendanceReview(viewer, eventId, formData);
    return result.ok ? redirect(`/events/${eventId}/ratings#attendance`) : result.reply;
  }
  // Who may exclude or restore at all, before the form is read (the command checks the rating).
  if (!requireEventAccess(viewer, eventId).standing.checksIntegrity) forbidden();
  if (formData.get('intent') === 'restore') {
    const result = await attempt(() => restoreRating(viewer, eventId, parseId(String(formData.get('ratingId') ?? ''))));
    return result.ok ? redirect(`/events/${eventId}/ratings`) : refused(result.error);
  }
  const exclude = ({ ratingId, reason }: { ratingId: number; reason: string }) =>
    excludeRating(viewer, eventId, ratingId, reason);
  const result = await submitForm(formData, excludeRatingSchema, exclude, { form: 'exclude' });
  return result.ok ? redirect(`/events/${eventId}/ratings`) : result.reply;
}

export default function EventRatings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { ratings, locale, rules, usual } = loaderData;
  const flagged = ratings.filter((r) => r.flags.length);
  return (
    <>
      <PageHeader title={loaderData.title} />
      <p>
        <Link to={`/events/${loaderData.eventId}`}>{t('delivery.integrity.backToEvent')}</Link>
      </p>
      <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
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
        replyTo={(ratingId) => replyTo(actionData, 'exclude', { ratingId })}
        locale={locale}
      />
      <AttendanceReview
        review={loaderData.attendance}
        locale={locale}
        replyTo={(target) => replyTo(actionData, 'attendance', { target })}
      />
    </>
  );
}
