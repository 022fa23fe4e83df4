import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import type Stripe from 'stripe';
import { contracts, ledgerEntries, milestones, organizations, payments, stripeEvents } from '../../db/schema';
import { applyAccountState } from './connect.server';
import { milestoneMachine, type MilestoneState } from './machine';
import { assertPayable, loadMilestone, markPaid, openStripeAttempt, stripeAccountReady } from './milestones.server';
import { getStripe, paymentCurrency, stripeEnabled, webhookSecret } from './stripe.server';
import { requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { audit, pick } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { canTransition } from '~/lib/machine';

/** The idempotency key of a milestone's n-th Stripe attempt: a double click or retry reuses it. */
export function paymentKey(milestoneId: number, attempt: number) {
  return attempt === 1 ? `milestone-${milestoneId}-pay` : `milestone-${milestoneId}-pay-${attempt}`;
}

export function transferKey(milestoneId: number) {
  return `milestone-${milestoneId}-transfer`;
}

/**
 * Finds or opens the milestone's Stripe attempt. The row (with its idempotency key) is written
 * before Stripe is called, so every later call for this attempt sends the same key.
 */
function openAttempt(viewer: Viewer, milestoneId: number) {
  return durably((tx) => {
    const { milestone, contract } = loadMilestone(tx, milestoneId);
    requireUnionRole(viewer, contract.unionId, ['finance']);
    assertPayable(contract);
    if (!canTransition(milestoneMachine, milestone.state as MilestoneState, 'pay', 'finance'))
      throw new UserError('errors.illegalTransition', 409);
    if (!stripeAccountReady(tx, contract.organizationId)) throw new UserError('payments.errors.accountNotReady', 409);
    const open = openStripeAttempt(tx, milestone.id);
    if (open) return { payment: open, contractTitle: contract.title };
    const previous = tx
      .select({ n: count() })
      .from(payments)
      .where(and(eq(payments.milestoneId, milestone.id), eq(payments.method, 'stripe')))
      .get()!.n;
    const payment = tx
      .insert(payments)
      .values({
        milestoneId: milestone.id,
        method: 'stripe',
        amountFen: milestone.amountFen,
        idempotencyKey: paymentKey(milestone.id, previous + 1),
        recordedBy: viewer.id,
      })
      .returning()
      .get();
    audit(tx, {
      actorId: viewer.id,
      action: 'payment.stripeStart',
      subjectType: 'payment',
      subjectId: payment.id,
      unionId: contract.unionId,
      after: pick(payment, ['milestoneId', 'method', 'amountFen']),
    });
    return { payment, contractTitle: contract.title };
  });
}

/** Finance pays an approved milestone through Stripe Checkout; returns the page to send them to. */
export async function startStripePayment(viewer: Viewer, milestoneId: number, origin: string) {
  const stripe = getStripe();
  const { payment, contractTitle } = openAttempt(viewer, milestoneId);
  const metadata = { milestoneId: String(milestoneId), paymentId: String(payment.id) };
  const session = await stripe.checkout.sessions.create(
    {
      mode: 'payment',
      client_reference_id: String(payment.id),
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: paymentCurrency(),
            unit_amount: payment.amountFen,
            product_data: { name: contractTitle },
          },
        },
      ],
      metadata,
      payment_intent_data: { transfer_group: `milestone-${milestoneId}`, metadata },
      success_url: `${origin}/milestones/${milestoneId}?stripe=success`,
      cancel_url: `${origin}/milestones/${milestoneId}?stripe=cancel`,
    },
    { idempotencyKey: payment.idempotencyKey! },
  );
  if (!payment.stripeObjectId) {
    durably((tx) =>
      tx
        .update(payments)
        .set({ stripeObjectId: session.id })
        .where(and(eq(payments.id, payment.id), isNull(payments.stripeObjectId)))
        .run(),
    );
  }
  if (!session.url) throw new UserError('payments.errors.stripeUnavailable', 502);
  return session.url;
}

