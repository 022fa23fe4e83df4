import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { organizations } from '../../db/schema/organizations';
import { bids, objections, tenders } from '../../db/schema/procurement';
import { openBids, submittedPrices } from './bids.server';
import { draftAwardContract, issueContractIn } from './contracts.server';
import { listPanel, panelDone, panelProgress, scoresFor } from './evaluation.server';
import { objectionMachine, tenderMachine } from './machine';
import { awardPublished, objectionPeriodOpen } from './permissions';
import { biddingOrganizationIds, tenderPath, tenderStaffIds } from './notices.server';
import { rankBids } from './scoring';
import { requireTender, type Tender } from './tenders.server';
import { notFound, requireOrgMember, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { canTransition, transition } from '~/lib/machine';
import { notify, notifyOrganization } from '~/notifications/notify.server';
import { recomputeTender } from '~/risk/recompute.server';
import { assertWithinBudget } from '~/payments/budget.server';
import { budgetYear } from '~/payments/ledger.server';
import './audit-subjects.server';

const dayMs = 24 * 3600_000;

function organizationName(tx: DB, organizationId: number) {
  return tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId)).get()!
    .name;
}

/** Ranks the submitted bids by the panel's scores; after the deadline only. */
function rankingOf(tender: Tender) {
  const priced = submittedPrices(tender);
  const scores = scoresFor(priced.map((b) => b.id));
  return {
    priced,
    scores,
    ranking: rankBids(
      priced.map((b) => ({ id: b.id, priceFen: b.priceFen })),
      scores,
      tender.weights,
    ),
  };
}

/**
 * The commissioner proposes the top-ranked bid once every panel member has declared and scored.
 * The award is published for `objectionDays` days (公示); with none it is final at once, and the
 * commissioner's act also issues the contract with the standard payment plan.
 */
export function proposeAward(viewer: Viewer, tenderId: number, bidId: number) {
  const tender = requireTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  const opened = openBids(viewer, tender);
  const { ranking, scores } = rankingOf(tender);
  if (!panelDone(panelProgress(listPanel(tender.id), opened, scores)))
    throw new UserError('procurement.errors.panelNotDone', 409);
  const chosen = ranking.find((r) => r.bidId === bidId);
  if (!chosen) throw new UserError('errors.notFound', 404);
  if (chosen.rank !== 1) throw new UserError('procurement.errors.notTopRanked', 409);
  const winner = opened.find((b) => b.id === bidId)!;
  return durably((tx) => {
    const state = transition(tenderMachine, tender.state, 'proposeAward', 'commissioner');
    const at = now();
    assertWithinBudget(tx, tender.departmentId, budgetYear(at), winner.content.priceFen);
    const objectionEndsAt = new Date(at.getTime() + tender.objectionDays * dayMs);
    tx.update(tenders)
      .set({ state, awardedBidId: bidId, awardProposedAt: at, objectionEndsAt })
      .where(eq(tenders.id, tenderId))
      .run();
    recomputeTender(tx, tenderId);
    audit(tx, {
      actorId: viewer.id,
      action: 'tender.proposeAward',
      subjectType: 'tender',
      subjectId: tenderId,
      data: { bidId },
      before: { state: tender.state, awardedBidId: tender.awardedBidId },
      after: { state, awardedBidId: bidId, objectionEndsAt },
    });
    notifyOrganization(tx, biddingOrganizationIds(tx, tenderId, ['submitted']), 'award_proposed', {
      title: tender.title,
      organization: winner.organizationName,
      objectionUntil: objectionEndsAt.toISOString(),
      path: tenderPath(tenderId),
    });
    if (tender.objectionDays > 0) return null;
    const contractId = finalizeAward(tx, { ...tender, state, awardedBidId: bidId }, viewer.id);
    issueContractIn(tx, contractId, viewer.id);
    return contractId;
  });
}

