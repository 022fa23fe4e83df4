import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { connectState, refreshAccountState, startOnboarding } from './connect.server';
import { approveMilestone, requireMilestoneFor, paymentQueue } from './milestones.server';
import { recordBankTransfer } from './bank-transfers.server';
import { cancelStripePayment, reconcileStripe, startStripePayment } from './stripe-payments.server';
import { db } from '~/lib/db.server';
import { action as webhookAction } from '~/routes/webhooks.stripe';
import { startFakeStripe, type FakeStripe } from '../../tests/support/fake-stripe';
import { ledgerOf, milestonesOf, signedContract } from '../../tests/fixtures/payments';

const webhookSecret = 'whsec_test_payments';
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  process.env.STRIPE_SECRET_KEY = 'sk_test_payments';
  process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
  process.env.STRIPE_API_BASE = fake.url;
  delete process.env.PAYMENT_CURRENCY;
});

afterAll(async () => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_BASE;
  await fake.close();
});

const signer = new Stripe('sk_test_signer');

/** Delivers an event to the webhook route as Stripe would: JSON body, signed header. */
function deliver(event: object, options: { secret?: string; payload?: string; header?: string | null } = {}) {
  const payload = options.payload ?? JSON.stringify(event);
  const header =
    options.header === undefined
      ? signer.webhooks.generateTestHeaderString({
          payload: JSON.stringify(event),
          secret: options.secret ?? webhookSecret,
        })
      : options.header;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (header !== null) headers['stripe-signature'] = header;
  return webhookAction({
    request: new Request('http://localhost/webhooks/stripe', { method: 'POST', body: payload, headers }),
  } as Parameters<typeof webhookAction>[0]);
}

function accountOf(organizationId: number) {
  return db.select().from(s.organizations).where(eq(s.organizations.id, organizationId)).get()!.stripeAccountId;
}

/** A signed contract whose organization finished Stripe onboarding and whose first milestone is approved. */
async function readyToPay() {
  const cast = await signedContract({ amountFen: 40_000_00 });
  await startOnboarding(cast.owner, cast.organizationId, 'http://localhost');
  const accountId = accountOf(cast.organizationId)!;
  const ready = fake.updateAccount(accountId, {
    details_submitted: true,
    charges_enabled: true,
    payouts_enabled: true,
  });
  expect((await deliver(ready)).status).toBe(200);
  const milestone = milestonesOf(cast.contractId)[0]!;
  approveMilestone(cast.finance, milestone.id);
  return { ...cast, milestone, accountId };
}

function sessionFor(url: string) {
  return [...fake.sessions.values()].find((session) => session.url === url)!;
}

const paidRows = (contractId: number) => ledgerOf(contractId).filter((l) => l.kind === 'paid');

function paymentOf(sessionId: string) {
  return db.select().from(s.payments).where(eq(s.payments.stripeObjectId, sessionId)).get()!;
}

function auditOf(paymentId: number, action: string) {
  return db
    .select()
    .from(s.auditLog)
    .where(
      and(eq(s.auditLog.action, action), eq(s.auditLog.subjectType, 'payment'), eq(s.auditLog.subjectId, paymentId)),
    )
    .all();
}

describe('Connect onboarding', () => {
  it('creates one account per organization, shows its state, and ignores an older snapshot arriving late', async () => {
    const cast = await signedContract();
    expect(connectState(cast.organizationId)).toMatchObject({ status: 'none' });
    await expect(startOnboarding(cast.member, cast.organizationId, 'http://localhost')).rejects.toMatchObject({
      status: 403,
    });

    const url = await startOnboarding(cast.owner, cast.organizationId, 'http://localhost');
    const accountId = accountOf(cast.organizationId)!;
    expect(url).toBe(`${fake.url}/connect/onboarding/${accountId}`);
    const accountsBefore = fake.accounts.size;
    await startOnboarding(cast.owner, cast.organizationId, 'http://localhost');
    expect(fake.accounts.size).toBe(accountsBefore);
    expect(connectState(cast.organizationId)).toMatchObject({ status: 'incomplete' });

    const older = fake.updateAccount(accountId, { details_submitted: true });
    const newer = fake.updateAccount(accountId, {
      details_submitted: true,
      payouts_enabled: true,
      charges_enabled: true,
    });
    expect((await deliver(newer)).status).toBe(200);
    expect(connectState(cast.organizationId)).toMatchObject({ status: 'ready' });
    expect((await deliver({ ...older, created: (older.created as number) - 5 })).status).toBe(200);
    expect(connectState(cast.organizationId)).toMatchObject({ status: 'ready', payoutsEnabled: true });

    // Back from onboarding, the state is asked of Stripe directly.
    fake.accounts.set(accountId, { ...fake.accounts.get(accountId)!, payouts_enabled: false });
    await refreshAccountState(cast.owner, cast.organizationId);
    expect(connectState(cast.organizationId)).toMatchObject({ status: 'restricted' });
  });
});

