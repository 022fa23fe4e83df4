import { and, eq } from 'drizzle-orm';
import type { tenders } from '../../db/schema';
import { bids, incubators, organizations, residencies } from '../../db/schema';
import { bidMachine, type BidState } from './machine';
import { bidHash, sealBid, unsealBid, type BidContent } from './seal.server';
import { biddingOpen, getTender } from './tenders.server';
import { forbidden, requireOrgMember, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import { notify } from '~/notifications/notify.server';

type Tender = typeof tenders.$inferSelect;

function assertEligible(tender: Tender, organizationId: number) {
  const org = db.select().from(organizations).where(eq(organizations.id, organizationId)).get();
  if (!org || org.status !== 'active') throw new UserError('errors.notEligible', 403);
  if (tender.eligibility === 'registered' && org.type === 'grassroots') throw new UserError('errors.notEligible', 403);
  if (tender.eligibility === 'residents') {
    const resident = db
      .select({ id: residencies.id })
      .from(residencies)
      .innerJoin(incubators, eq(incubators.id, residencies.incubatorId))
      .where(
        and(
          eq(residencies.organizationId, organizationId),
          eq(residencies.state, 'active'),
          eq(incubators.unionId, tender.unionId),
        ),
      )
      .get();
    if (!resident) throw new UserError('errors.notEligible', 403);
  }
}

/** Seals and submits (or resubmits) the organization's bid; returns the receipt. */
export function submitBid(viewer: Viewer, tenderId: number, organizationId: number, content: BidContent) {
  requireOrgMember(viewer, organizationId);
  const tender = getTender(tenderId);
  if (!biddingOpen(tender)) throw new UserError('errors.biddingClosed', 409);
  assertEligible(tender, organizationId);
  const sealed = sealBid(tenderId, organizationId, content);
  const contentHash = bidHash(content);
  const submittedAt = now();
  return durably((tx) => {
    const existing = tx
      .select()
      .from(bids)
      .where(and(eq(bids.tenderId, tenderId), eq(bids.organizationId, organizationId)))
      .get();
    const state = transition(bidMachine, (existing?.state ?? 'draft') as BidState, 'submit', 'bidder');
    const values = { sealed, contentHash, state, submittedAt, submittedBy: viewer.id };
    const bid = existing
      ? tx.update(bids).set(values).where(eq(bids.id, existing.id)).returning().get()
      : tx
          .insert(bids)
          .values({ tenderId, organizationId, ...values })
          .returning()
          .get();
    audit(tx, {
      actorId: viewer.id,
      action: 'bid.submit',
      subjectType: 'bid',
      subjectId: bid.id,
      data: { contentHash },
    });
    notify(tx, viewer.id, 'bid_receipt', {
      title: tender.title,
      hash: contentHash,
      submittedAt: submittedAt.toISOString(),
      path: `/tenders/${tenderId}`,
    });
    return { bidId: bid.id, contentHash, submittedAt };
  });
}

export function withdrawBid(viewer: Viewer, tenderId: number, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  const tender = getTender(tenderId);
  if (!biddingOpen(tender)) throw new UserError('errors.biddingClosed', 409);
  durably((tx) => {
    const bid = tx
      .select()
      .from(bids)
      .where(and(eq(bids.tenderId, tenderId), eq(bids.organizationId, organizationId)))
      .get();
    if (!bid) throw new UserError('errors.notFound', 404);
    const state = transition(bidMachine, bid.state as BidState, 'withdraw', 'bidder');
    tx.update(bids).set({ state }).where(eq(bids.id, bid.id)).run();
    audit(tx, { actorId: viewer.id, action: 'bid.withdraw', subjectType: 'bid', subjectId: bid.id });
  });
}

/** The organization's own bid, opened for its own members only. */
export function getOwnBid(viewer: Viewer, tenderId: number, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  const bid = db
    .select()
    .from(bids)
    .where(and(eq(bids.tenderId, tenderId), eq(bids.organizationId, organizationId)))
    .get();
  if (!bid) return null;
  return { ...bid, content: unsealBid(tenderId, organizationId, bid.sealed) };
}

/**
 * Opens the submitted bids for the union's commissioner and reviewers — only once the deadline has
 * passed by the server's clock. This is the one place bid content is unsealed for the union.
 */
export function openBids(viewer: Viewer, tender: Tender) {
  requireUnionRole(viewer, tender.unionId, ['commissioner', 'reviewer']);
  if (now().getTime() < tender.deadlineAt.getTime() || tender.state === 'draft' || tender.state === 'published') {
    forbidden();
  }
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
      contentHash: bid.contentHash,
      submittedAt: bid.submittedAt,
      content: unsealBid(tender.id, bid.organizationId, bid.sealed),
    }));
}
