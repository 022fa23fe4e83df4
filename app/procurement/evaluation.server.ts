import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import { organizations } from '../../db/schema/organizations';
import { bidScores, bids, tenderReviewers, tenders } from '../../db/schema/procurement';
import { staffRoles } from '../../db/schema/unions';
import { openBids } from './bids.server';
import { scoredCriteria, tenderMachine } from './machine';
import { bidsOpenable, mayChangePanel, scoringOpen } from './permissions';
import { rankBids, type ScoreRow } from './scoring';
import { requireTender, type Tender } from './tenders.server';
import { proposedTrackRecord } from './eligibility.server';
import { forbidden, hasUnionRole, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, durably, inJsonArray, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { enforce } from '~/lib/permission';
import { canTransition, transition } from '~/lib/machine';
import { notify } from '~/notifications/notify.server';
import { staffWithRole } from '~/unions/unions.server';
import './audit-subjects.server';

/**
 * The organizations the seat's holder belongs to: bids they may not score, declared or not. Named
 * by hand: drizzle writes a lone table's columns unqualified, which the subquery would read as its own.
 */
const memberOf =
  sql`(select json_group_array(m.organization_id) from organization_members m where m.user_id = tender_reviewers.user_id)`.mapWith(
    (value: string) => JSON.parse(value) as number[],
  );

const seatColumns = {
  tenderId: tenderReviewers.tenderId,
  userId: tenderReviewers.userId,
  declaredAt: tenderReviewers.declaredAt,
  conflictOrganizationIds: tenderReviewers.conflictOrganizationIds,
  memberOf,
};

export function listPanel(tenderId: number) {
  return db
    .select({ ...seatColumns, name: users.name })
    .from(tenderReviewers)
    .innerJoin(users, eq(users.id, tenderReviewers.userId))
    .where(eq(tenderReviewers.tenderId, tenderId))
    .orderBy(asc(users.id))
    .all();
}
export type PanelMember = ReturnType<typeof listPanel>[number];
type Seat = Omit<PanelMember, 'name'>;

/** The union's reviewers and commissioners who are not on the panel yet. */
export function panelCandidates(tender: Tender) {
  const onPanel = new Set(listPanel(tender.id).map((m) => m.userId));
  const staff = db
    .selectDistinct({ userId: users.id, name: users.name })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(and(eq(staffRoles.unionId, tender.unionId), inArray(staffRoles.role, ['reviewer', 'commissioner'])))
    .orderBy(asc(users.id))
    .all();
  return staff.filter((s) => !onPanel.has(s.userId));
}

function requirePanelChange(viewer: Viewer, tenderId: number) {
  const tender = requireTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  enforce(mayChangePanel(viewer, tender));
  return tender;
}

export function assignReviewer(viewer: Viewer, tenderId: number, userId: number) {
  const tender = requirePanelChange(viewer, tenderId);
  if (!panelCandidates(tender).some((c) => c.userId === userId)) throw new UserError('procurement.errors.notReviewer');
  transaction((tx) => {
    tx.insert(tenderReviewers).values({ tenderId, userId, assignedBy: viewer.id }).onConflictDoNothing().run();
    audit(tx, {
      actorId: viewer.id,
      action: 'tender.assignReviewer',
      subjectType: 'tender',
      subjectId: tenderId,
      data: { userId },
    });
  });
}

/** A reviewer who has scored stays on the panel: their scores are part of the record. */
export function removeReviewer(viewer: Viewer, tenderId: number, userId: number) {
  const tender = requirePanelChange(viewer, tenderId);
  transaction((tx) => {
    const wasFinished = panelFinished(tenderId);
    const scored = tx
      .select({ id: bidScores.id })
      .from(bidScores)
      .innerJoin(bids, eq(bids.id, bidScores.bidId))
      .where(and(eq(bids.tenderId, tenderId), eq(bidScores.reviewerId, userId)))
      .get();
    if (scored) throw new UserError('procurement.errors.reviewerHasScored', 409);
    tx.delete(tenderReviewers)
      .where(and(eq(tenderReviewers.tenderId, tenderId), eq(tenderReviewers.userId, userId)))
      .run();
    audit(tx, {
      actorId: viewer.id,
      action: 'tender.removeReviewer',
      subjectType: 'tender',
      subjectId: tenderId,
      data: { userId },
    });
    tellWhenPanelFinishes(tx, tender, wasFinished);
  });
}

/** Organizations a panel member may not score: those they declared and those they belong to. */
export function conflictsOf(member: Pick<Seat, 'conflictOrganizationIds' | 'memberOf'>) {
  return new Set([...(member.conflictOrganizationIds ?? []), ...member.memberOf]);
}

/** The bidders' names only, which a reviewer needs to declare conflicts before reading any bid. */
export function listBidders(tender: Tender) {
  if (!bidsOpenable(tender, now())) forbidden();
  return db
    .select({ bidId: bids.id, organizationId: bids.organizationId, organizationName: organizations.name })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.organizationId))
    .where(and(eq(bids.tenderId, tender.id), eq(bids.state, 'submitted')))
    .orderBy(asc(bids.id))
    .all();
}