describe('paying a milestone through Stripe', () => {
  it('completes: Checkout in the configured currency, the webhook pays the milestone and the transfer follows', async () => {
    const { contractId, milestone, finance, accountId, ids } = await readyToPay();
    const url = await startStripePayment(finance, milestone.id, 'https://pay.example');
    const session = sessionFor(url);
    expect(session).toMatchObject({ amount_total: 12_000_00, currency: 'cny', mode: 'payment' });
    expect(
      fake.requests.find(
        (r) => r.path === '/v1/checkout/sessions' && r.params.client_reference_id === session.client_reference_id,
      ),
    ).toMatchObject({ idempotencyKey: `milestone-${milestone.id}-pay` });
    const pending = requireMilestoneFor(finance, milestone.id);
    expect(pending.milestone.state).toBe('approved');
    expect(pending.stripe).toMatchObject({ inProgress: true });
    expect(pending.canRecordTransfer).toBe(true);

    const completed = fake.completeSession(session.id as string);
    const response = await deliver(completed);
    expect(response.status).toBe(200);

    expect(milestonesOf(contractId)[0]!.state).toBe('paid');
    expect(paidRows(contractId)).toHaveLength(1);
    const payment = db
      .select()
      .from(s.payments)
      .where(eq(s.payments.stripeObjectId, session.id as string))
      .get()!;
    expect(payment.paidOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(payment.reference).toMatch(/^pi_/);
    const transfer = fake.transfers.get(payment.stripeTransferId!)!;
    expect(transfer).toMatchObject({ amount: 12_000_00, currency: 'cny', destination: accountId });
    expect(transfer.source_transaction).toMatch(/^ch_/);
    expect(fake.requests.filter((r) => r.path === '/v1/transfers').at(-1)!.idempotencyKey).toBe(
      `milestone-${milestone.id}-transfer`,
    );
    const notices = db
      .select()
      .from(s.notifications)
      .where(and(eq(s.notifications.userId, ids.ownerId), eq(s.notifications.template, 'milestone_paid')))
      .all();
    expect(notices).toHaveLength(1);
  });

  it('makes one ledger row and one transfer when the same webhook is delivered twice', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
    const completed = fake.completeSession(session.id as string);
    const transfersBefore = fake.transfers.size;

    expect((await deliver(completed)).status).toBe(200);
    expect((await deliver(completed)).status).toBe(200);

    expect(paidRows(contractId)).toHaveLength(1);
    expect(
      db
        .select()
        .from(s.stripeEvents)
        .where(eq(s.stripeEvents.id, completed.id as string))
        .all(),
    ).toHaveLength(1);
    expect(fake.transfers.size).toBe(transfersBefore + 1);
  });

  it('answers 400 to a bad signature and changes nothing', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
    const completed = fake.completeSession(session.id as string);
    const tampered = JSON.stringify({
      ...completed,
      data: { object: { ...(completed.data as { object: object }).object, amount_total: 1 } },
    });

    expect((await deliver(completed, { secret: 'whsec_wrong' })).status).toBe(400);
    expect((await deliver(completed, { payload: tampered })).status).toBe(400);
    expect((await deliver(completed, { header: null })).status).toBe(400);
    expect((await deliver(completed, { header: 't=1,v1=deadbeef' })).status).toBe(400);

    expect(
      db
        .select()
        .from(s.stripeEvents)
        .where(eq(s.stripeEvents.id, completed.id as string))
        .all(),
    ).toEqual([]);
    expect(milestonesOf(contractId)[0]!.state).toBe('approved');
    expect(paidRows(contractId)).toEqual([]);
  });

  it('creates no second charge when the payment call is repeated or retried with the same key', async () => {
    const { milestone, finance, contractId } = await readyToPay();
    const sessionsBefore = fake.sessions.size;
    const first = await startStripePayment(finance, milestone.id, 'https://pay.example');
    const again = await startStripePayment(finance, milestone.id, 'https://pay.example');
    expect(again).toBe(first);
    expect(fake.sessions.size).toBe(sessionsBefore + 1);
    expect(db.select().from(s.payments).where(eq(s.payments.milestoneId, milestone.id)).all()).toHaveLength(1);

    // The response is lost on the wire after Stripe did the work: the SDK retries with the same key.
    const other = await readyToPay();
    const before = fake.sessions.size;
    fake.dropNextResponse.add('/v1/checkout/sessions');
    const url = await startStripePayment(other.finance, other.milestone.id, 'https://pay.example');
    const calls = fake.requests.filter(
      (r) => r.path === '/v1/checkout/sessions' && r.idempotencyKey === `milestone-${other.milestone.id}-pay`,
    );
    expect(calls).toHaveLength(2);
    expect(fake.sessions.size).toBe(before + 1);
    expect(sessionFor(url)).toBeDefined();

    expect(paidRows(contractId)).toEqual([]);
  });

  it('tolerates events out of order and opens a new attempt with a new key after one expires', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    const firstUrl = await startStripePayment(finance, milestone.id, 'https://pay.example');
    const first = sessionFor(firstUrl);
    expect((await deliver(fake.expireSession(first.id as string))).status).toBe(200);
    expect(requireMilestoneFor(finance, milestone.id).stripe).toMatchObject({ inProgress: false });

    const secondUrl = await startStripePayment(finance, milestone.id, 'https://pay.example');
    expect(secondUrl).not.toBe(firstUrl);
    const keys = db
      .select({ key: s.payments.idempotencyKey })
      .from(s.payments)
      .where(eq(s.payments.milestoneId, milestone.id))
      .all()
      .map((r) => r.key);
    expect(keys).toEqual([`milestone-${milestone.id}-pay`, `milestone-${milestone.id}-pay-2`]);

    const second = sessionFor(secondUrl);
    const completed = fake.completeSession(second.id as string);
    const lateExpiry = fake.expireSession(second.id as string);
    // The expiry is delivered first, then the completion it preceded: paid wins.
    expect((await deliver(lateExpiry)).status).toBe(200);
    expect((await deliver(completed)).status).toBe(200);
    expect(milestonesOf(contractId)[0]!.state).toBe('paid');
    expect(paidRows(contractId)).toHaveLength(1);
  });

  it('never passes on a second payment for a milestone already paid another way', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
    const completed = fake.completeSession(session.id as string);
    expect((await deliver(fake.expireSession(session.id as string))).status).toBe(200);
    await recordBankTransfer(finance, milestone.id, {
      paidOn: '2026-03-02',
      amountFen: milestone.amountFen,
      reference: 'BOC-7',
      voucher: new File([Buffer.from('%PDF-1.4')], 'v.pdf'),
    });
    const transfersFor = () =>
      [...fake.transfers.values()].filter(
        (t) => (t.metadata as Record<string, string>).milestoneId === String(milestone.id),
      );

    expect((await deliver(completed)).status).toBe(200);
    expect(paidRows(contractId)).toHaveLength(1);
    expect(transfersFor()).toEqual([]);
    expect((await reconcileStripe()).stillOwed).toBe(0);
    expect(transfersFor()).toEqual([]);
    expect(paymentOf(session.id as string)).toMatchObject({ state: 'attention', reason: 'alreadyPaid' });
    expect(auditOf(paymentOf(session.id as string).id, 'payment.attention')).toHaveLength(1);
  });
});

