import { eq, sql } from 'drizzle-orm';
import { organizations } from '../../db/schema/organizations';
import { stripeAccounts } from '../../db/schema/payments';
import type { StripeAccount } from './stripe-events';
import { callStripe, stripeEnabled } from './stripe.server';
import { requireOrgMember, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably, type DB } from '~/lib/db.server';
import { linkStripeAccount, requireOrganization } from '~/organizations/organizations.server';
import '~/organizations/audit-subjects.server';

/**
 * Stores an account snapshot taken at `at` (Stripe seconds) unless a newer one is already stored,
 * so an `account.updated` arriving late never rolls the state back.
 */
export function applyAccountState(tx: DB, account: StripeAccount, at: number) {
  const organization = tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.stripeAccountId, account.id))
    .get();
  if (!organization) return;
  const state = {
    detailsSubmitted: Boolean(account.details_submitted),
    chargesEnabled: Boolean(account.charges_enabled),
    payoutsEnabled: Boolean(account.payouts_enabled),
    stateAt: at,
  };
  tx.insert(stripeAccounts)
    .values({ accountId: account.id, organizationId: organization.id, ...state })
    .onConflictDoUpdate({
      target: stripeAccounts.accountId,
      set: state,
      setWhere: sql`${stripeAccounts.stateAt} <= ${at}`,
    })
    .run();
}

/** The organization's Connect onboarding state, or null where Stripe is not configured. */
export function connectState(organizationId: number) {
  if (!stripeEnabled()) return null;
  const organization = requireOrganization(organizationId);
  const account = organization.stripeAccountId
    ? db.select().from(stripeAccounts).where(eq(stripeAccounts.accountId, organization.stripeAccountId)).get()
    : undefined;
  const status = !organization.stripeAccountId
    ? 'none'
    : account?.detailsSubmitted && account.payoutsEnabled
      ? 'ready'
      : account?.detailsSubmitted
        ? 'restricted'
        : 'incomplete';
  return {
    status,
    chargesEnabled: account?.chargesEnabled ?? false,
    payoutsEnabled: account?.payoutsEnabled ?? false,
  } as const;
}

/**
 * An owner connects (or finishes connecting) the organization's Stripe account: the account is
 * created once (idempotency key per organization) and Stripe's onboarding page is returned.
 */
export async function startOnboarding(viewer: Viewer, organizationId: number, origin: string) {
  requireOrgMember(viewer, organizationId, ['owner']);
  const organization = requireOrganization(organizationId);
  let accountId = organization.stripeAccountId;
  if (!accountId) {
    const account = await callStripe((stripe) =>
      stripe.accounts.create(
        {
          type: 'express',
          ...(organization.contactEmail && { email: organization.contactEmail }),
          business_profile: { name: organization.name },
          metadata: { organizationId: String(organization.id) },
        },
        { idempotencyKey: `organization-${organization.id}-connect` },
      ),
    );
    accountId = durably((tx) => {
      linkStripeAccount(tx, organization.id, account.id);
      applyAccountState(tx, account, Math.floor(now().getTime() / 1000));
      audit(tx, {
        actorId: viewer.id,
        action: 'organization.stripeConnect',
        subjectType: 'organization',
        subjectId: organization.id,
        data: { accountId: account.id },
      });
      return requireOrganization(organization.id).stripeAccountId!;
    });
  }
  const link = await callStripe((stripe) =>
    stripe.accountLinks.create({
      account: accountId,
      type: 'account_onboarding',
      refresh_url: `${origin}/orgs/${organization.id}/payments?stripe=refresh`,
      return_url: `${origin}/orgs/${organization.id}/payments?stripe=return`,
    }),
  );
  return link.url;
}

/** Back from onboarding: asks Stripe for the account's state now rather than waiting for the webhook. */
export async function refreshAccountState(viewer: Viewer, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  if (!stripeEnabled()) return;
  const accountId = requireOrganization(organizationId).stripeAccountId;
  if (!accountId) return;
  const account = await callStripe((stripe) => stripe.accounts.retrieve(accountId));
  durably((tx) => applyAccountState(tx, account, Math.floor(now().getTime() / 1000)));
}