function startEvaluation(tx: DB, tender: Tender, actor: 'commissioner' | 'reviewer', actorId: number) {
  const current = tx.select({ state: tenders.state }).from(tenders).where(eq(tenders.id, tender.id)).get()!;
  const from = current.state;
  if (!canTransition(tenderMachine, from, 'startEvaluation')) return;
  const state = transition(tenderMachine, from, 'startEvaluation', actor);
  tx.update(tenders).set({ state }).where(eq(tenders.id, tender.id)).run();
  audit(tx, {
    actorId,
    action: 'tender.startEvaluation',
    subjectType: 'tender',
    subjectId: tender.id,
    before: { state: current.state },
    after: { state },
  });
}

function panelRow(tenderId: number, userId: number) {
  return db
    .select(seatColumns)
    .from(tenderReviewers)
    .where(and(eq(tenderReviewers.tenderId, tenderId), eq(tenderReviewers.userId, userId)))
    .get();
}

/**
 * Before reading any bid, a panel member declares the bidders they have a conflict of interest
 * with (possibly none). The declaration is final; organizations they belong to count as declared.
 */
export function declareConflicts(viewer: Viewer, tenderId: number, organizationIds: number[]) {
  const tender = requireTender(tenderId);
  const member = panelRow(tenderId, viewer.id);
  if (!member) forbidden();
  if (!scoringOpen(tender)) throw new UserError('errors.illegalTransition', 409);
  if (member.declaredAt) throw new UserError('procurement.errors.alreadyDeclared', 409);
  const bidders = new Set(listBidders(tender).map((b) => b.organizationId));
  const declared = [...new Set(organizationIds)].filter((id) => bidders.has(id));
  const actor = hasUnionRole(viewer, tender.unionId, ['commissioner']) ? 'commissioner' : 'reviewer';
  transaction((tx) => {
    const wasFinished = panelFinished(tenderId);
    tx.update(tenderReviewers)
      .set({ conflictOrganizationIds: declared, declaredAt: now() })
      .where(and(eq(tenderReviewers.tenderId, tenderId), eq(tenderReviewers.userId, viewer.id)))
      .run();
    startEvaluation(tx, tender, actor, viewer.id);
    audit(tx, {
      actorId: viewer.id,
      action: 'tender.declareConflicts',
      subjectType: 'tender',
      subjectId: tenderId,
      data: { organizationIds: declared },
    });
    tellWhenPanelFinishes(tx, tender, wasFinished);
  });
}

type ScoreInput = { bidId: number } & Record<(typeof scoredCriteria)[number], number> &
  Record<`${(typeof scoredCriteria)[number]}_comment`, string>;