/** Our attempt a Checkout Session belongs to: by the payment id we gave it, or by its own id. */
function findAttempt(tx: DB, session: Stripe.Checkout.Session) {
  const byReference = session.client_reference_id
    ? tx
        .select()
        .from(payments)
        .where(and(eq(payments.id, Number(session.client_reference_id)), eq(payments.method, 'stripe')))
        .get()
    : undefined;
  if (byReference && (byReference.stripeObjectId === null || byReference.stripeObjectId === session.id))
    return byReference;
  return tx.select().from(payments).where(eq(payments.stripeObjectId, session.id)).get();
}

const shanghaiDate = (seconds: number) => new Date(seconds * 1000 + 8 * 3600_000).toISOString().slice(0, 10);

function sessionPaid(tx: DB, session: Stripe.Checkout.Session, eventCreated: number) {
  if (session.payment_status !== 'paid') return null;
  const payment = findAttempt(tx, session);
  if (!payment || payment.paidOn) return null;
  const paymentIntent =
    typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
  // Paid wins over an expiry that arrived first: the money was taken.
  tx.update(payments)
    .set({
      stripeObjectId: session.id,
      reference: paymentIntent ?? null,
      paidOn: shanghaiDate(eventCreated),
      failedAt: null,
    })
    .where(eq(payments.id, payment.id))
    .run();
  audit(tx, {
    actorId: null,
    action: 'payment.stripePaid',
    subjectType: 'payment',
    subjectId: payment.id,
    before: pick(payment, ['paidOn', 'reference', 'failedAt']),
    after: { paidOn: shanghaiDate(eventCreated), reference: paymentIntent ?? null, failedAt: null },
  });
  if (!markPaid(tx, payment.milestoneId, payment.id, { id: null, as: 'system' })) {
    // Paid twice (or after the contract ended): not passed on; kept for finance to refund by hand.
    audit(tx, { actorId: null, action: 'payment.unexpected', subjectType: 'payment', subjectId: payment.id });
    return null;
  }
  return payment.id;
}

function sessionFailed(tx: DB, session: Stripe.Checkout.Session) {
  const payment = findAttempt(tx, session);
  if (!payment || payment.paidOn || payment.failedAt) return;
  tx.update(payments).set({ stripeObjectId: session.id, failedAt: now() }).where(eq(payments.id, payment.id)).run();
  audit(tx, {
    actorId: null,
    action: 'payment.stripeFailed',
    subjectType: 'payment',
    subjectId: payment.id,
    before: { failedAt: null },
    after: { failedAt: now() },
  });
}

export const handledEventTypes = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'account.updated',
] as const;

/**
 * Applies one event's effect. Every branch is idempotent and checks the current state, so a
 * duplicate or a late, out-of-order event changes nothing it should not. Returns the payment
 * that became paid, whose transfer is then due.
 */
function applyStripeEvent(tx: DB, event: Stripe.Event): number | null {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return sessionPaid(tx, event.data.object, event.created);
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed':
      sessionFailed(tx, event.data.object);
      return null;
    case 'account.updated':
      applyAccountState(tx, event.data.object, event.created);
      return null;
    default:
      return null;
  }
}

/** Records the event id once and applies it; true if it was new. Then sends any transfer due. */
export async function receiveStripeEvent(event: Stripe.Event) {
  const outcome = durably((tx) => {
    const fresh = tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type })
      .onConflictDoNothing()
      .returning()
      .get();
    if (!fresh) return { fresh: false, paidPaymentId: null };
    return { fresh: true, paidPaymentId: applyStripeEvent(tx, event) };
  });
  if (outcome.paidPaymentId !== null) await transferSafely(outcome.paidPaymentId);
  return outcome.fresh;
}

/** The webhook: the signature is checked on the raw body before anything is read from it. */
export async function handleStripeWebhook(request: Request) {
  if (!stripeEnabled()) return new Response('Not Found', { status: 404 });
  const payload = await request.text();
  let event: Stripe.Event;
  try {
    event = getStripe().webhooks.constructEvent(
      payload,
      request.headers.get('stripe-signature') ?? '',
      webhookSecret(),
    );
  } catch {
    return new Response('Invalid signature', { status: 400 });
  }
  await receiveStripeEvent(event);
  return Response.json({ received: true });
}

