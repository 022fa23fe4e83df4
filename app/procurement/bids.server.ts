import { and, eq } from 'drizzle-orm';
import { organizations } from '../../db/schema/organizations';
import { bids, tenderReviewers } from '../../db/schema/procurement';
import { bidMachine } from './machine';
import { tenderPath } from './notices.server';
import { bidReceipt, sealBid, unsealBid, type BidContent } from './seal.server';
import { biddingOpen, bidsOpenable, mayReadBids } from './permissions';
import { requireTender, type Tender } from './tenders.server';
import { assertEligible } from './eligibility.server';
import { forbidden, requireOrgMember, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { enforce } from '~/lib/permission';
import { transition } from '~/lib/machine';
import { notify } from '~/notifications/notify.server';
import './audit-subjects.server';

function findBid(tx: DB, tenderId: number, organizationId: number) {
  return tx
    .select()
    .from(bids)
    .where(and(eq(bids.tenderId, tenderId), eq(bids.organizationId, organizationId)))
    .get();
}

/** Checks that the server's clock is before the deadline and that the organization may bid at all. */
function openTenderFor(viewer: Viewer, tenderId: number, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  const tender = requireTender(tenderId);
  if (!biddingOpen(tender, now())) throw new UserError('errors.biddingClosed', 409);
  assertEligible(tender, organizationId);
  return tender;
}

/** Seals and stores the bid with the given transition (`saveDraft` or `submit`). */
function writeBid(
  viewer: Viewer,
  tender: Tender,
  organizationId: number,
  content: BidContent,
  name: 'saveDraft' | 'submit',
) {
  const sealed = sealBid(tender.id, organizationId, content);
  const receipt = bidReceipt(tender.id, organizationId, content);
  const at = now();
  return durably((tx) => {
    const existing = findBid(tx, tender.id, organizationId);
    const state = transition(bidMachine, existing?.state ?? 'draft', name, 'bidder');
    const values = {
      sealed,
      state,
      ...(name === 'submit' ? { submittedAt: at, submittedBy: viewer.id } : {}),
    };
    const bid = existing
      ? tx.update(bids).set(values).where(eq(bids.id, existing.id)).returning().get()
      : tx
          .insert(bids)
          .values({ tenderId: tender.id, organizationId, ...values })
          .returning()
          .get();
    audit(tx, {
      actorId: viewer.id,
      action: name === 'submit' ? 'bid.submit' : 'bid.saveDraft',
      subjectType: 'bid',
      subjectId: bid.id,
      // Sealed: the audit trail records the bid's state and ids, nothing of or from its content.
      before: existing ? { state: existing.state } : undefined,
      after: { state, tenderId: tender.id, organizationId },
    });
    if (name === 'submit')
      notify(
        tx,
        viewer.id,
        'bid_receipt',
        { title: tender.title, receipt, submittedAt: at.toISOString(), path: tenderPath(tender.id) },
        { sealedTenderId: tender.id },
      );
    return { bidId: bid.id, receipt, submittedAt: at };
  });
}

/** Keeps the bid sealed as a draft, which nobody at the union counts or reads. */
export function saveBidDraft(viewer: Viewer, tenderId: number, organizationId: number, content: BidContent) {
  const tender = openTenderFor(viewer, tenderId, organizationId);
  return writeBid(viewer, tender, organizationId, content, 'saveDraft');
}

/** Seals and submits (or resubmits) the organization's bid; returns the receipt. */
export function submitBid(viewer: Viewer, tenderId: number, organizationId: number, content: BidContent) {
  const tender = openTenderFor(viewer, tenderId, organizationId);
  if (content.priceFen > tender.budgetFen) throw new UserError('procurement.errors.overBudget');
  return writeBid(viewer, tender, organizationId, content, 'submit');
}

export function withdrawBid(viewer: Viewer, tenderId: number, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  const tender = requireTender(tenderId);
  if (!biddingOpen(tender, now())) throw new UserError('errors.biddingClosed', 409);
  durably((tx) => {
    const bid = findBid(tx, tenderId, organizationId);
    if (!bid) throw new UserError('errors.notFound', 404);
    const state = transition(bidMachine, bid.state, 'withdraw', 'bidder');
    tx.update(bids).set({ state }).where(eq(bids.id, bid.id)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'bid.withdraw',
      subjectType: 'bid',
      subjectId: bid.id,
      before: { state: bid.state },
      after: { state, tenderId, organizationId },
    });
  });
}

/** The organization's own bid and its receipt, opened for its own members only. */
export function requireOwnBid(viewer: Viewer, tenderId: number, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  const bid = findBid(db, tenderId, organizationId);
  if (!bid) return null;
  const content = unsealBid(tenderId, organizationId, bid.sealed);
  return { ...bid, content, receipt: bidReceipt(tenderId, organizationId, content) };
}

export function isPanelMember(viewer: Viewer, tenderId: number) {
  return !!db
    .select({ userId: tenderReviewers.userId })
    .from(tenderReviewers)
    .where(and(eq(tenderReviewers.tenderId, tenderId), eq(tenderReviewers.userId, viewer.id)))
    .get();
}

/**
 * Opens the submitted bids for the union's commissioners and the tender's review panel — only
 * once the deadline has passed by the server's clock. This is the one place bid content is
 * unsealed for the union.
 */
export function openBids(viewer: Viewer, tender: Tender) {
  enforce(mayReadBids(viewer, tender, { member: isPanelMember(viewer, tender.id) }, now()));
  return db
    .select({ bid: bids, organizationName: organizations.name })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.organizationId))
    .where(and(eq(bids.tenderId, tender.id), eq(bids.state, 'submitted')))
    .all()
    .map(({ bid, organizationName }) => ({
      id: bid.id,
      organizationId: bid.organizationId,
      organizationName,
      submittedAt: bid.submittedAt,
      content: unsealBid(tender.id, bid.organizationId, bid.sealed),
    }));
}

export type OpenedBid = ReturnType<typeof openBids>[number];

/** The awarded bid's price, published with the award (never before it). */
export function awardedPrice(tender: Tender) {
  if (!tender.awardedBidId || !bidsOpenable(tender, now())) return null;
  const bid = db.select().from(bids).where(eq(bids.id, tender.awardedBidId)).get();
  return bid ? unsealBid(tender.id, bid.organizationId, bid.sealed).priceFen : null;
}

/**
 * The submitted bids' prices without the rest of their content, for the published award and each
 * bidder's own scores (the price score depends on the lowest price). After the deadline only.
 */
export function submittedPrices(tender: Tender) {
  if (!bidsOpenable(tender, now())) forbidden();
  return db
    .select({ bid: bids, organizationName: organizations.name })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.organizationId))
    .where(and(eq(bids.tenderId, tender.id), eq(bids.state, 'submitted')))
    .all()
    .map(({ bid, organizationName }) => ({
      id: bid.id,
      organizationId: bid.organizationId,
      organizationName,
      priceFen: unsealBid(tender.id, bid.organizationId, bid.sealed).priceFen,
    }));
}