/** A declared panel member scores every criterion of a bid they have no conflict with. */
export function scoreBid(viewer: Viewer, tenderId: number, input: ScoreInput) {
  const tender = requireTender(tenderId);
  const member = panelRow(tenderId, viewer.id);
  if (!member) forbidden();
  if (!member.declaredAt) throw new UserError('procurement.errors.declareFirst', 409);
  const bid = openBids(viewer, tender).find((b) => b.id === input.bidId);
  if (!bid) throw new UserError('errors.notFound', 404);
  if (conflictsOf(member).has(bid.organizationId)) throw new UserError('errors.conflictOfInterest', 403);
  if (!scoringOpen(tender)) throw new UserError('errors.illegalTransition', 409);
  const actor = hasUnionRole(viewer, tender.unionId, ['commissioner']) ? 'commissioner' : 'reviewer';
  durably((tx) => {
    const wasFinished = panelFinished(tenderId);
    startEvaluation(tx, tender, actor, viewer.id);
    const before = reviewerScores(tx, bid.id, viewer.id);
    for (const criterion of scoredCriteria) {
      const values = { score: input[criterion], comment: input[`${criterion}_comment`] };
      tx.insert(bidScores)
        .values({ bidId: bid.id, reviewerId: viewer.id, criterion, ...values })
        .onConflictDoUpdate({ target: [bidScores.bidId, bidScores.reviewerId, bidScores.criterion], set: values })
        .run();
    }
    audit(tx, {
      actorId: viewer.id,
      action: 'bid.score',
      subjectType: 'bid',
      subjectId: bid.id,
      before: Object.keys(before).length ? before : undefined,
      after: reviewerScores(tx, bid.id, viewer.id),
    });
    tellWhenPanelFinishes(tx, tender, wasFinished);
  });
}

/** One reviewer's scores of one bid, by criterion: what the audit trail records of a scoring. */
function reviewerScores(tx: DB, bidId: number, reviewerId: number) {
  const rows = tx
    .select({ criterion: bidScores.criterion, score: bidScores.score })
    .from(bidScores)
    .where(and(eq(bidScores.bidId, bidId), eq(bidScores.reviewerId, reviewerId)))
    .all();
  return Object.fromEntries(rows.map((r) => [r.criterion, r.score]));
}

export function scoresFor(bidIds: number[]) {
  if (!bidIds.length) return [];
  return db
    .select({
      bidId: bidScores.bidId,
      reviewerId: bidScores.reviewerId,
      criterion: bidScores.criterion,
      score: bidScores.score,
      comment: bidScores.comment,
    })
    .from(bidScores)
    .where(inArray(bidScores.bidId, bidIds))
    .all() as (ScoreRow & { comment: string })[];
}

type BidOf = { id: number; organizationId: number };
type CriterionScored = { bidId: number; reviewerId: number };

/** Who still has to declare or score: the award waits until the panel has finished. */
export function panelProgress(panel: Seat[], bids: BidOf[], scores: CriterionScored[]) {
  return panel.map((member) => {
    const conflicts = conflictsOf(member);
    const toScore = bids.filter((b) => !conflicts.has(b.organizationId));
    const scored = toScore.filter(
      (b) => scores.filter((s) => s.bidId === b.id && s.reviewerId === member.userId).length === scoredCriteria.length,
    ).length;
    return {
      userId: member.userId,
      declared: member.declaredAt !== null,
      conflicts: [...conflicts],
      toScore: toScore.length,
      scored,
      done: member.declaredAt !== null && scored === toScore.length,
    };
  });
}

/** A panel has finished when it has members and every one has declared and scored what they may. */
export function panelDone(progress: { done: boolean }[]) {
  return progress.length > 0 && progress.every((p) => p.done);
}

const seatsOf = db
  .select(seatColumns)
  .from(tenderReviewers)
  .where(inJsonArray(tenderReviewers.tenderId, 'tenderIds'))
  .prepare();

