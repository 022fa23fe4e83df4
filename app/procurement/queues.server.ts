import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  bidScores,
  bids,
  contracts,
  objections,
  tenderQuestions,
  tenderReviewers,
  tenders,
} from '../../db/schema/procurement';
import { scoredCriteria } from './machine';
import {
  mayAnswerObjection,
  mayAnswerQuestion,
  mayConfirmContract,
  mayDeclareConflicts,
  mayIssueContract,
  mayScore,
} from './permissions';
import type { Viewer } from '~/accounts/auth.server';
import { hasUnionRole } from '~/accounts/roles';
import type { Waiting } from '~/accounts/waiting';
import { db } from '~/lib/db.server';
import { may } from '~/lib/permission';

const commissionerUnions = (viewer: Viewer) => [
  ...new Set(viewer.roles.filter((r) => r.role === 'commissioner').map((r) => r.unionId)),
];

/**
 * Tenders whose bids wait on this panel member, oldest deadline first: conflicts to declare
 * (mayDeclareConflicts), or, once declared, a bid they may score (mayScore, no conflict) that they
 * have not scored on every criterion.
 */
export function bidsToScore(viewer: Viewer): Waiting[] {
  const seats = db
    .select({
      tender: tenders,
      declaredAt: tenderReviewers.declaredAt,
      conflicts: tenderReviewers.conflictOrganizationIds,
    })
    .from(tenderReviewers)
    .innerJoin(tenders, eq(tenders.id, tenderReviewers.tenderId))
    // `+`: from the viewer's seats (by user), not from every closed tender in the country.
    .where(and(eq(tenderReviewers.userId, viewer.id), inArray(sql`+${tenders.state}`, ['closed', 'evaluating'])))
    .orderBy(asc(tenders.deadlineAt), asc(tenders.id))
    .all();
  if (!seats.length) return [];
  const submitted = db
    .select({ id: bids.id, tenderId: bids.tenderId, organizationId: bids.organizationId })
    .from(bids)
    .where(
      and(
        inArray(
          bids.tenderId,
          seats.map((s) => s.tender.id),
        ),
        eq(bids.state, 'submitted'),
      ),
    )
    .all();
  const scored = new Set(
    submitted.length
      ? db
          .select({ bidId: bidScores.bidId })
          .from(bidScores)
          .where(
            and(
              inArray(
                bidScores.bidId,
                submitted.map((b) => b.id),
              ),
              eq(bidScores.reviewerId, viewer.id),
            ),
          )
          .groupBy(bidScores.bidId)
          .having(sql`count(*) = ${scoredCriteria.length}`)
          .all()
          .map((s) => s.bidId)
      : [],
  );
  const ownOrganizations = viewer.memberships.map((m) => m.organizationId);
  return seats.flatMap(({ tender, declaredAt, conflicts }) => {
    const me = { declared: declaredAt !== null };
    const conflicted = new Set([...(conflicts ?? []), ...ownOrganizations]);
    const unscored = submitted.some(
      (b) => b.tenderId === tender.id && !conflicted.has(b.organizationId) && !scored.has(b.id),
    );
    const waiting = may(mayDeclareConflicts(tender, me)) || (may(mayScore(tender, me)) && unscored);
    if (!waiting) return [];
    const role = hasUnionRole(viewer, tender.unionId, ['reviewer']) ? 'reviewer' : 'commissioner';
    return [
      {
        kind: 'bidsToScore' as const,
        id: tender.id,
        title: tender.title,
        since: tender.deadlineAt,
        path: `/tenders/${tender.id}/evaluate`,
        unionId: tender.unionId,
        role,
      } as const,
    ];
  });
}

/** Bidders' questions the union's commissioner has not answered, oldest first (mayAnswerQuestion). */
export function questionsToAnswer(viewer: Viewer): Waiting[] {
  const unionIds = commissionerUnions(viewer);
  if (!unionIds.length) return [];
  return db
    .select({ question: tenderQuestions, tender: tenders })
    .from(tenderQuestions)
    .innerJoin(tenders, eq(tenders.id, tenderQuestions.tenderId))
    .where(and(inArray(tenders.unionId, unionIds), isNull(tenderQuestions.answeredAt)))
    .orderBy(asc(tenderQuestions.createdAt), asc(tenderQuestions.id))
    .all()
    .filter(({ tender }) => may(mayAnswerQuestion(viewer, tender)))
    .map(({ question, tender }) => ({
      kind: 'questionsToAnswer' as const,
      id: question.id,
      title: tender.title,
      since: question.createdAt,
      path: `/tenders/${tender.id}/manage`,
      unionId: tender.unionId,
      role: 'commissioner' as const,
    }));
}

/** Objections to a proposed award the commissioner has not answered, oldest first (mayAnswerObjection). */
export function objectionsToAnswer(viewer: Viewer): Waiting[] {
  const unionIds = commissionerUnions(viewer);
  if (!unionIds.length) return [];
  return db
    .select({ objection: objections, tender: tenders })
    .from(objections)
    .innerJoin(tenders, eq(tenders.id, objections.tenderId))
    .where(and(inArray(tenders.unionId, unionIds), eq(objections.state, 'filed')))
    .orderBy(asc(objections.createdAt), asc(objections.id))
    .all()
    .filter(({ objection, tender }) => may(mayAnswerObjection(viewer, tender, objection)))
    .map(({ objection, tender }) => ({
      kind: 'objectionsToAnswer' as const,
      id: objection.id,
      title: tender.title,
      since: objection.createdAt,
      path: `/tenders/${tender.id}/manage`,
      unionId: tender.unionId,
      role: 'commissioner' as const,
    }));
}

/** Drafted contracts (an award made final) for the commissioner to check and issue (mayIssueContract). */
export function contractsToIssue(viewer: Viewer): Waiting[] {
  const unionIds = commissionerUnions(viewer);
  if (!unionIds.length) return [];
  return db
    .select()
    .from(contracts)
    .where(and(inArray(contracts.unionId, unionIds), eq(contracts.state, 'draft')))
    .orderBy(asc(contracts.createdAt), asc(contracts.id))
    .all()
    .filter((contract) => may(mayIssueContract(viewer, contract)))
    .map((contract) => ({
      kind: 'contractsToIssue' as const,
      id: contract.id,
      title: contract.title,
      since: contract.createdAt,
      path: `/contracts/${contract.id}`,
      unionId: contract.unionId,
      role: 'commissioner' as const,
    }));
}

/** Issued contracts the organization's owner has not signed yet (mayConfirmContract). */
export function contractsToSign(viewer: Viewer): Waiting[] {
  const organizationIds = viewer.memberships.filter((m) => m.role === 'owner').map((m) => m.organizationId);
  if (!organizationIds.length) return [];
  return db
    .select()
    .from(contracts)
    .where(and(inArray(contracts.organizationId, organizationIds), eq(contracts.state, 'pending')))
    .orderBy(asc(contracts.issuedAt), asc(contracts.id))
    .all()
    .filter((contract) => may(mayConfirmContract(viewer, contract)))
    .map((contract) => ({
      kind: 'contractsToSign' as const,
      id: contract.id,
      title: contract.title,
      since: contract.issuedAt ?? contract.createdAt,
      path: `/contracts/${contract.id}`,
      organizationId: contract.organizationId,
      role: 'owner' as const,
    }));
}