describe('reconciliation', () => {
  it('applies events the webhook never delivered and retries transfers that failed, once', async () => {
    const missed = await readyToPay();
    const session = sessionFor(await startStripePayment(missed.finance, missed.milestone.id, 'https://pay.example'));
    fake.completeSession(session.id as string); // never delivered

    const failed = await readyToPay();
    const other = sessionFor(await startStripePayment(failed.finance, failed.milestone.id, 'https://pay.example'));
    fake.failNext.add('/v1/transfers');
    expect((await deliver(fake.completeSession(other.id as string))).status).toBe(200);
    const failedPayment = () =>
      db
        .select()
        .from(s.payments)
        .where(eq(s.payments.stripeObjectId, other.id as string))
        .get()!;
    expect(failedPayment().paidOn).not.toBeNull();
    expect(failedPayment().stripeTransferId).toBeNull();
    expect(milestonesOf(missed.contractId)[0]!.state).toBe('approved');

    const result = await reconcileStripe();
    expect(result.applied).toBeGreaterThanOrEqual(1);
    expect(result.stillOwed).toBe(0);
    expect(milestonesOf(missed.contractId)[0]!.state).toBe('paid');
    expect(paidRows(missed.contractId)).toHaveLength(1);
    expect(failedPayment().stripeTransferId).toMatch(/^tr_/);

    const transfers = fake.transfers.size;
    const again = await reconcileStripe();
    expect(again).toMatchObject({ applied: 0, transferred: 0, stillOwed: 0 });
    expect(fake.transfers.size).toBe(transfers);
    expect(paidRows(missed.contractId)).toHaveLength(1);
  });
});

