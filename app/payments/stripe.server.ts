import Stripe from 'stripe';
import { UserError } from '~/lib/errors';

/**
 * Stripe exists only where the deployment set both keys. `STRIPE_API_BASE` points the SDK at
 * another Stripe-compatible server (the tests start one); `PAYMENT_CURRENCY` is the currency
 * amounts are charged in, whose minor unit must be the fen-like hundredth (default cny).
 */
function stripeSettings() {
  const secretKey = process.env.STRIPE_SECRET_KEY;
  const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secretKey || !webhookSecret) return null;
  return {
    secretKey,
    webhookSecret,
    apiBase: process.env.STRIPE_API_BASE ?? '',
    timeoutMs: wholeSetting('STRIPE_TIMEOUT_MS', 8_000),
    maxNetworkRetries: wholeSetting('STRIPE_MAX_NETWORK_RETRIES', 1),
  };
}

/**
 * A person waits on these calls: one try plus the retries, each at most the timeout (defaults:
 * 8 s and 1 retry, so about 17 s at worst). Retries are safe: every write sends an idempotency key.
 */
function wholeSetting(name: string, fallback: number) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

export function stripeEnabled() {
  return stripeSettings() !== null;
}

export function paymentCurrency() {
  return (process.env.PAYMENT_CURRENCY ?? 'cny').toLowerCase();
}

let cached: { key: string; client: Stripe } | null = null;

function createClient(settings: NonNullable<ReturnType<typeof stripeSettings>>) {
  const base = settings.apiBase ? new URL(settings.apiBase) : null;
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: settings.maxNetworkRetries,
    timeout: settings.timeoutMs,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === 'http:' ? 80 : 443),
      protocol: base.protocol === 'http:' ? 'http' : 'https',
    }),
  });
}

/** The client, or a 404 UserError where Stripe is not configured. */
export function requireStripe() {
  const settings = stripeSettings();
  if (!settings) throw new UserError('payments.errors.stripeDisabled', 404);
  const key = JSON.stringify([settings.secretKey, settings.apiBase, settings.timeoutMs, settings.maxNetworkRetries]);
  if (cached?.key !== key) cached = { key, client: createClient(settings) };
  return cached.client;
}

export function webhookSecret() {
  const settings = stripeSettings();
  if (!settings) throw new UserError('payments.errors.stripeDisabled', 404);
  return settings.webhookSecret;
}

/** Stripe could not be reached in time, or answered that it is failing or busy: worth trying later. */
export function stripeUnreachable(error: unknown) {
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError
  );
}

/**
 * Runs a Stripe call and turns Stripe's failures into a message for the person: unreachable or
 * slow (503), or refused (502, logged: a refusal is our bug or a configuration problem).
 */
export async function callStripe<T>(call: (stripe: Stripe) => Promise<T>): Promise<T> {
  const stripe = requireStripe();
  try {
    return await call(stripe);
  } catch (error) {
    throw stripeUserError(error);
  }
}

export function stripeUserError(error: unknown) {
  if (error instanceof UserError) return error;
  if (stripeUnreachable(error)) return new UserError('payments.errors.stripeUnavailable', 503);
  if (error instanceof Stripe.errors.StripeError) {
    console.error('Stripe refused a request', error.type, error.message);
    return new UserError('payments.errors.stripeRefused', 502);
  }
  return error;
}
