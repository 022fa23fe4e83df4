import { and, count, eq, isNull, or } from 'drizzle-orm';
import Stripe from 'stripe';
import { organizations } from '../../db/schema/organizations';
import { ledgerEntries, milestones, payments, stripeEvents } from '../../db/schema/payments';
import { contracts } from '../../db/schema/procurement';
import { applyAccountState } from './connect.server';
import { milestoneMachine, paymentMachine, type PaymentReason } from './machine';
import { mayCancelPayment, mayPayMilestone } from './permissions';
import { loadMilestone, markPaid, openStripeAttempt, stripeAccountReady } from './milestones.server';
import {
  handledEventTypes,
  parseStripeEvent,
  sessionMentioned,
  sessionPaidTypes,
  type CheckoutSession,
  type StripeEvent,
} from './stripe-events';
import {
  requireStripe,
  paymentCurrency,
  stripeEnabled,
  stripeUnreachable,
  stripeUserError,
  webhookSecret,
} from './stripe.server';
import { notFound, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { audit, pick } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { enforce } from '~/lib/permission';
import { canTransition, transition } from '~/lib/machine';
import { shanghaiDate } from '~/lib/time';
import './audit-subjects.server';

type Payment = typeof payments.$inferSelect;

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
    enforce(mayPayMilestone(viewer, milestone, contract));
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
        state: 'pending',
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
      after: pick(payment, ['milestoneId', 'method', 'amountFen', 'state']),
    });
    return { payment, contractTitle: contract.title };
  });
}

/**
 * Moves a pending attempt to cancelled through the payment machine and records why. The caller
 * has asked Stripe to end the Checkout Session first: `stripeCancelled` is its answer (null when
 * there was no session to end).
 */
export function cancelAttempt(
  tx: DB,
  payment: Payment,
  change: {
    reason: PaymentReason;
    note?: string;
    actor: { id: number | null; as: 'finance' | 'system' };
    stripeCancelled: boolean | null;
  },
) {
  const state = transition(paymentMachine, payment.state, 'cancel', change.actor.as);
  tx.update(payments)
    .set({
      state,
      reason: change.reason,
      note: change.note ?? null,
      cancelledAt: now(),
      stripeCancelled: change.stripeCancelled,
    })
    .where(eq(payments.id, payment.id))
    .run();
  audit(tx, {
    actorId: change.actor.id,
    action: 'payment.cancel',
    subjectType: 'payment',
    subjectId: payment.id,
    data: { reason: change.reason, note: change.note ?? null, stripeCancelled: change.stripeCancelled },
    before: { state: payment.state },
    after: { state, reason: change.reason },
  });
}

/**
 * Asks Stripe to end the attempt's Checkout Session, so nobody can pay it any more: true once it
 * is over at Stripe, false if Stripe could not be told (the page then expires by itself within
 * 24 hours), null if there was no session. Refuses if Stripe already took the money.
 */
export async function endAtStripe(payment: Payment): Promise<boolean | null> {
  if (!payment.stripeObjectId) return null;
  if (!stripeEnabled()) return false;
  const stripe = requireStripe();
  try {
    await stripe.checkout.sessions.expire(payment.stripeObjectId);
    return true;
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) {
      console.error(`Could not expire Checkout Session ${payment.stripeObjectId}: ${String(error)}`);
      return false;
    }
  }
  // Only an open session can be expired: this one is over, or unknown to Stripe.
  const session = await stripe.checkout.sessions.retrieve(payment.stripeObjectId).catch(() => null);
  if (session?.status === 'complete') throw new UserError('payments.errors.stripeAlreadyPaid', 409);
  return session?.status === 'expired';
}