/** Posts a body signed with the webhook secret, whatever it holds. */
function deliverSigned(payload: string) {
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
  return webhookAction({
    request: new Request('http://localhost/webhooks/stripe', {
      method: 'POST',
      body: payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
    }),
  } as Parameters<typeof webhookAction>[0]);
}

const recorded = (eventId: string) =>
  db.select().from(s.stripeEvents).where(eq(s.stripeEvents.id, eventId)).all().length;

const voucher = () => new File([Buffer.from('%PDF-1.4')], 'v.pdf');

describe('a correctly signed event we cannot use', () => {
  it('answers 400 with what is wrong, never a 500, and applies nothing', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
    const completed = fake.completeSession(session.id as string) as { id: string; data: { object: object } };
    const object = completed.data.object;
    const malformed: [string, string][] = [
      ['not JSON', '{"id": "evt_1", "type": '],
      ['not an object', '"checkout.session.completed"'],
      ['no data', JSON.stringify({ ...completed, data: undefined })],
      ['no object type', JSON.stringify({ ...completed, object: undefined })],
      [
        'an account where a session belongs',
        JSON.stringify({ ...completed, data: { object: { id: 'acct_1', object: 'account' } } }),
      ],
      ['a text amount', JSON.stringify({ ...completed, data: { object: { ...object, amount_total: '1200000' } } })],
      [
        'an unknown payment status',
        JSON.stringify({ ...completed, data: { object: { ...object, payment_status: 'maybe' } } }),
      ],
      ['a number for an id', JSON.stringify({ ...completed, id: 42 })],
      ['a negative creation time', JSON.stringify({ ...completed, created: -1 })],
    ];
    for (const [what, payload] of malformed) {
      const response = await deliverSigned(payload);
      expect(response.status, what).toBe(400);
      expect(((await response.json()) as { error: string }).error, what).toMatch(/\w/);
    }
    expect(recorded(completed.id)).toBe(0);
    expect(milestonesOf(contractId)[0]!.state).toBe('approved');
    expect(paidRows(contractId)).toEqual([]);
    // The ones that still name our payment leave a trace on it, saying what was wrong.
    const payment = db
      .select()
      .from(s.payments)
      .where(eq(s.payments.stripeObjectId, session.id as string))
      .get()!;
    expect(payment.state).toBe('pending');
    const problems = auditOf(payment.id, 'payment.webhookRefused').map((r) => (r.data as { problem: string }).problem);
    expect(problems).toHaveLength(5);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining('amount_total'), expect.stringContaining('payment_status')]),
    );

    // The real event still applies afterwards.
    expect((await deliver(completed)).status).toBe(200);
    expect(milestonesOf(contractId)[0]!.state).toBe('paid');
  });

  it('refuses, unrecorded, an event for a Checkout Session we never opened, and ignores types it does not handle', async () => {
    const stranger = {
      id: 'evt_stranger',
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: 'cs_test_not_ours',
          object: 'checkout.session',
          client_reference_id: '987654321',
          payment_status: 'paid',
          amount_total: 100,
          currency: 'cny',
          payment_intent: 'pi_x',
        },
      },
    };
    const response = await deliver(stranger);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('cs_test_not_ours');
    expect(recorded('evt_stranger')).toBe(0);

    const other = { ...stranger, id: 'evt_other', type: 'customer.created', data: { object: { id: 'cus_1' } } };
    expect((await deliver(other)).status).toBe(200);
  });
});

