import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { bidScores, bids, organizationMembers, tenders } from '../../db/schema';
import { openBids } from './bids.server';
import { draftContract } from './contracts.server';
import { tenderMachine, type Criterion, type TenderState } from './machine';
import { rankBids, type ScoreRow } from './scoring';
import { unsealBid } from './seal.server';
import { getTender } from './tenders.server';
import { requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import { notifyOrganization } from '~/notifications/notify.server';
import { assertWithinBudget } from '~/payments/budget.server';
import { budgetYear } from '~/payments/ledger.server';

type Tender = typeof tenders.$inferSelect;

export function evaluationView(viewer: Viewer, tenderId: number) {
  const tender = getTender(tenderId);
  const opened = openBids(viewer, tender);
  const scores = opened.length
    ? (db
        .select({
          bidId: bidScores.bidId,
          reviewerId: bidScores.reviewerId,
          criterion: bidScores.criterion,
          score: bidScores.score,
        })
        .from(bidScores)
        .where(
          inArray(
            bidScores.bidId,
            opened.map((b) => b.id),
          ),
        )
        .all() as ScoreRow[])
    : [];
  const ranking = rankBids(
    opened.map((b) => ({ id: b.id, priceFen: b.content.priceFen })),
    scores,
    tender.weights,
  );
  const mine = scores.filter((s) => s.reviewerId === viewer.id);
  return { tender, bids: opened, ranking, myScores: mine };
}

/** A reviewer who belongs to the bidding organization may not score its bid. */
export function scoreBid(
  viewer: Viewer,
  tenderId: number,
  input: { bidId: number; comment: string } & Record<Exclude<Criterion, 'price'>, number>,
) {
  const tender = getTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner', 'reviewer']);
  const bid = openBids(viewer, tender).find((b) => b.id === input.bidId);
  if (!bid) throw new UserError('errors.notFound', 404);
  const member = db
    .select()
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, bid.organizationId), eq(organizationMembers.userId, viewer.id)))
    .get();
  if (member) throw new UserError('errors.conflictOfInterest', 403);
  durably((tx) => {
    if (tender.state === 'closed') {
      const state = transition(tenderMachine, 'closed', 'startEvaluation', 'commissioner');
      tx.update(tenders).set({ state }).where(eq(tenders.id, tender.id)).run();
    } else if (tender.state !== 'evaluating') {
      throw new UserError('errors.illegalTransition', 409);
    }
    for (const criterion of ['plan', 'team', 'track_record'] as const) {
      tx.insert(bidScores)
        .values({ bidId: bid.id, reviewerId: viewer.id, criterion, score: input[criterion], comment: input.comment })
        .onConflictDoUpdate({
          target: [bidScores.bidId, bidScores.reviewerId, bidScores.criterion],
          set: { score: input[criterion], comment: input.comment },
        })
        .run();
    }
    audit(tx, { actorId: viewer.id, action: 'bid.score', subjectType: 'bid', subjectId: bid.id });
  });
}

/** Proposes the award; with no objection period it becomes final at once. */
export function proposeAward(viewer: Viewer, tenderId: number, bidId: number) {
  const tender = getTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  const bid = openBids(viewer, tender).find((b) => b.id === bidId);
  if (!bid) throw new UserError('errors.notFound', 404);
  return durably((tx) => {
    const state = transition(tenderMachine, tender.state as TenderState, 'proposeAward', 'commissioner');
    assertWithinBudget(tx, tender.departmentId, budgetYear(now()), bid.content.priceFen);
    tx.update(tenders)
      .set({ state, awardedBidId: bid.id, awardProposedAt: now() })
      .where(eq(tenders.id, tender.id))
      .run();
    audit(tx, {
      actorId: viewer.id,
      action: 'tender.proposeAward',
      subjectType: 'tender',
      subjectId: tender.id,
      data: { bidId },
    });
    if (tender.objectionDays === 0)
      return finalizeAward(tx, { ...tender, state, awardedBidId: bid.id }, bid.content.priceFen, viewer.id);
    return null;
  });
}

/** The clock's part: an award whose objection period has ended becomes final. */
export function finalizeDueAwards() {
  const due = db
    .select()
    .from(tenders)
    .where(
      and(
        eq(tenders.state, 'award_proposed'),
        lte(sql`${tenders.awardProposedAt} + ${tenders.objectionDays} * 86400000`, now().getTime()),
      ),
    )
    .all();
  for (const tender of due) {
    const bid = db.select().from(bids).where(eq(bids.id, tender.awardedBidId!)).get()!;
    durably((tx) => finalizeAward(tx, tender, unsealBid(tender.id, bid.organizationId, bid.sealed).priceFen, null));
  }
}

/** Award becomes final and the contract is drawn up, awaiting the organization's confirmation. */
function finalizeAward(tx: DB, tender: Tender, priceFen: number, actorId: number | null) {
  const awarded = transition(
    tenderMachine,
    tender.state as TenderState,
    'finalizeAward',
    actorId ? 'commissioner' : 'clock',
  );
  const bid = tx.select().from(bids).where(eq(bids.id, tender.awardedBidId!)).get()!;
  const contract = draftContract(tx, {
    unionId: tender.unionId,
    departmentId: tender.departmentId,
    organizationId: bid.organizationId,
    tenderId: tender.id,
    bidId: bid.id,
    title: tender.title,
    category: tender.category,
    amountFen: priceFen,
    sessions: tender.sessions,
    minWorkerVisits: tender.minWorkerVisits,
    periodStart: tender.periodStart,
    periodEnd: tender.periodEnd,
  });
  const state = transition(tenderMachine, awarded, 'contract', 'commissioner');
  tx.update(tenders).set({ state }).where(eq(tenders.id, tender.id)).run();
  audit(tx, {
    actorId,
    action: 'tender.awarded',
    subjectType: 'tender',
    subjectId: tender.id,
    data: { contractId: contract.id },
  });
  notifyOrganization(
    tx,
    bid.organizationId,
    'contract_ready',
    { title: tender.title, amountFen: priceFen, path: `/contracts/${contract.id}` },
    ['owner'],
  );
  return contract.id;
}

// Kept importable from here for the demo seed; defined with the contracts.
export { createStandardMilestones } from './contracts.server';