/** Finance pays an approved milestone through Stripe Checkout; returns the page to send them to. */
export async function startStripePayment(viewer: Viewer, milestoneId: number, origin: string) {
  const stripe = requireStripe();
  const { payment, contractTitle } = openAttempt(viewer, milestoneId);
  const metadata = { milestoneId: String(milestoneId), paymentId: String(payment.id) };
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(
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
  } catch (error) {
    const failure = stripeUserError(error);
    // No Checkout page was ever shown for this attempt, so nobody can pay it: close it rather than
    // leave it pending. (One already shown stays open: its payer may be on the page.)
    if (failure instanceof UserError && !payment.stripeObjectId)
      durably((tx) => {
        const current = tx.select().from(payments).where(eq(payments.id, payment.id)).get()!;
        if (current.state !== 'pending' || current.stripeObjectId) return;
        const reason = stripeUnreachable(error) ? 'stripeUnreachable' : 'stripeRefused';
        cancelAttempt(tx, current, { reason, actor: { id: null, as: 'system' }, stripeCancelled: null });
      });
    throw failure;
  }
  const attached = durably(
    (tx) =>
      tx
        .update(payments)
        .set({ stripeObjectId: session.id })
        .where(
          and(
            eq(payments.id, payment.id),
            eq(payments.state, 'pending'),
            or(isNull(payments.stripeObjectId), eq(payments.stripeObjectId, session.id)),
          ),
        )
        .run().changes > 0,
  );
  if (!attached) {
    // Cancelled (or closed by Stripe) while Stripe was answering: this page must not be used.
    await endAtStripe({ ...payment, stripeObjectId: session.id }).catch(() => null);
    throw new UserError('payments.errors.attemptClosed', 409);
  }
  if (!session.url) throw new UserError('payments.errors.stripeUnavailable', 502);
  return session.url;
}

/**
 * Finance cancels a Stripe attempt that is still pending, saying why. Stripe is asked to end the
 * Checkout Session first; if it cannot be reached the attempt is cancelled here all the same and
 * marked so, and a payment that still comes through for it never pays the milestone.
 */
export async function cancelStripePayment(viewer: Viewer, milestoneId: number, paymentId: number, note: string) {
  const payment = db.select().from(payments).where(eq(payments.id, paymentId)).get();
  if (!payment || payment.milestoneId !== milestoneId || payment.method !== 'stripe') notFound();
  const { contract } = loadMilestone(db, milestoneId);
  requireUnionRole(viewer, contract.unionId, ['finance']);
  enforce(mayCancelPayment(viewer, payment, contract));
  const stripeCancelled = await endAtStripe(payment);
  durably((tx) => {
    const current = tx.select().from(payments).where(eq(payments.id, paymentId)).get()!;
    enforce(mayCancelPayment(viewer, current, contract));
    cancelAttempt(tx, current, { reason: 'byFinance', note, actor: { id: viewer.id, as: 'finance' }, stripeCancelled });
  });
  return { stripeCancelled };
}

/** Our attempt a Checkout Session belongs to: by the payment id we gave it, or by its own id. */
function findAttempt(tx: DB, session: { id: string | null; client_reference_id?: string | null }) {
  const reference = session.client_reference_id;
  const byReference =
    reference && /^\d{1,15}$/.test(reference)
      ? tx
          .select()
          .from(payments)
          .where(and(eq(payments.id, Number(reference)), eq(payments.method, 'stripe')))
          .get()
      : undefined;
  if (byReference && (byReference.stripeObjectId === null || byReference.stripeObjectId === session.id))
    return byReference;
  if (!session.id) return undefined;
  return tx
    .select()
    .from(payments)
    .where(and(eq(payments.stripeObjectId, session.id), eq(payments.method, 'stripe')))
    .get();
}

const intentOf = (session: CheckoutSession) =>
  typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);

/**
 * Why money Stripe took for this attempt cannot pay its milestone, or null if it can: it must be
 * the milestone's amount in the deployment's currency, for an attempt not cancelled, on a
 * milestone still waiting for it.
 */
function refusal(tx: DB, payment: Payment, session: CheckoutSession): PaymentReason | null {
  const { milestone } = loadMilestone(tx, payment.milestoneId);
  if (session.currency?.toLowerCase() !== paymentCurrency()) return 'currencyMismatch';
  if (session.amount_total !== milestone.amountFen) return 'amountMismatch';
  if (payment.state === 'cancelled') return 'afterCancel';
  if (!canTransition(milestoneMachine, milestone.state, 'pay', 'system')) return 'alreadyPaid';
  return null;
}