describe('the amount and currency Stripe took', () => {
  const cases: [string, { amount_total?: number; currency?: string }, string][] = [
    ['amount', { amount_total: 1_00 }, 'amountMismatch'],
    ['currency', { currency: 'usd' }, 'currencyMismatch'],
  ];
  it.each(cases)(
    'a different %s is refused: the milestone stays unpaid, finance sees it, the trail says why',
    async (_what, charged, reason) => {
      const { contractId, milestone, finance, unionId } = await readyToPay();
      const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
      const completed = fake.completeSession(session.id as string, charged);
      const transfersBefore = fake.transfers.size;

      const response = await deliver(completed);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ received: true, refused: reason });
      expect(milestonesOf(contractId)[0]!.state).toBe('approved');
      expect(paidRows(contractId)).toEqual([]);
      expect(fake.transfers.size).toBe(transfersBefore);
      const payment = paymentOf(session.id as string);
      expect(payment).toMatchObject({ state: 'attention', reason, paidOn: null });
      const [trail] = auditOf(payment.id, 'payment.attention');
      expect(trail!.data).toMatchObject({
        reason,
        expected: { amountFen: milestone.amountFen, currency: 'cny' },
        charged: { amountFen: charged.amount_total ?? milestone.amountFen, currency: charged.currency ?? 'cny' },
      });
      expect(paymentQueue(finance, unionId).onlinePayments).toEqual([
        expect.objectContaining({ id: payment.id, state: 'attention', reason }),
      ]);
      expect(requireMilestoneFor(finance, milestone.id).payments).toEqual([
        expect.objectContaining({
          state: 'attention',
          reason,
          chargedAmountFen: charged.amount_total ?? milestone.amountFen,
        }),
      ]);

      // Delivered again: recorded once, flagged once. The milestone can still be paid by bank transfer.
      expect((await deliver(completed)).status).toBe(200);
      expect(auditOf(payment.id, 'payment.attention')).toHaveLength(1);
      await recordBankTransfer(finance, milestone.id, {
        paidOn: '2026-03-02',
        amountFen: milestone.amountFen,
        reference: 'BOC-9',
        voucher: voucher(),
      });
      expect(paidRows(contractId)).toHaveLength(1);
    },
  );
});

