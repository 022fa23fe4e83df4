import { afterEach, describe, expect, it } from 'vitest';
import { checkinCode, issueTicket } from '~/delivery/checkin.server';
import { requireEvent } from '~/delivery/events.server';
import { createEvent, deliveryWorld, verifiedPhone } from '../fixtures/delivery';
import { workerCredential } from '~/delivery/workers.server';
import { now } from '~/lib/clock.server';
import { resetRateLimits } from '~/lib/rate-limit.server';
import { action as checkinAction } from '~/routes/c.$eventId';
import { action as rateAction } from '~/routes/c.$eventId.rate';

// The worker pages' limits, through the route actions: a whole venue behind one NAT address gets
// through; one worker hammering the form is refused with 429, Retry-After and what it typed.

afterEach(() => {
  resetRateLimits();
  delete process.env.RATE_LIMIT_CHECKIN;
  delete process.env.RATE_LIMIT_WORKER_ADDRESS;
});

const venue = '203.0.113.7';

async function openEvent() {
  const world = await deliveryWorld();
  return createEvent(
    { organizationId: world.organizationId, contractId: world.contractId },
    new Date(now().getTime() - 10 * 60_000),
  );
}

/** A phone whose number was confirmed: the credential cookie it carries. */
function workerPhone() {
  return `worker=${workerCredential(verifiedPhone().workerId!)}`;
}

function post(path: string, fields: Record<string, string>, cookie?: string) {
  const headers: Record<string, string> = { 'x-real-ip': venue };
  if (cookie) headers.cookie = cookie;
  return new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(fields), headers });
}

function args(request: Request, eventId: number) {
  return { request, params: { eventId: String(eventId) }, context: {} } as never;
}

/** A redirect Response, or the data() an action answered with. */
type Answer = Response | { data: Record<string, unknown>; init: { status: number; headers?: Record<string, string> } };

async function checkInAs(eventId: number, cookie: string, fields: Record<string, string> = {}) {
  const event = requireEvent(eventId);
  const ticket = issueTicket(event, checkinCode(event));
  return (await checkinAction(args(post(`/c/${eventId}`, { ticket, ...fields }, cookie), eventId))) as Answer;
}

describe('worker rate limits', () => {
  it('lets 463 workers behind one address check in and rate within a minute', async () => {
    const eventId = await openEvent();
    const phones = Array.from({ length: 463 }, workerPhone);
    for (const phone of phones) {
      const answer = await checkInAs(eventId, phone);
      expect(answer instanceof Response && answer.status).toBe(302);
    }
    for (const phone of phones) {
      const request = post(`/c/${eventId}/rate`, { score: '5', comment: '' }, phone);
      const answer = (await rateAction(args(request, eventId))) as Answer;
      expect(answer instanceof Response && answer.status).toBe(302);
    }
  }, 120_000);

  it('refuses one worker over the limit with 429, Retry-After and the answers kept, whatever the phone', async () => {
    process.env.RATE_LIMIT_CHECKIN = '2/min';
    const eventId = await openEvent();
    const workerId = verifiedPhone().workerId!;
    const typed = { occupation: 'food_delivery', unionMember: 'yes' };
    expect(((await checkInAs(eventId, `worker=${workerCredential(workerId)}`, typed)) as Response).status).toBe(302);
    const second = (await checkInAs(eventId, `worker=${workerCredential(workerId)}`, typed)) as Exclude<
      Answer,
      Response
    >;
    expect(second.data.failure).toBe('delivery.phoneCheckin.errors.numberCheckedIn');
    // A second phone of the same worker (another credential, no device cookie) counts the same.
    const third = (await checkInAs(
      eventId,
      `worker=${workerCredential(workerId, Date.now() - 1000)}`,
      typed,
    )) as Exclude<Answer, Response>;
    expect(third.init.status).toBe(429);
    expect(Number(third.init.headers!['Retry-After'])).toBeGreaterThan(0);
    expect(third.data).toMatchObject({ retryMinutes: 1, fields: { step: 'tap', ...typed } });
    // Another worker at the same venue is not affected.
    expect(((await checkInAs(eventId, workerPhone())) as Response).status).toBe(302);
  });

  it('sends one SMS code a minute to a number, refusing the next with 429 and the number kept', async () => {
    const eventId = await openEvent();
    const event = requireEvent(eventId);
    const ask = (phone: string) => {
      const ticket = issueTicket(event, checkinCode(event));
      const request = post(`/c/${eventId}`, { intent: 'send', ticket, phone });
      return checkinAction(args(request, eventId)) as Promise<Exclude<Answer, Response>>;
    };
    expect((await ask('13800001111')).data.fields).toMatchObject({ step: 'code', sentTo: '138****1111' });
    const again = await ask('138 0000 1111');
    expect(again.init.status).toBe(429);
    expect(Number(again.init.headers!['Retry-After'])).toBe(60);
    expect(again.data).toMatchObject({ retryMinutes: 1, fields: { step: 'phone', phone: '138 0000 1111' } });
    // Another number at the same venue gets its code.
    expect((await ask('13800002222')).data.fields).toMatchObject({ step: 'code' });
  });

  it('has a per-address ceiling', async () => {
    process.env.RATE_LIMIT_WORKER_ADDRESS = '3/min';
    const eventId = await openEvent();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await checkInAs(eventId, workerPhone()));
    expect(answers.slice(0, 3).every((a) => a instanceof Response)).toBe(true);
    expect((answers[3] as Exclude<Answer, Response>).init.status).toBe(429);
  });
});