/** The award becomes final and the contract is drafted for the union to issue. */
function finalizeAward(tx: DB, tender: Tender, actorId: number | null) {
  const state = transition(tenderMachine, tender.state, 'finalizeAward', actorId ? 'commissioner' : 'clock');
  const bid = tx.select().from(bids).where(eq(bids.id, tender.awardedBidId!)).get()!;
  const contractId = draftAwardContract(tx, tender, bid, actorId);
  tx.update(tenders).set({ state, awardedAt: now() }).where(eq(tenders.id, tender.id)).run();
  recomputeTender(tx, tender.id);
  audit(tx, {
    actorId,
    action: 'tender.awarded',
    subjectType: 'tender',
    subjectId: tender.id,
    data: { contractId },
    before: { state: tender.state },
    after: { state, awardedBidId: tender.awardedBidId },
  });
  const data = {
    title: tender.title,
    organization: organizationName(tx, bid.organizationId),
    path: tenderPath(tender.id),
  };
  notifyOrganization(tx, biddingOrganizationIds(tx, tender.id, ['submitted']), 'award_final', data);
  for (const userId of tenderStaffIds(tx, tender.id)) notify(tx, userId, 'award_final', data);
  return contractId;
}

const noOpenObjection = sql`not exists (select 1 from ${objections} where ${objections.tenderId} = ${tenders.id} and ${objections.state} = 'filed')`;

const dueAward = () => and(eq(tenders.state, 'award_proposed'), lte(tenders.objectionEndsAt, now()), noOpenObjection);

/**
 * The clock's part: an award whose objection period has ended with every objection answered becomes
 * final. Each is read again inside its transaction: another process's clock (a page runs it before
 * it reads) may have finalized it since.
 */
export function finalizeDueAwards() {
  const due = db.select({ id: tenders.id }).from(tenders).where(dueAward()).all();
  for (const { id } of due) {
    durably((tx) => {
      const tender = tx
        .select()
        .from(tenders)
        .where(and(eq(tenders.id, id), dueAward()))
        .get();
      if (tender) finalizeAward(tx, tender, null);
    });
  }
}

/** A bidder other than the proposed winner may object, with reasons, during the objection period. */
export function fileObjection(viewer: Viewer, tenderId: number, organizationId: number, reason: string) {
  requireOrgMember(viewer, organizationId);
  const tender = requireTender(tenderId);
  if (!objectionPeriodOpen(tender, now())) throw new UserError('procurement.errors.objectionPeriodOver', 409);
  const bid = db
    .select()
    .from(bids)
    .where(and(eq(bids.tenderId, tenderId), eq(bids.organizationId, organizationId), eq(bids.state, 'submitted')))
    .get();
  if (!bid || bid.id === tender.awardedBidId) throw new UserError('procurement.errors.notALosingBidder', 403);
  durably((tx) => {
    const objection = tx
      .insert(objections)
      .values({
        tenderId,
        organizationId,
        awardBidId: tender.awardedBidId,
        filedBy: viewer.id,
        reason,
        createdAt: now(),
      })
      .returning()
      .get();
    audit(tx, {
      actorId: viewer.id,
      action: 'objection.file',
      subjectType: 'objection',
      subjectId: objection.id,
      after: { state: objection.state, tenderId, organizationId },
    });
    const data = {
      title: tender.title,
      organization: organizationName(tx, organizationId),
      path: `/tenders/${tenderId}/manage`,
    };
    notify(tx, tender.createdBy, 'objection_filed', data);
  });
}

/**
 * The commissioner answers each objection. Dismissed: the award stands, and becomes final if the
 * period is over and nothing else is open. Upheld: the award is withdrawn and the tender returns
 * to evaluation; other open objections against that award are closed with the same answer.
 */