/** The ledger's record that a payment paid its milestone: only such payments are passed on. */
const paidEntries = db
  .select({ paymentId: ledgerEntries.paymentId })
  .from(ledgerEntries)
  .where(eq(ledgerEntries.kind, 'paid'))
  .as('paid_entries');

/**
 * Sends a Stripe-paid milestone's money on to the organization's connected account. The key is
 * per milestone, so a retry (from the webhook or the reconciliation) never transfers twice.
 */
export async function transferToOrganization(paymentId: number) {
  const row = db
    .select({ payment: payments, milestone: milestones, accountId: organizations.stripeAccountId })
    .from(payments)
    .innerJoin(paidEntries, eq(paidEntries.paymentId, payments.id))
    .innerJoin(milestones, eq(milestones.id, payments.milestoneId))
    .innerJoin(contracts, eq(contracts.id, milestones.contractId))
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .where(eq(payments.id, paymentId))
    .get();
  if (!row || row.payment.method !== 'stripe' || !row.payment.paidOn || row.payment.stripeTransferId) return false;
  if (!row.accountId) return false;
  const stripe = getStripe();
  const intent = row.payment.reference ? await stripe.paymentIntents.retrieve(row.payment.reference) : null;
  const charge = typeof intent?.latest_charge === 'string' ? intent.latest_charge : intent?.latest_charge?.id;
  const transfer = await stripe.transfers.create(
    {
      amount: row.payment.amountFen,
      currency: paymentCurrency(),
      destination: row.accountId,
      transfer_group: `milestone-${row.milestone.id}`,
      ...(charge && { source_transaction: charge }),
      metadata: { milestoneId: String(row.milestone.id), paymentId: String(paymentId) },
    },
    { idempotencyKey: transferKey(row.milestone.id) },
  );
  durably((tx) => {
    tx.update(payments)
      .set({ stripeTransferId: transfer.id })
      .where(and(eq(payments.id, paymentId), isNull(payments.stripeTransferId)))
      .run();
    audit(tx, {
      actorId: null,
      action: 'payment.transfer',
      subjectType: 'payment',
      subjectId: paymentId,
      data: { transferId: transfer.id },
      after: { stripeTransferId: transfer.id },
    });
  });
  return true;
}

/** A failed transfer leaves the payment untransferred for the reconciliation to retry. */
async function transferSafely(paymentId: number) {
  try {
    return await transferToOrganization(paymentId);
  } catch (error) {
    console.error(`Stripe transfer for payment ${paymentId} failed; the reconciliation will retry`, error);
    return false;
  }
}

/**
 * Repairs what a missed or failed webhook left behind: applies every recent Stripe event not yet
 * recorded (oldest first; Stripe keeps 30 days), then retries transfers still owed.
 */
export async function reconcileStripe(options: { days?: number } = {}) {
  const stripe = getStripe();
  const since = Math.floor(now().getTime() / 1000) - (options.days ?? 3) * 86_400;
  const events: Stripe.Event[] = [];
  for await (const event of stripe.events.list({ created: { gte: since }, types: [...handledEventTypes], limit: 100 }))
    events.push(event);
  events.sort((a, b) => a.created - b.created);
  let applied = 0;
  for (const event of events) if (await receiveStripeEvent(event)) applied += 1;
  const owed = db
    .select({ id: payments.id })
    .from(payments)
    .innerJoin(paidEntries, eq(paidEntries.paymentId, payments.id))
    .where(and(eq(payments.method, 'stripe'), isNotNull(payments.paidOn), isNull(payments.stripeTransferId)))
    .all();
  let transferred = 0;
  for (const { id } of owed) if (await transferSafely(id)) transferred += 1;
  return { seen: events.length, applied, transferred, stillOwed: owed.length - transferred };
}
