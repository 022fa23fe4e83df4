import { z } from 'zod';

/**
 * What we read from a Stripe event, checked before use: a correctly signed event can still be
 * something we cannot act on (another API version, a hand-made test event, a bug at either end).
 * Fields we do not read are let through unchecked.
 */
const stripeId = z.string().min(1).max(255);

export const checkoutSessionSchema = z.object({
  object: z.literal('checkout.session'),
  id: stripeId,
  client_reference_id: z.string().max(255).nullish(),
  payment_status: z.enum(['paid', 'unpaid', 'no_payment_required']),
  amount_total: z.number().int().nonnegative().nullable(),
  currency: z.string().length(3).nullable(),
  payment_intent: z.union([stripeId, z.object({ id: stripeId })]).nullish(),
});

export const accountSchema = z.object({
  object: z.literal('account'),
  id: stripeId,
  details_submitted: z.boolean().nullish(),
  charges_enabled: z.boolean().nullish(),
  payouts_enabled: z.boolean().nullish(),
});

const envelope = z.object({
  object: z.literal('event'),
  id: stripeId,
  type: z.string().min(1).max(255),
  created: z.number().int().positive(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export const sessionPaidTypes = ['checkout.session.completed', 'checkout.session.async_payment_succeeded'] as const;
export const sessionFailedTypes = ['checkout.session.expired', 'checkout.session.async_payment_failed'] as const;
export const handledEventTypes = [...sessionPaidTypes, ...sessionFailedTypes, 'account.updated'] as const;

const sessionEvent = envelope.extend({
  type: z.enum([...sessionPaidTypes, ...sessionFailedTypes]),
  data: z.object({ object: checkoutSessionSchema }),
});
const accountEvent = envelope.extend({ type: z.literal('account.updated'), data: z.object({ object: accountSchema }) });

export type CheckoutSession = z.infer<typeof checkoutSessionSchema>;
export type StripeAccount = z.infer<typeof accountSchema>;
export type StripeEvent =
  | (z.infer<typeof sessionEvent> & { kind: 'session' })
  | (z.infer<typeof accountEvent> & { kind: 'account' })
  | (z.infer<typeof envelope> & { kind: 'other' });

const sessionTypes: readonly string[] = [...sessionPaidTypes, ...sessionFailedTypes];

/** The event, or what is wrong with it in a sentence for Stripe's delivery log. */
export function parseStripeEvent(raw: unknown): { ok: true; event: StripeEvent } | { ok: false; problem: string } {
  const outer = envelope.safeParse(raw);
  if (!outer.success) return { ok: false, problem: `Not a Stripe event: ${z.prettifyError(outer.error)}` };
  const { type } = outer.data;
  if (sessionTypes.includes(type)) {
    const inner = sessionEvent.safeParse(raw);
    if (inner.success) return { ok: true, event: { ...inner.data, kind: 'session' } };
    return { ok: false, problem: `Unexpected ${type} event: ${z.prettifyError(inner.error)}` };
  }
  if (type === 'account.updated') {
    const inner = accountEvent.safeParse(raw);
    if (inner.success) return { ok: true, event: { ...inner.data, kind: 'account' } };
    return { ok: false, problem: `Unexpected ${type} event: ${z.prettifyError(inner.error)}` };
  }
  return { ok: true, event: { ...outer.data, kind: 'other' } };
}

const mention = z.object({
  data: z.object({
    object: z.object({
      id: z.string().max(255).optional().catch(undefined),
      client_reference_id: z.string().max(255).nullish().catch(undefined),
    }),
  }),
});

/** The Checkout Session (and our payment id) a malformed event names, read leniently, if any. */
export function sessionMentioned(raw: unknown) {
  const parsed = mention.safeParse(raw);
  if (!parsed.success) return null;
  const { id, client_reference_id } = parsed.data.data.object;
  return { sessionId: id ?? null, reference: client_reference_id ?? null };
}