export function answerObjection(
  viewer: Viewer,
  objectionId: number,
  input: { decision: 'dismiss' | 'uphold'; answer: string },
) {
  const objection = db.select().from(objections).where(eq(objections.id, objectionId)).get();
  if (!objection) notFound();
  const tender = requireTender(objection.tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  return durably((tx) => {
    const state = transition(objectionMachine, objection.state, input.decision, 'commissioner');
    const answered = { state, answer: input.answer, answeredAt: now(), answeredBy: viewer.id };
    let closed = [objection];
    if (state === 'upheld') {
      const tenderState = transition(tenderMachine, tender.state, 'withdrawAward', 'commissioner');
      tx.update(tenders)
        .set({ state: tenderState, awardedBidId: null, awardProposedAt: null, objectionEndsAt: null })
        .where(eq(tenders.id, tender.id))
        .run();
      recomputeTender(tx, tender.id);
      audit(tx, {
        actorId: viewer.id,
        action: 'tender.withdrawAward',
        subjectType: 'tender',
        subjectId: tender.id,
        data: { objectionId },
        before: { state: tender.state, awardedBidId: tender.awardedBidId },
        after: { state: tenderState, awardedBidId: null },
      });
      closed = tx
        .select()
        .from(objections)
        .where(and(eq(objections.tenderId, tender.id), eq(objections.state, 'filed')))
        .all();
    }
    for (const o of closed) {
      tx.update(objections).set(answered).where(eq(objections.id, o.id)).run();
      audit(tx, {
        actorId: viewer.id,
        action: `objection.${input.decision}`,
        subjectType: 'objection',
        subjectId: o.id,
        before: { state: o.state },
        after: { state, answer: input.answer },
      });
    }
    for (const o of closed)
      notifyOrganization(tx, [o.organizationId], 'objection_answered', {
        title: tender.title,
        path: tenderPath(tender.id),
      });
    const stillOpen = tx
      .select({ id: objections.id })
      .from(objections)
      .where(and(eq(objections.tenderId, tender.id), eq(objections.state, 'filed')))
      .get();
    const periodOver = tender.objectionEndsAt !== null && tender.objectionEndsAt.getTime() <= now().getTime();
    const finalizable = canTransition(tenderMachine, tender.state, 'finalizeAward');
    if (state === 'dismissed' && finalizable && periodOver && !stillOpen) return finalizeAward(tx, tender, viewer.id);
    return null;
  });
}

/** The commissioner sees every objection; a bidder sees its own. */
export function listObjections(viewer: Viewer, tender: Tender, organizationId?: number) {
  const rows = db
    .select({ objection: objections, organizationName: organizations.name })
    .from(objections)
    .innerJoin(organizations, eq(organizations.id, objections.organizationId))
    .where(eq(objections.tenderId, tender.id))
    .orderBy(asc(objections.id))
    .all();
  if (organizationId !== undefined) {
    requireOrgMember(viewer, organizationId);
    return rows.filter((r) => r.objection.organizationId === organizationId);
  }
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  return rows;
}

/** The published award (公示): the winner, its price and its scores; null before an award is proposed. */
export function awardNotice(tender: Tender) {
  if (!awardPublished(tender) || !tender.awardedBidId) return null;
  const { priced, ranking } = rankingOf(tender);
  const winner = priced.find((b) => b.id === tender.awardedBidId)!;
  const ranked = ranking.find((r) => r.bidId === winner.id)!;
  return {
    organizationId: winner.organizationId,
    organizationName: winner.organizationName,
    priceFen: winner.priceFen,
    parts: ranked.parts,
    total: ranked.total,
    bidders: priced.length,
    proposedAt: tender.awardProposedAt,
    objectionEndsAt: tender.objectionEndsAt,
    awardedAt: tender.awardedAt,
  };
}

/**
 * Once the award is published, each bidder sees its own scores: rank, weighted parts, and every
 * reviewer's scores and comments, reviewers named only by number.
 */
export function ownScores(viewer: Viewer, tender: Tender, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  if (!awardPublished(tender)) return null;
  const { priced, scores, ranking } = rankingOf(tender);
  const own = priced.find((b) => b.organizationId === organizationId);
  if (!own) return null;
  const ranked = ranking.find((r) => r.bidId === own.id)!;
  const reviewerIds = [...new Set(scores.map((s) => s.reviewerId))].sort((a, b) => a - b);
  const mine = scores.filter((s) => s.bidId === own.id);
  return {
    rank: ranked.rank,
    bidders: priced.length,
    priceFen: own.priceFen,
    parts: ranked.parts,
    total: ranked.total,
    reviewers: reviewerIds
      .filter((id) => mine.some((s) => s.reviewerId === id))
      .map((id) => ({
        number: reviewerIds.indexOf(id) + 1,
        scores: mine
          .filter((s) => s.reviewerId === id)
          .map((s) => ({ criterion: s.criterion, score: s.score, comment: s.comment })),
      })),
  };
}