describe('Stripe unreachable or slow', () => {
  afterEach(async () => {
    await fake.comeBack();
    fake.latency.ms = 0;
    delete process.env.STRIPE_TIMEOUT_MS;
  });

  it('down: a message, no attempt left pending, and the bank transfer goes through', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    await fake.goDown();
    await expect(startStripePayment(finance, milestone.id, 'https://pay.example')).rejects.toMatchObject({
      messageKey: 'payments.errors.stripeUnavailable',
      status: 503,
    });
    const attempts = db.select().from(s.payments).where(eq(s.payments.milestoneId, milestone.id)).all();
    expect(attempts).toEqual([
      expect.objectContaining({ state: 'cancelled', reason: 'stripeUnreachable', stripeObjectId: null }),
    ]);
    const view = requireMilestoneFor(finance, milestone.id);
    expect(view.canRecordTransfer).toBe(true);
    expect(view.stripe).toMatchObject({ inProgress: false });
    await recordBankTransfer(finance, milestone.id, {
      paidOn: '2026-03-02',
      amountFen: milestone.amountFen,
      reference: 'ICBC-1',
      voucher: voucher(),
    });
    expect(milestonesOf(contractId)[0]!.state).toBe('paid');
    expect(paidRows(contractId)).toHaveLength(1);
  });

  it('down: connecting an organization says so instead of failing', async () => {
    const cast = await signedContract();
    await fake.goDown();
    await expect(startOnboarding(cast.owner, cast.organizationId, 'http://localhost')).rejects.toMatchObject({
      messageKey: 'payments.errors.stripeUnavailable',
    });
  });

  it('slow: gives up after the configured timeout and retries, and the next attempt uses a new key', async () => {
    const { milestone, finance } = await readyToPay();
    process.env.STRIPE_TIMEOUT_MS = '200';
    fake.latency.ms = 1_000;
    await expect(startStripePayment(finance, milestone.id, 'https://pay.example')).rejects.toMatchObject({
      messageKey: 'payments.errors.stripeUnavailable',
    });
    const key = `milestone-${milestone.id}-pay`;
    // One try and STRIPE_MAX_NETWORK_RETRIES (default 1) retry, both with the attempt's key.
    expect(fake.requests.filter((r) => r.idempotencyKey === key)).toHaveLength(2);
    const [first] = db.select().from(s.payments).where(eq(s.payments.milestoneId, milestone.id)).all();
    expect(first).toMatchObject({ state: 'cancelled', reason: 'stripeUnreachable' });

    // Stripe made a session nobody ever saw; when it expires, nothing changes.
    const orphan = [...fake.sessions.values()].find((x) => x.client_reference_id === String(first!.id))!;
    expect((await deliver(fake.expireSession(orphan.id as string))).status).toBe(200);
    expect(db.select().from(s.payments).where(eq(s.payments.id, first!.id)).get()!.state).toBe('cancelled');

    fake.latency.ms = 0;
    delete process.env.STRIPE_TIMEOUT_MS;
    const url = await startStripePayment(finance, milestone.id, 'https://pay.example');
    expect(paymentOf(sessionFor(url).id as string)).toMatchObject({
      state: 'pending',
      idempotencyKey: `milestone-${milestone.id}-pay-2`,
    });
  });
});

