import { and, eq, inArray } from 'drizzle-orm';
import { bids, tenderQuestions, tenderReviewers, tenders } from '../../db/schema/procurement';
import type { BidState } from './machine';
import type { DB } from '~/lib/db.server';
import { notifyOrganization, type NotificationData } from '~/notifications/notify.server';

/** Organizations with a bid in one of these states (by default any: draft, submitted or withdrawn). */
export function biddingOrganizationIds(tx: DB, tenderId: number, states?: readonly BidState[]) {
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

/**
 * Tells the organizations following the tender (bidders and askers) of an amendment or a
 * cancellation. Who they are is sealed until the deadline, so the notices are too.
 */
export function notifyInterested<T extends 'tender_amended' | 'tender_cancelled'>(
  tx: DB,
  tenderId: number,
  template: T,
  data: NotificationData[T],
) {
  notifyOrganization(tx, interestedOrganizationIds(tx, tenderId), template, data, { sealedTenderId: tenderId });
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