const criteriaScoredOf = db
  .select({
    bidId: bids.id,
    tenderId: bids.tenderId,
    organizationId: bids.organizationId,
    reviewerId: bidScores.reviewerId,
    scoredAt: bidScores.createdAt,
  })
  .from(bids)
  .leftJoin(bidScores, eq(bidScores.bidId, bids.id))
  .where(and(inJsonArray(bids.tenderId, 'tenderIds'), eq(bids.state, 'submitted')))
  .prepare();

/**
 * Each tender's panel and its progress, from the seats, the submitted bids and the criteria scored
 * (no bid is unsealed): two statements for any number of tenders. `finishedAt`: the panel's last
 * declaration or score, when the award began to wait.
 */
export function panelsOf(tenderIds: number[]) {
  const ids = { tenderIds: JSON.stringify(tenderIds) };
  const seats = seatsOf.all(ids);
  const rows = criteriaScoredOf.all(ids);
  return new Map(
    tenderIds.map((tenderId) => {
      const panel = seats.filter((s) => s.tenderId === tenderId);
      const mine = rows.filter((r) => r.tenderId === tenderId);
      const submitted = [
        ...new Map(mine.map((r) => [r.bidId, { id: r.bidId, organizationId: r.organizationId }])).values(),
      ];
      const scores = mine.flatMap((r) =>
        r.reviewerId === null ? [] : [{ bidId: r.bidId, reviewerId: r.reviewerId, at: r.scoredAt! }],
      );
      const moments = [...panel.map((s) => s.declaredAt?.getTime() ?? 0), ...scores.map((s) => s.at.getTime())];
      return [
        tenderId,
        { progress: panelProgress(panel, submitted, scores), finishedAt: new Date(Math.max(0, ...moments)) },
      ] as const;
    }),
  );
}

function panelFinished(tenderId: number) {
  return panelDone(panelsOf([tenderId]).get(tenderId)!.progress);
}

/**
 * The panel's last declaration, score or removal that finishes it puts the award in the union's
 * commissioners' queue (awardsToPropose): they are told, once, when it happens.
 */
function tellWhenPanelFinishes(tx: DB, tender: Tender, wasFinished: boolean) {
  if (wasFinished || !panelFinished(tender.id)) return;
  for (const userId of staffWithRole(tx, tender.unionId, 'commissioner'))
    notify(tx, userId, 'panel_scored', { title: tender.title, path: `/tenders/${tender.id}/evaluate` });
}

/** Everything the union sees once the bids are opened: the ranking for commissioners and declared reviewers, bid content for declared reviewers. */
export function evaluationView(viewer: Viewer, tenderId: number) {
  const tender = requireTender(tenderId);
  const opened = openBids(viewer, tender);
  const panel = listPanel(tender.id);
  const me = panel.find((m) => m.userId === viewer.id) ?? null;
  const isCommissioner = hasUnionRole(viewer, tender.unionId, ['commissioner']);
  const declared = me?.declaredAt != null;
  const scores = scoresFor(opened.map((b) => b.id));
  const ranking = rankBids(
    opened.map((b) => ({ id: b.id, priceFen: b.content.priceFen })),
    scores,
    tender.weights,
  );
  const progress = panelProgress(panel, opened, scores);
  const myConflicts = me ? conflictsOf(me) : new Set<number>();
  return {
    tender,
    bidders: listBidders(tender),
    me: me && { declared, conflicts: [...myConflicts] },
    isCommissioner,
    seesRanking: isCommissioner || declared,
    toScore: declared
      ? opened
          .filter((b) => !myConflicts.has(b.organizationId))
          .map((b) => ({
            ...b,
            proposedTrackRecord: proposedTrackRecord(b.organizationId),
            mine: scores.filter((s) => s.bidId === b.id && s.reviewerId === viewer.id),
          }))
      : [],
    ranking: isCommissioner || declared ? ranking : [],
    panel: progress.map((p, i) => ({ ...p, name: panel[i]!.name })),
    reviewerNames: new Map(panel.map((m) => [m.userId, m.name])),
    panelDone: panelDone(progress),
  };
}

export type PanelProgress = ReturnType<typeof evaluationView>['panel'][number];