/** Money taken that cannot pay the milestone: kept for finance to refund by hand, never passed on. */
function flagPayment(tx: DB, payment: Payment, session: CheckoutSession, reason: PaymentReason, eventId: string) {
  const { milestone } = loadMilestone(tx, payment.milestoneId);
  const state = transition(paymentMachine, payment.state, 'flag', 'system');
  const charged = { chargedAmountFen: session.amount_total, chargedCurrency: session.currency };
  tx.update(payments)
    .set({ state, reason, stripeObjectId: session.id, reference: intentOf(session), ...charged })
    .where(eq(payments.id, payment.id))
    .run();
  audit(tx, {
    actorId: null,
    action: 'payment.attention',
    subjectType: 'payment',
    subjectId: payment.id,
    data: {
      reason,
      eventId,
      expected: { amountFen: milestone.amountFen, currency: paymentCurrency() },
      charged: { amountFen: session.amount_total, currency: session.currency },
    },
    before: { state: payment.state },
    after: { state, reason },
  });
}

type Applied = { paidPaymentId: number | null; attention: PaymentReason | null };
const nothing: Applied = { paidPaymentId: null, attention: null };

function sessionPaid(tx: DB, payment: Payment, session: CheckoutSession, event: StripeEvent): Applied {
  if (session.payment_status !== 'paid' || payment.state === 'paid' || payment.state === 'attention') return nothing;
  const reason = refusal(tx, payment, session);
  if (reason) {
    flagPayment(tx, payment, session, reason, event.id);
    return { paidPaymentId: null, attention: reason };
  }
  const state = transition(paymentMachine, payment.state, 'settle', 'system');
  const after = {
    state,
    stripeObjectId: session.id,
    reference: intentOf(session),
    paidOn: shanghaiDate(event.created * 1000),
    chargedAmountFen: session.amount_total,
    chargedCurrency: session.currency,
  };
  tx.update(payments).set(after).where(eq(payments.id, payment.id)).run();
  audit(tx, {
    actorId: null,
    action: 'payment.stripePaid',
    subjectType: 'payment',
    subjectId: payment.id,
    before: pick(payment, ['state', 'paidOn', 'reference']),
    after: pick(after, ['state', 'paidOn', 'reference']),
  });
  markPaid(tx, payment.milestoneId, payment.id, { id: null, as: 'system' });
  return { paidPaymentId: payment.id, attention: null };
}

function sessionFailed(tx: DB, payment: Payment, session: CheckoutSession) {
  const from = payment.state;
  if (!canTransition(paymentMachine, from, 'expire')) return;
  const state = transition(paymentMachine, from, 'expire', 'system');
  tx.update(payments)
    .set({ state, stripeObjectId: session.id, failedAt: now() })
    .where(eq(payments.id, payment.id))
    .run();
  audit(tx, {
    actorId: null,
    action: 'payment.stripeFailed',
    subjectType: 'payment',
    subjectId: payment.id,
    before: { state: payment.state },
    after: { state, failedAt: now() },
  });
}

type Received =
  { status: 'applied' | 'duplicate'; attention: PaymentReason | null } | { status: 'refused'; problem: string };

/**
 * Records the event id once and applies it. Every branch checks the current state, so a duplicate
 * or a late, out-of-order event changes nothing it should not; an event for a Checkout Session we
 * never opened is refused unrecorded. Then sends any transfer due.
 */
export async function receiveStripeEvent(event: StripeEvent): Promise<Received> {
  const outcome = durably((tx): Received & { paidPaymentId?: number | null } => {
    const payment = event.kind === 'session' ? findAttempt(tx, event.data.object) : undefined;
    if (event.kind === 'session' && !payment)
      return { status: 'refused', problem: `No payment of ours matches Checkout Session ${event.data.object.id}` };
    const fresh = tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type })
      .onConflictDoNothing()
      .returning()
      .get();
    if (!fresh) return { status: 'duplicate', attention: null };
    let applied = nothing;
    if (event.kind === 'session' && payment) {
      const paid = (sessionPaidTypes as readonly string[]).includes(event.type);
      if (paid) applied = sessionPaid(tx, payment, event.data.object, event);
      else sessionFailed(tx, payment, event.data.object);
    } else if (event.kind === 'account') applyAccountState(tx, event.data.object, event.created);
    return { status: 'applied', ...applied };
  });
  if (outcome.status === 'applied' && outcome.paidPaymentId) await transferSafely(outcome.paidPaymentId);
  if (outcome.status === 'refused') return outcome;
  return { status: outcome.status, attention: outcome.attention };
}

const answer = (status: number, body: object) => Response.json(body, { status });

/**
 * The webhook: the signature is checked on the raw body before anything is read from it; then the
 * event is parsed. Whatever a correctly signed body holds, the answer is 200 or a 400 that says
 * what is wrong (Stripe shows it in the delivery log and retries), never a 500.
 */
