import { and, eq, inArray } from 'drizzle-orm';
import { bids, organizationMembers, tenderQuestions, tenderReviewers, tenders } from '../../db/schema';
import type { DB } from '~/lib/db.server';
import { notify, type NotificationData, type NotificationTemplate } from '~/notifications/notify.server';

/** Every member (owner or member) of these organizations, once each. */
export function memberIds(tx: DB, organizationIds: number[]) {
  if (!organizationIds.length) return [];
  const rows = tx
    .select({ userId: organizationMembers.userId })
    .from(organizationMembers)
    .where(inArray(organizationMembers.organizationId, organizationIds))
    .all();
  return [...new Set(rows.map((r) => r.userId))];
}

/** Organizations with a bid in one of these states (by default any: draft, submitted or withdrawn). */
export function biddingOrganizationIds(tx: DB, tenderId: number, states?: readonly string[]) {
  return tx
    .select({ organizationId: bids.organizationId })
    .from(bids)
    .where(and(eq(bids.tenderId, tenderId), states ? inArray(bids.state, [...states]) : undefined))
    .all()
    .map((r) => r.organizationId);
}

/** Organizations that are known to follow the tender: bidders (in any state) and askers. */
export function interestedOrganizationIds(tx: DB, tenderId: number) {
  const askers = tx
    .select({ organizationId: tenderQuestions.organizationId })
    .from(tenderQuestions)
    .where(eq(tenderQuestions.tenderId, tenderId))
    .all()
    .map((r) => r.organizationId);
  return [...new Set([...biddingOrganizationIds(tx, tenderId), ...askers])];
}

export function notifyOrganizations<T extends NotificationTemplate>(
  tx: DB,
  organizationIds: number[],
  template: T,
  data: NotificationData[T],
) {
  for (const userId of memberIds(tx, organizationIds)) notify(tx, userId, template, data);
}

/** The tender's commissioner (its creator) and its review panel. */
export function tenderStaffIds(tx: DB, tenderId: number) {
  const tender = tx.select({ createdBy: tenders.createdBy }).from(tenders).where(eq(tenders.id, tenderId)).get();
  const panel = tx
    .select({ userId: tenderReviewers.userId })
    .from(tenderReviewers)
    .where(eq(tenderReviewers.tenderId, tenderId))
    .all()
    .map((r) => r.userId);
  return [...new Set([...(tender ? [tender.createdBy] : []), ...panel])];
}

export const tenderPath = (tenderId: number) => `/tenders/${tenderId}`;
