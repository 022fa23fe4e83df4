import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/c.$eventId';
import { checkIn, checkinWindow, findCheckin, isCodeFresh, issueTicket } from '~/delivery/checkin.server';
import { deviceCookie, readDeviceId } from '~/delivery/device.server';
import { findEvent } from '~/delivery/events.server';
import { networkHash } from '~/delivery/network.server';
import { occupations } from '~/delivery/machine';
import { checkinSchema } from '~/delivery/schemas';
import { RetryNotice, minutesFrom } from '~/accounts/components/retry-notice';
import { attempt } from '~/lib/actions.server';
import { parseId, passRetryAfter } from '~/lib/http';
import { getT } from '~/lib/i18n.server';
import { clientNetwork, rateLimited, retryAfter } from '~/lib/rate-limit.server';

export const handle = { scripts: false };

export const headers = passRetryAfter;

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const event = findEvent(parseId(params.eventId));
  const t = await getT(request);
  const base = { title: t('checkin.title'), eventId: event.id, eventTitle: event.title };
  if (findCheckin(event.id, readDeviceId(request))) return { ...base, status: 'already' as const };
  const window = checkinWindow(event);
  if (window === 'before') return { ...base, status: 'before' as const };
  if (window === 'closed') return { ...base, status: 'closed' as const };
  const code = new URL(request.url).searchParams.get('k') ?? '';
  if (!isCodeFresh(event, code)) return { ...base, status: 'expired' as const };
  return { ...base, status: 'open' as const, ticket: issueTicket(event, code) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const eventId = parseId(params.eventId);
  const submission = parseWithZod(await request.formData(), { schema: checkinSchema });
  if (submission.status !== 'success') return data({ failure: 'errors.codeExpired' }, { status: 400 });
  const existing = readDeviceId(request);
  // Per phone first (a whole venue may share one NAT address), then a generous per-address ceiling.
  const wait = rateLimited(['checkin', existing ?? submission.value.ticket], ['workerAddress', clientNetwork(request)]);
  if (wait) {
    const typed = { occupation: submission.value.occupation, unionMember: submission.value.unionMember };
    return data({ failure: null, retryMinutes: minutesFrom(wait), typed }, { status: 429, headers: retryAfter(wait) });
  }
  const cookie = deviceCookie(request, existing ?? undefined);
  const result = await attempt(() => checkIn(eventId, cookie.deviceId, submission.value, networkHash(request)));
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect(`/c/${eventId}/rate?welcome`, { headers: { 'Set-Cookie': cookie.header } });
}

export default function CheckIn({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const typed = actionData && 'typed' in actionData ? actionData.typed : undefined;
  const { status, eventTitle, eventId } = loaderData;
  return (
    <div className="worker">
      <p className="worker-event">{eventTitle}</p>
      <h1>{t('checkin.title')}</h1>
      <RetryNotice minutes={actionData && 'retryMinutes' in actionData ? actionData.retryMinutes : undefined} />
      {actionData?.failure ? (
        <p className="alert" role="alert">
          {t(actionData.failure)}
        </p>
      ) : null}
      {status === 'already' ? (
        <>
          <p role="status">{t('errors.alreadyCheckedIn')}</p>
          <Link className="button big" to={`/c/${eventId}/rate`}>
            {t('checkin.goRate')}
          </Link>
        </>
      ) : null}
      {status === 'before' ? <p role="alert">{t('delivery.errors.checkinNotYet')}</p> : null}
      {status === 'closed' ? <p role="alert">{t('errors.checkinClosed')}</p> : null}
      {status === 'expired' ? <p role="alert">{t('errors.codeExpired')}</p> : null}
      {status === 'open' ? (
        <Form method="post">
          <input type="hidden" name="ticket" value={loaderData.ticket} />
          <fieldset>
            <legend>{t('checkin.occupation')}</legend>
            <div className="choices">
              {occupations.map((o) => (
                <label key={o} className="choice">
                  <input type="radio" name="occupation" value={o} defaultChecked={typed?.occupation === o} />{' '}
                  {t(`occupations.${o}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('checkin.unionMember')}</legend>
            <div className="choices two">
              <label className="choice">
                <input type="radio" name="unionMember" value="yes" defaultChecked={typed?.unionMember === 'yes'} />{' '}
                {t('common.yes')}
              </label>
              <label className="choice">
                <input type="radio" name="unionMember" value="no" defaultChecked={typed?.unionMember === 'no'} />{' '}
                {t('common.no')}
              </label>
            </div>
          </fieldset>
          <p className="hint">{t('checkin.optional')}</p>
          <button type="submit" className="button big">
            {t('checkin.submit')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
