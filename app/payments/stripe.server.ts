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
  return { secretKey, webhookSecret, apiBase: process.env.STRIPE_API_BASE ?? '' };
}

export function stripeEnabled() {
  return stripeSettings() !== null;
}

export function paymentCurrency() {
  return (process.env.PAYMENT_CURRENCY ?? 'cny').toLowerCase();
}

let cached: { key: string; client: Stripe } | null = null;

function createClient(secretKey: string, apiBase: string) {
  const base = apiBase ? new URL(apiBase) : null;
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === 'http:' ? 80 : 443),
      protocol: base.protocol === 'http:' ? 'http' : 'https',
    }),
  });
}

/** The client, or a 404 UserError where Stripe is not configured. */
export function getStripe() {
  const settings = stripeSettings();
  if (!settings) throw new UserError('payments.errors.stripeDisabled', 404);
  const key = `${settings.secretKey}\n${settings.apiBase}`;
  if (cached?.key !== key) cached = { key, client: createClient(settings.secretKey, settings.apiBase) };
  return cached.client;
}

export function webhookSecret() {
  const settings = stripeSettings();
  if (!settings) throw new UserError('payments.errors.stripeDisabled', 404);
  return settings.webhookSecret;
}
