// `npm run payments:reconcile [-- --days N]`: applies the Stripe events of the last N days (default 3)
// that the webhook never delivered, retries transfers still owed to organizations, and asks Stripe again to
// close the payment pages of attempts cancelled while it was unreachable. Safe to rerun.
import { reconcileStripe } from '../app/payments/stripe-payments.server';
import { stripeEnabled } from '../app/payments/stripe.server';

if (!stripeEnabled()) {
  console.log('Stripe is not configured (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET); nothing to reconcile.');
  process.exit(0);
}

const daysFlag = process.argv.indexOf('--days');
const days = daysFlag >= 0 ? Number(process.argv[daysFlag + 1]) : 3;
if (!Number.isInteger(days) || days < 1 || days > 30) {
  console.error('--days must be a whole number from 1 to 30 (Stripe keeps events for 30 days).');
  process.exit(1);
}

const result = await reconcileStripe({ days });
console.log(
  `Stripe events seen: ${result.seen}, newly applied: ${result.applied}, refused: ${result.refused}; ` +
    `transfers sent: ${result.transferred}, still owed: ${result.stillOwed}; ` +
    `attempts cancelled here now closed at Stripe: ${result.endedAtStripe}.`,
);
