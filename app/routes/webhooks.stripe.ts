import type { Route } from './+types/webhooks.stripe';
import { handleStripeWebhook } from '~/payments/stripe-payments.server';

/** Stripe posts events here; the raw body is verified against the signature before use. */
export async function action({ request }: Route.ActionArgs) {
  if (request.method !== 'POST') return new Response('Method Not Allowed', { status: 405 });
  return handleStripeWebhook(request);
}

export function loader() {
  return new Response('Not Found', { status: 404 });
}
