import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/c.$eventId';
import {
  attendanceMode,
  checkIn,
  checkinWindow,
  findCheckin,
  isCodeFresh,
  issueTicket,
  requireUsableTicket,
} from '~/delivery/checkin.server';
import { deviceCookie, readPhone, workerCookie } from '~/delivery/device.server';
import { requireEvent } from '~/delivery/events.server';
import { networkHash } from '~/delivery/network.server';
import { occupations } from '~/delivery/machine';
import { confirmPhoneCode, phoneCodeWait, sendPhoneCode } from '~/delivery/phone-codes.server';
import { checkinSchema, phoneCodeRequestSchema, phoneCodeSchema } from '~/delivery/schemas';
import { workerForPhone } from '~/delivery/workers.server';
import { RetryNotice, minutesFrom } from '~/accounts/components/retry-notice';
import { attempt } from '~/lib/actions.server';
import { transaction } from '~/lib/db.server';
import { parseId, passRetryAfter } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { clientNetwork, rateLimited, retryAfter } from '~/lib/rate-limit.server';
import { maskPhone } from '~/notifications/sms.server';
import type { MessageKey } from '~/lib/locale';

// The worker's check-in (docs/decisions/090). SMS mode: a phone without a credential gives its
// number (step 'phone'), then the code sent to it with the two optional questions (step 'code');
// a returning phone, or any phone in code-only mode, answers the questions and taps (step 'tap').

export const handle = { scripts: false };

export const headers = passRetryAfter;

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

type Step = 'phone' | 'code' | 'tap';

/** What the form shows and carries: the ticket, and what the worker has typed so far. */
type Fields = {
  step: Step;
  ticket: string;
  phone?: string;
  challenge?: string;
  sentTo?: string;
  occupation?: string;
  unionMember?: string;
};

export async function loader({ request, params }: Route.LoaderArgs) {
  const event = requireEvent(parseId(params.eventId));
  const t = await getT(request);
  const phone = readPhone(request);
  const base = { title: t('delivery.checkin.title'), eventId: event.id, eventTitle: event.title };
  if (findCheckin(event.id, phone)) return { ...base, status: 'already' as const };
  const window = checkinWindow(event);
  if (window === 'before') return { ...base, status: 'before' as const };
  if (window === 'closed') return { ...base, status: 'closed' as const };
  const code = new URL(request.url).searchParams.get('k') ?? '';
  if (!isCodeFresh(event, code)) return { ...base, status: 'expired' as const };
  const step: Step = phone.workerId === null && attendanceMode(event) === 'sms' ? 'phone' : 'tap';
  return { ...base, status: 'open' as const, fields: { step, ticket: issueTicket(event, code) } as Fields };
}

type Failure = { failure: string | null; values?: Record<string, string | number>; retryMinutes?: number };
type Answer = Failure & { fields: Fields | null; already?: boolean };

function text(formData: FormData, name: string) {
  const value = formData.get(name);
  return typeof value === 'string' ? value.slice(0, 200) : undefined;
}

/** What the worker typed, to show again with a message. */
function typed(formData: FormData, step: Step): Fields {
  const [ticket, phone, challenge] = ['ticket', 'phone', 'challenge'].map((n) => text(formData, n));
  const [occupation, unionMember] = ['occupation', 'unionMember'].map((n) => text(formData, n));
  return { step, ticket: ticket ?? '', phone, challenge, occupation, unionMember };
}

function answer(body: Answer, status: number, headers?: HeadersInit) {
  return data(body, { status, headers });
}

function tooSoon(wait: number, fields: Fields) {
  return answer({ failure: null, retryMinutes: minutesFrom(wait), fields }, 429, retryAfter(wait));
}

/** Step 'phone' → 'code': a code goes to the number, for this ticket. */
async function sendCode(request: Request, eventId: number, formData: FormData) {
  const submission = parseWithZod(formData, { schema: phoneCodeRequestSchema });
  const fields = typed(formData, 'phone');
  if (submission.status !== 'success') {
    const failure = submission.error?.phone?.[0] ?? 'errors.codeExpired';
    return answer({ failure, fields: submission.error?.phone ? fields : null }, 400);
  }
  const { phone, ticket } = submission.value;
  const usable = await attempt(() => requireUsableTicket(requireEvent(eventId), ticket));
  if (!usable.ok) return answer({ failure: usable.error.messageKey, fields: null }, usable.error.status);
  const network = networkHash(request);
  const wait = phoneCodeWait(phone, network);
  if (wait) return tooSoon(wait, fields);
  const sent = await attempt(async () => sendPhoneCode(phone, network, await getLocale(request)));
  if (!sent.ok) return answer({ failure: sent.error.messageKey, fields }, sent.error.status);
  return answer(
    { failure: null, fields: { ...fields, step: 'code', challenge: sent.value, sentTo: maskPhone(phone) } },
    200,
  );
}

/** Step 'code': a right code makes the phone its worker's for a year, then checks it in. */
async function confirmCode(request: Request, eventId: number, formData: FormData) {
  const submission = parseWithZod(formData, { schema: phoneCodeSchema });
  const fields = typed(formData, 'code');
  if (submission.status !== 'success') {
    const failure = submission.error?.code?.[0] ?? 'errors.codeExpired';
    return answer({ failure, fields: submission.error?.code ? fields : null }, 400);
  }
  const wait = rateLimited(['workerAddress', clientNetwork(request)]);
  if (wait) return tooSoon(wait, fields);
  const confirmed = await attempt(() => confirmPhoneCode(submission.value.challenge, submission.value.code));
  if (!confirmed.ok) {
    const { messageKey, status, values } = confirmed.error;
    // A used-up or expired code: back to the number, to send a new one.
    const step = messageKey === 'delivery.phoneCheckin.errors.phoneCodeWrong' ? 'code' : 'phone';
    return answer({ failure: messageKey, values, fields: { ...fields, step } }, status);
  }
  const workerId = transaction((tx) => workerForPhone(tx, confirmed.value));
  // The number is confirmed whatever happens to this check-in: the phone keeps its credential.
  const cookie = { 'Set-Cookie': workerCookie(request, workerId) };
  const phone = { workerId, deviceId: null };
  const result = await attempt(() => checkIn(eventId, phone, submission.value, networkHash(request)));
  if (!result.ok) return checkinRefused(result.error, cookie);
  return redirect(`/c/${eventId}/rate?welcome`, { headers: cookie });
}

