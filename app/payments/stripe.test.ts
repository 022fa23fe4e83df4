import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { connectState, refreshAccountState, startOnboarding } from './connect.server';
import { approveMilestone, getMilestoneFor } from './milestones.server';
import { recordBankTransfer } from './bank-transfers.server';
import { reconcileStripe, startStripePayment } from './stripe-payments.server';
import { db } from '~/lib/db.server';
import { action as webhookAction } from '~/routes/webhooks.stripe';
import { startFakeStripe, type FakeStripe } from '../../tests/support/fake-stripe';
import { ledgerOf, milestonesOf, signedContract } from '../../tests/support/payments-fixtures';

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
    const pending = getMilestoneFor(finance, milestone.id);
    expect(pending.milestone.state).toBe('approved');
    expect(pending.stripe).toMatchObject({ inProgress: true });
    expect(pending.canRecordTransfer).toBe(false);

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

    // A bank transfer cannot be recorded on top of an open Stripe attempt.
    await expect(
      recordBankTransfer(finance, milestone.id, {
        paidOn: '2026-03-02',
        amountFen: milestone.amountFen,
        reference: 'X1',
        voucher: new File([Buffer.from('%PDF-1.4')], 'v.pdf'),
      }),
    ).rejects.toMatchObject({ messageKey: 'payments.errors.stripeInProgress' });
    expect(paidRows(contractId)).toEqual([]);
  });

  it('tolerates events out of order and opens a new attempt with a new key after one expires', async () => {
    const { contractId, milestone, finance } = await readyToPay();
    const firstUrl = await startStripePayment(finance, milestone.id, 'https://pay.example');
    const first = sessionFor(firstUrl);
    expect((await deliver(fake.expireSession(first.id as string))).status).toBe(200);
    expect(getMilestoneFor(finance, milestone.id).stripe).toMatchObject({ inProgress: false });

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
    const flagged = db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.action, 'payment.unexpected'), eq(s.auditLog.subjectType, 'payment')))
      .all();
    expect(flagged).toHaveLength(1);
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
