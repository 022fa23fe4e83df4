import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/c.$eventId';
import { attendanceMode, findCheckin, isCodeFresh, issueTicket } from '~/delivery/checkin.server';
import { confirmCode, sendCode, tap } from '~/delivery/checkin-steps.server';
import { readPhone } from '~/delivery/device.server';
import { requireEvent } from '~/delivery/events.server';
import { checkinWindow } from '~/delivery/permissions';
import { now } from '~/lib/clock.server';
import { RetryNotice } from '~/accounts/components/retry-notice';
import { CheckinForm, type Fields, type Step } from '~/delivery/components/checkin-form';
import { parseId, passRetryAfter } from '~/lib/http';
import { getT } from '~/lib/i18n.server';
import { type MessageKey } from '~/lib/locale';

// The worker's check-in (docs/decisions/090). SMS mode: a phone without a credential gives its
// number (step 'phone'), then the code sent to it with the two optional questions (step 'code');
// a returning phone, or any phone in code-only mode, answers the questions and taps (step 'tap').
// The steps are in delivery/checkin-steps.server.ts.

export const handle = { scripts: false };

export const headers = passRetryAfter;

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const event = requireEvent(parseId(params.eventId));
  const t = await getT(request);
  const phone = readPhone(request);
  const base = { title: t('delivery.checkin.title'), eventId: event.id, eventTitle: event.title };
  if (findCheckin(event.id, phone)) return { ...base, status: 'already' as const };
  const window = checkinWindow(event, now());
  if (window === 'before') return { ...base, status: 'before' as const };
  if (window === 'closed') return { ...base, status: 'closed' as const };
  const code = new URL(request.url).searchParams.get('k') ?? '';
  if (!isCodeFresh(event, code)) return { ...base, status: 'expired' as const };
  const step: Step = phone.workerId === null && attendanceMode(event) === 'sms' ? 'phone' : 'tap';
  return { ...base, status: 'open' as const, fields: { step, ticket: issueTicket(event, code) } as Fields };
}

export async function action({ request, params }: Route.ActionArgs) {
  const eventId = parseId(params.eventId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'send') return sendCode(request, eventId, formData);
  if (intent === 'verify') return confirmCode(request, eventId, formData);
  return tap(request, eventId, formData);
}

export default function CheckIn({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { status, eventTitle, eventId } = loaderData;
  // After a post the page shows the answer's form (the screen's code may have moved on since).
  const fields = actionData ? actionData.fields : status === 'open' ? loaderData.fields : null;
  const already = actionData ? actionData.already : status === 'already';
  return (
    <div className="worker">
      <p className="worker-event">{eventTitle}</p>
      <h1>{t('delivery.checkin.title')}</h1>
      <RetryNotice minutes={actionData?.retryMinutes} />
      {actionData?.failure ? (
        <p className="alert" role="alert">
          {t(actionData.failure as MessageKey)}
        </p>
      ) : null}
      {status === 'already' && !actionData ? <p role="status">{t('errors.alreadyCheckedIn')}</p> : null}
      {already ? (
        <Link className="button big" to={`/c/${eventId}/rate`}>
          {t('delivery.checkin.goRate')}
        </Link>
      ) : null}
      {!actionData && status === 'before' ? <p role="alert">{t('delivery.errors.checkinNotYet')}</p> : null}
      {!actionData && status === 'closed' ? <p role="alert">{t('errors.checkinClosed')}</p> : null}
      {!actionData && status === 'expired' ? <p role="alert">{t('errors.codeExpired')}</p> : null}
      {fields ? <CheckinForm fields={fields} problems={actionData?.problems} /> : null}
    </div>
  );
}