export async function handleStripeWebhook(request: Request) {
  if (!stripeEnabled()) return new Response('Not Found', { status: 404 });
  const payload = await request.text();
  let raw: unknown;
  try {
    raw = requireStripe().webhooks.constructEvent(
      payload,
      request.headers.get('stripe-signature') ?? '',
      webhookSecret(),
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError)
      return answer(400, { error: 'Invalid signature' });
    return answer(400, { error: `The body cannot be read as an event: ${String(error).slice(0, 200)}` });
  }
  const parsed = parseStripeEvent(raw);
  if (!parsed.ok) {
    auditRefusal(raw, parsed.problem);
    return answer(400, { error: parsed.problem.slice(0, 2000) });
  }
  const received = await receiveStripeEvent(parsed.event);
  if (received.status === 'refused') return answer(400, { error: received.problem });
  // A refused payment is answered 200: the event was understood and recorded (decision 096).
  return answer(200, { received: true, ...(received.attention && { refused: received.attention }) });
}

/** A malformed event that names one of our payments leaves a trace on that payment. */
function auditRefusal(raw: unknown, problem: string) {
  const mentioned = sessionMentioned(raw);
  if (!mentioned) return;
  durably((tx) => {
    const payment = findAttempt(tx, { id: mentioned.sessionId, client_reference_id: mentioned.reference });
    if (!payment) return;
    const eventId = (raw as { id?: unknown }).id;
    audit(tx, {
      actorId: null,
      action: 'payment.webhookRefused',
      subjectType: 'payment',
      subjectId: payment.id,
      data: { eventId: typeof eventId === 'string' ? eventId.slice(0, 255) : null, problem: problem.slice(0, 2000) },
    });
  });
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
  if (!row || row.payment.method !== 'stripe' || row.payment.state !== 'paid' || row.payment.stripeTransferId)
    return false;
  if (!row.accountId) return false;
  const stripe = requireStripe();
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
 * recorded (oldest first; Stripe keeps 30 days), retries transfers still owed, and tells Stripe
 * about attempts cancelled here while it could not be reached.
 */
export async function reconcileStripe(options: { days?: number } = {}) {
  const stripe = requireStripe();
  const since = Math.floor(now().getTime() / 1000) - (options.days ?? 3) * 86_400;
  const events: unknown[] = [];
  for await (const event of stripe.events.list({ created: { gte: since }, types: [...handledEventTypes], limit: 100 }))
    events.push(event);
  const parsed = events.map(parseStripeEvent);
  const usable = parsed.flatMap((p) => (p.ok ? [p.event] : []));
  usable.sort((a, b) => a.created - b.created);
  let applied = 0;
  let refused = parsed.length - usable.length;
  for (const event of usable) {
    const received = await receiveStripeEvent(event);
    if (received.status === 'applied') applied += 1;
    if (received.status === 'refused') refused += 1;
  }
  const owed = db
    .select({ id: payments.id })
    .from(payments)
    .innerJoin(paidEntries, eq(paidEntries.paymentId, payments.id))
    .where(and(eq(payments.method, 'stripe'), eq(payments.state, 'paid'), isNull(payments.stripeTransferId)))
    .all();
  let transferred = 0;
  for (const { id } of owed) if (await transferSafely(id)) transferred += 1;
  return {
    seen: events.length,
    applied,
    refused,
    transferred,
    stillOwed: owed.length - transferred,
    ...(await endLocalCancels()),
  };
}

/** Attempts cancelled here only (Stripe was unreachable): Stripe is asked again to end them. */
async function endLocalCancels() {
  const local = db
    .select()
    .from(payments)
    .where(and(eq(payments.state, 'cancelled'), eq(payments.stripeCancelled, false)))
    .all();
  let endedAtStripe = 0;
  for (const payment of local) {
    const ended = await endAtStripe(payment).catch(() => false);
    if (!ended) continue;
    durably((tx) => {
      tx.update(payments).set({ stripeCancelled: true }).where(eq(payments.id, payment.id)).run();
      audit(tx, {
        actorId: null,
        action: 'payment.stripeCancelled',
        subjectType: 'payment',
        subjectId: payment.id,
        before: { stripeCancelled: false },
        after: { stripeCancelled: true },
      });
    });
    endedAtStripe += 1;
  }
  return { endedAtStripe };
}
