import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect } from 'react-router';
import { checkIn, requireUsableTicket } from './checkin.server';
import type { Fields, Problems, Step } from './components/checkin-form';
import { deviceCookie, readPhone, workerCookie } from './device.server';
import { requireEvent } from './events.server';
import { networkHash } from './network-hash.server';
import { confirmPhoneCode, phoneCodeWait, sendPhoneCode } from './phone-codes.server';
import { checkinSchema, phoneCodeRequestSchema, phoneCodeSchema } from './schemas';
import { workerForPhone } from './workers.server';
import type { UserError } from '~/lib/errors';
import { formMessage } from '~/lib/form-message';
import { minutesFrom } from '~/accounts/components/retry-notice';
import { attempt } from '~/lib/actions.server';
import { transaction } from '~/lib/db.server';
import { getLocale } from '~/lib/i18n.server';
import { clientNetwork, rateLimited, retryAfter } from '~/lib/rate-limit.server';
import { maskPhone } from '~/notifications/sms.server';

// The steps of the worker's check-in page (docs/decisions/090), each answering with what the form
// shows next: 'phone' → 'code' sends a code to the number; 'code' confirms it and checks in; 'tap'
// checks in a returning phone, or any phone where the union counts the screen's code alone.

/**
 * What the page shows after a post: with a form (`fields`), its problems in the form's summary,
 * each on its field ('' for the form's own, decision 110); without one, why not (`failure`).
 */
type Answer = {
  fields: Fields | null;
  problems?: Problems;
  failure?: string;
  retryMinutes?: number;
  already?: boolean;
};

function text(formData: FormData, name: string) {
  const value = formData.get(name);
  return typeof value === 'string' ? value.slice(0, 200) : undefined;
}

/** What the worker typed, to show again with a message. */
function typed(formData: FormData, step: Step): Fields {
  const [ticket, phone, code, challenge] = ['ticket', 'phone', 'code', 'challenge'].map((n) => text(formData, n));
  const [occupation, unionMember] = ['occupation', 'unionMember'].map((n) => text(formData, n));
  return { step, ticket: ticket ?? '', phone, code, challenge, occupation, unionMember };
}

function answer(body: Answer, status: number, headers?: HeadersInit) {
  return data(body, { status, headers });
}

/** A refusal of the form shown again: its problem in the summary, with what the worker typed. */
function refusedHere(error: UserError, fields: Fields) {
  return answer({ fields, problems: { '': [formMessage(error.messageKey, error.values)] } }, error.status);
}

/** The form shown again with its fields' problems, or, if the post was not one of ours, the expired code. */
function invalid(errors: Record<string, string[] | null> | null | undefined, fields: Fields, field: 'phone' | 'code') {
  const problems = errors?.[field];
  if (!problems) return answer({ fields: null, failure: 'errors.codeExpired' }, 400);
  return answer({ fields, problems: { [field]: problems } }, 400);
}

function tooSoon(wait: number, fields: Fields) {
  return answer({ retryMinutes: minutesFrom(wait), fields }, 429, retryAfter(wait));
}

/** Step 'phone' → 'code': a code goes to the number, for this ticket. */
export async function sendCode(request: Request, eventId: number, formData: FormData) {
  const submission = parseWithZod(formData, { schema: phoneCodeRequestSchema });
  const fields = typed(formData, 'phone');
  if (submission.status !== 'success') return invalid(submission.error, fields, 'phone');
  const { phone, ticket } = submission.value;
  const usable = await attempt(() => requireUsableTicket(requireEvent(eventId), ticket));
  if (!usable.ok) return answer({ failure: usable.error.messageKey, fields: null }, usable.error.status);
  const network = networkHash(request);
  const wait = phoneCodeWait(phone, network);
  if (wait) return tooSoon(wait, fields);
  const sent = await attempt(async () => sendPhoneCode(phone, network, await getLocale(request)));
  if (!sent.ok) return refusedHere(sent.error, fields);
  const sentTo = maskPhone(phone);
  return answer({ fields: { ...fields, step: 'code', code: undefined, challenge: sent.value, sentTo } }, 200);
}

/** Step 'code': a right code makes the phone its worker's for a year, then checks it in. */
export async function confirmCode(request: Request, eventId: number, formData: FormData) {
  const submission = parseWithZod(formData, { schema: phoneCodeSchema });
  const fields = typed(formData, 'code');
  if (submission.status !== 'success') return invalid(submission.error, fields, 'code');
  const wait = rateLimited(['workerAddress', clientNetwork(request)]);
  if (wait) return tooSoon(wait, fields);
  const confirmed = await attempt(() => confirmPhoneCode(submission.value.challenge, submission.value.code));
  if (!confirmed.ok) {
    const { messageKey, status, values } = confirmed.error;
    // A wrong code is the code field's problem; a used-up or expired one sends the worker back to
    // the number, to ask for a new one.
    if (messageKey === 'delivery.phoneCheckin.errors.phoneCodeWrong')
      return answer({ fields, problems: { code: [formMessage(messageKey, values)] } }, status);
    return refusedHere(confirmed.error, { ...fields, step: 'phone' });
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
export async function tap(request: Request, eventId: number, formData: FormData) {
  const submission = parseWithZod(formData, { schema: checkinSchema });
  if (submission.status !== 'success') return answer({ fields: null, failure: 'errors.codeExpired' }, 400);
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
    return refusedHere(result.error, { ...fields, step: 'phone' });
  }
  if (!result.ok) return checkinRefused(result.error);
  const headers = device ? { 'Set-Cookie': device.header } : undefined;
  return redirect(`/c/${eventId}/rate?welcome`, { headers });
}
