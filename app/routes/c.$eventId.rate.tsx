import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, redirect } from 'react-router';
import type { Route } from './+types/c.$eventId.rate';
import { findCheckin, findRating, rate } from '~/delivery/checkin.server';
import { ratingEditable, ratingWindow } from '~/delivery/permissions';
import { now } from '~/lib/clock.server';
import { readPhone } from '~/delivery/device.server';
import { requireEvent } from '~/delivery/events.server';
import { RatingForm } from '~/delivery/components/rating-form';
import { ratingSchema, ratingTags } from '~/delivery/schemas';
import { RetryNotice, minutesFrom } from '~/accounts/components/retry-notice';
import { attempt } from '~/lib/actions.server';
import { parseId, passRetryAfter } from '~/lib/http';
import { getT } from '~/lib/i18n.server';
import { clientNetwork, rateLimited, retryAfter } from '~/lib/rate-limit.server';
import { formMessage } from '~/lib/form-message';
import { ActionMessage } from '~/ui/form';

export const handle = { scripts: false };

export const headers = passRetryAfter;

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const event = requireEvent(parseId(params.eventId));
  const t = await getT(request);
  const checkin = findCheckin(event.id, readPhone(request));
  const rating = checkin ? findRating(checkin.id) : undefined;
  const search = new URL(request.url).searchParams;
  return {
    title: t('delivery.rating.title'),
    eventTitle: event.title,
    checkedIn: Boolean(checkin),
    window: ratingWindow(event, now()),
    welcome: search.has('welcome'),
    thanks: search.has('thanks'),
    rating: rating ? { score: rating.score, comment: rating.comment, tags: rating.tags } : null,
    editable: rating ? ratingEditable(rating, now()) : true,
  };
}

/** What the worker chose and typed, to show again with the problems (only known tags, a score 1–5). */
function typed(formData: FormData) {
  const score = Number(formData.get('score'));
  return {
    score: Number.isInteger(score) && score >= 1 && score <= 5 ? score : undefined,
    tags: ratingTags.filter((tag) => formData.getAll('tags').includes(tag)),
    comment: String(formData.get('comment') ?? '').slice(0, 5000),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const eventId = parseId(params.eventId);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ratingSchema });
  if (submission.status !== 'success') {
    const problems = Object.fromEntries(
      Object.entries(submission.error ?? {}).flatMap(([name, errors]) => (errors ? [[name, errors]] : [])),
    );
    return data({ problems, typed: typed(formData) }, { status: 400 });
  }
  const phone = readPhone(request);
  // Per confirmed worker: a client that replaces its cookies cannot become someone else.
  const who = phone.workerId === null ? phone.deviceId : `worker:${phone.workerId}`;
  const wait = rateLimited(['rating', who], ['workerAddress', clientNetwork(request)]);
  if (wait) {
    return data(
      { typed: submission.value, retryMinutes: minutesFrom(wait) },
      { status: 429, headers: retryAfter(wait) },
    );
  }
  const edit = formData.get('intent') === 'edit';
  const result = await attempt(() => rate(eventId, phone, { ...submission.value, edit }));
  if (!result.ok) {
    const problem = formMessage(result.error.messageKey, result.error.values);
    return data({ problems: { '': [problem] }, typed: submission.value }, { status: result.error.status });
  }
  return redirect(`/c/${eventId}/rate?thanks`);
}

export default function Rate({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { rating } = loaderData;
  const typed = actionData?.typed;
  const problems = actionData && 'problems' in actionData ? actionData.problems : undefined;
  const showForm = loaderData.checkedIn && loaderData.window === 'open' && loaderData.editable;
  return (
    <div className="worker">
      <p className="worker-event">{loaderData.eventTitle}</p>
      <h1>{t('delivery.rating.title')}</h1>
      {loaderData.welcome ? <p role="status">{t('delivery.checkin.done')}</p> : null}
      {loaderData.thanks ? (
        <p role="status" className="notice">
          {t('delivery.rating.thanks')}
        </p>
      ) : null}
      <RetryNotice minutes={actionData && 'retryMinutes' in actionData ? actionData.retryMinutes : undefined} />
      {!loaderData.checkedIn ? <p role="alert">{t('errors.checkInFirst')}</p> : null}
      {loaderData.checkedIn && loaderData.window === 'before' ? (
        <p role="status">{t('delivery.errors.ratingNotYet')}</p>
      ) : null}
      {loaderData.checkedIn && loaderData.window === 'closed' ? <p role="alert">{t('errors.ratingClosed')}</p> : null}
      {rating && !loaderData.editable ? (
        <p role="status">{t('delivery.rating.given', { count: rating.score })}</p>
      ) : null}
      {showForm ? (
        <RatingForm rating={rating} typed={typed} problems={problems} />
      ) : (
        // With no form to list it in, a refusal is said on its own.
        <ActionMessage failure={problems?.['']?.[0]} />
      )}
    </div>
  );
}