function checkinRefused(error: { messageKey: string; status: number }, headers?: HeadersInit) {
  const already = ['errors.alreadyCheckedIn', 'delivery.phoneCheckin.errors.numberCheckedIn'].includes(
    error.messageKey,
  );
  return answer({ failure: error.messageKey, fields: null, already }, error.status, headers);
}

/** Step 'tap': a returning worker, or any phone in code-only mode, checks in with the ticket. */
async function tap(request: Request, eventId: number, formData: FormData) {
  const submission = parseWithZod(formData, { schema: checkinSchema });
  if (submission.status !== 'success') return answer({ failure: 'errors.codeExpired', fields: null }, 400);
  const phone = readPhone(request);
  const fields = typed(formData, 'tap');
  // Per worker first (a whole venue may share one NAT address), then a generous per-address ceiling.
  const who = phone.workerId === null ? (phone.deviceId ?? submission.value.ticket) : `worker:${phone.workerId}`;
  const wait = rateLimited(['checkin', who], ['workerAddress', clientNetwork(request)]);
  if (wait) return tooSoon(wait, fields);
  const device = phone.workerId === null ? deviceCookie(request, phone.deviceId ?? undefined) : null;
  const checkingIn = device ? { workerId: null, deviceId: device.deviceId } : phone;
  const result = await attempt(() => checkIn(eventId, checkingIn, submission.value, networkHash(request)));
  if (!result.ok && result.error.messageKey === 'delivery.phoneCheckin.errors.phoneRequired') {
    return answer({ failure: result.error.messageKey, fields: { ...fields, step: 'phone' } }, result.error.status);
  }
  if (!result.ok) return checkinRefused(result.error);
  const headers = device ? { 'Set-Cookie': device.header } : undefined;
  return redirect(`/c/${eventId}/rate?welcome`, { headers });
}

export async function action({ request, params }: Route.ActionArgs) {
  const eventId = parseId(params.eventId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'send') return sendCode(request, eventId, formData);
  if (intent === 'verify') return confirmCode(request, eventId, formData);
  return tap(request, eventId, formData);
}

function Questions({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset>
        <legend>{t('delivery.checkin.occupation')}</legend>
        <div className="choices">
          {occupations.map((o) => (
            <label key={o} className="choice">
              <input type="radio" name="occupation" value={o} defaultChecked={fields.occupation === o} />{' '}
              {t(`delivery.occupations.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('delivery.checkin.unionMember')}</legend>
        <div className="choices two">
          <label className="choice">
            <input type="radio" name="unionMember" value="yes" defaultChecked={fields.unionMember === 'yes'} />{' '}
            {t('common.yes')}
          </label>
          <label className="choice">
            <input type="radio" name="unionMember" value="no" defaultChecked={fields.unionMember === 'no'} />{' '}
            {t('common.no')}
          </label>
        </div>
      </fieldset>
      <p className="hint">{t('delivery.checkin.optional')}</p>
    </>
  );
}

/** The number, and the button that sends it a code (again, from step 'code'). */
function PhoneNumber({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const first = fields.step === 'phone';
  return (
    <>
      {first ? <p className="hint">{t('delivery.phoneCheckin.why')}</p> : null}
      <label htmlFor="phone">{t('delivery.phoneCheckin.number')}</label>
      <input
        id="phone"
        name="phone"
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        maxLength={20}
        defaultValue={fields.phone}
        required={first}
      />
      <button type="submit" name="intent" value="send" className={first ? 'button big' : 'button secondary'}>
        {t(first ? 'delivery.phoneCheckin.send' : 'delivery.phoneCheckin.resend')}
      </button>
    </>
  );
}

function CheckinForm({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const { step } = fields;
  // The check-in button comes before "send again", so Enter after typing the code checks in.
  return (
    <Form method="post">
      <input type="hidden" name="ticket" value={fields.ticket} />
      {step === 'code' ? (
        <>
          <input type="hidden" name="challenge" value={fields.challenge} />
          {fields.sentTo ? <p role="status">{t('delivery.phoneCheckin.sent', { phone: fields.sentTo })}</p> : null}
          <label htmlFor="code">{t('delivery.phoneCheckin.code')}</label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        </>
      ) : null}
      {step !== 'phone' ? (
        <>
          <Questions fields={fields} />
          <button type="submit" name="intent" value={step === 'code' ? 'verify' : 'tap'} className="button big">
            {t('delivery.checkin.submit')}
          </button>
        </>
      ) : null}
      {step !== 'tap' ? <PhoneNumber fields={fields} /> : null}
      {step === 'phone' ? (
        // Answers given before a code had to be sent again wait here for the next step.
        <>
          {fields.occupation ? <input type="hidden" name="occupation" value={fields.occupation} /> : null}
          {fields.unionMember ? <input type="hidden" name="unionMember" value={fields.unionMember} /> : null}
        </>
      ) : null}
    </Form>
  );
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
          {t(actionData.failure as MessageKey, actionData.values)}
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
      {fields ? <CheckinForm fields={fields} /> : null}
    </div>
  );
}