describe('a Stripe payment stuck pending', () => {
  afterEach(() => fake.comeBack());

  it('finance cancels it with a reason; Stripe closes the page; nobody else may', async () => {
    const { milestone, finance, member, commissioner } = await readyToPay();
    const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
    const payment = paymentOf(session.id as string);
    for (const viewer of [member, commissioner])
      await expect(cancelStripePayment(viewer, milestone.id, payment.id, '付款人放弃')).rejects.toMatchObject({
        status: 403,
      });

    await expect(cancelStripePayment(finance, milestone.id, payment.id, '付款人放弃')).resolves.toEqual({
      stripeCancelled: true,
    });
    expect(fake.sessions.get(session.id as string)!.status).toBe('expired');
    expect(paymentOf(session.id as string)).toMatchObject({
      state: 'cancelled',
      reason: 'byFinance',
      note: '付款人放弃',
      stripeCancelled: true,
    });
    expect(auditOf(payment.id, 'payment.cancel')[0]).toMatchObject({
      actorId: finance.id,
      data: { reason: 'byFinance', note: '付款人放弃', stripeCancelled: true },
      before: { state: 'pending' },
      after: { state: 'cancelled', reason: 'byFinance' },
    });
    await expect(cancelStripePayment(finance, milestone.id, payment.id, '再次')).rejects.toMatchObject({
      messageKey: 'payments.errors.attemptClosed',
    });
  });

  it('with Stripe down it is cancelled here, marked so; money that still comes in never pays the milestone', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
    const payment = paymentOf(session.id as string);
    await fake.goDown();
    await expect(cancelStripePayment(finance, milestone.id, payment.id, 'Stripe 无响应')).resolves.toEqual({
      stripeCancelled: false,
    });
    expect(paymentOf(session.id as string)).toMatchObject({ state: 'cancelled', stripeCancelled: false });
    await fake.comeBack();

    // The payer, still on the page, pays: flagged for a refund, the milestone left for finance.
    const response = await deliver(fake.completeSession(session.id as string));
    expect(await response.json()).toMatchObject({ refused: 'afterCancel' });
    expect(milestonesOf(contractId)[0]!.state).toBe('approved');
    expect(paymentOf(session.id as string)).toMatchObject({ state: 'attention', reason: 'afterCancel' });
    await recordBankTransfer(finance, milestone.id, {
      paidOn: '2026-03-02',
      amountFen: milestone.amountFen,
      reference: 'CCB-3',
      voucher: voucher(),
    });
    expect(paidRows(contractId)).toHaveLength(1);
  });

  it('the reconciliation tells Stripe later about an attempt cancelled while it was down', async () => {
    const { milestone, finance } = await readyToPay();
    const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
    await fake.goDown();
    await cancelStripePayment(finance, milestone.id, paymentOf(session.id as string).id, '系统故障');
    await fake.comeBack();
    expect((await reconcileStripe()).endedAtStripe).toBeGreaterThanOrEqual(1);
    expect(fake.sessions.get(session.id as string)!.status).toBe('expired');
    expect(paymentOf(session.id as string).stripeCancelled).toBe(true);
  });

  it('never blocks a bank transfer: the attempt is cancelled "paid by bank transfer" and cannot pay again', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
    expect(requireMilestoneFor(finance, milestone.id).canRecordTransfer).toBe(true);
    const paymentId = await recordBankTransfer(finance, milestone.id, {
      paidOn: '2026-03-02',
      amountFen: milestone.amountFen,
      reference: 'ABC-5',
      voucher: voucher(),
    });
    expect(milestonesOf(contractId)[0]!.state).toBe('paid');
    expect(paidRows(contractId)).toEqual([expect.objectContaining({ paymentId })]);
    const attempt = paymentOf(session.id as string);
    expect(attempt).toMatchObject({ state: 'cancelled', reason: 'bankTransfer', stripeCancelled: true });
    expect(auditOf(attempt.id, 'payment.cancel')[0]).toMatchObject({ actorId: finance.id });
    expect(fake.sessions.get(session.id as string)!.status).toBe('expired');
  });

  it('with Stripe down the bank transfer still goes through, and a late completion is flagged, not paid twice', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
    await fake.goDown();
    await recordBankTransfer(finance, milestone.id, {
      paidOn: '2026-03-02',
      amountFen: milestone.amountFen,
      reference: 'ABC-6',
      voucher: voucher(),
    });
    expect(paymentOf(session.id as string)).toMatchObject({ state: 'cancelled', stripeCancelled: false });
    await fake.comeBack();
    const transfersBefore = fake.transfers.size;
    expect((await deliver(fake.completeSession(session.id as string))).status).toBe(200);
    expect(paidRows(contractId)).toHaveLength(1);
    expect(paymentOf(session.id as string)).toMatchObject({ state: 'attention', reason: 'afterCancel' });
    expect(fake.transfers.size).toBe(transfersBefore);
  });

  it('refuses the bank transfer and the cancel when Stripe has already taken the money', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    const session = sessionFor(await startStripePayment(finance, milestone.id, 'https://pay.example'));
    fake.completeSession(session.id as string); // not yet delivered
    const vouchers = () => db.select().from(s.payments).where(eq(s.payments.method, 'bank_transfer')).all().length;
    const before = vouchers();
    await expect(
      recordBankTransfer(finance, milestone.id, {
        paidOn: '2026-03-02',
        amountFen: milestone.amountFen,
        reference: 'ABC-7',
        voucher: voucher(),
      }),
    ).rejects.toMatchObject({ messageKey: 'payments.errors.stripeAlreadyPaid' });
    await expect(
      cancelStripePayment(finance, milestone.id, paymentOf(session.id as string).id, '重复'),
    ).rejects.toMatchObject({ messageKey: 'payments.errors.stripeAlreadyPaid' });
    expect(vouchers()).toBe(before);
    expect(paymentOf(session.id as string).state).toBe('pending');
    expect(paidRows(contractId)).toEqual([]);
  });
});
