import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { contracts, objections, tenderQuestions, tenderReviewers, tenders } from '../../db/schema/procurement';
import { panelDone, panelsOf } from './evaluation.server';
import {
  mayAnswerObjection,
  mayAnswerQuestion,
  mayConfirmContract,
  mayDeclareConflicts,
  mayIssueContract,
  mayProposeAward,
  mayScore,
} from './permissions';
import type { Viewer } from '~/accounts/auth.server';
import { hasUnionRole } from '~/accounts/roles';
import type { Waiting } from '~/accounts/waiting';
import { db, inJsonArray } from '~/lib/db.server';
import { may } from '~/lib/permission';

// Every queue is a query built once (decision 111's addendum): the viewer's unions, organizations or
// seats are its parameters, the unions and organizations as one JSON array.

const commissionerUnions = (viewer: Viewer) => [
  ...new Set(viewer.roles.filter((r) => r.role === 'commissioner').map((r) => r.unionId)),
];

const ownedOrganizations = (viewer: Viewer) =>
  viewer.memberships.filter((m) => m.role === 'owner').map((m) => m.organizationId);

const tenderColumns = {
  id: tenders.id,
  title: tenders.title,
  unionId: tenders.unionId,
  state: tenders.state,
  deadlineAt: tenders.deadlineAt,
};

const seatsOfViewer = db
  .select(tenderColumns)
  .from(tenderReviewers)
  .innerJoin(tenders, eq(tenders.id, tenderReviewers.tenderId))
  // `+`: from the viewer's seats (by user), not from every closed tender in the country.
  .where(and(eq(tenderReviewers.userId, sql.placeholder('userId')), sql`+${tenders.state} in ('closed', 'evaluating')`))
  .orderBy(asc(tenders.deadlineAt), asc(tenders.id))
  .prepare();

/**
 * Tenders whose bids wait on this panel member, oldest deadline first: conflicts to declare
 * (mayDeclareConflicts), or, once declared, a bid they may score (mayScore, no conflict) that they
 * have not scored on every criterion.
 */
export function bidsToScore(viewer: Viewer): Waiting[] {
  const seats = seatsOfViewer.all({ userId: viewer.id });
  if (!seats.length) return [];
  const panels = panelsOf(seats.map((t) => t.id));
  return seats.flatMap((tender) => {
    const mine = panels.get(tender.id)!.progress.find((p) => p.userId === viewer.id)!;
    const me = { declared: mine.declared };
    const waiting = may(mayDeclareConflicts(tender, me)) || (may(mayScore(tender, me)) && !mine.done);
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

const evaluatingTenders = db
  .select(tenderColumns)
  .from(tenders)
  .where(and(inJsonArray(tenders.unionId, 'unionIds'), eq(tenders.state, 'evaluating')))
  .prepare();

/**
 * Tenders whose panel has declared and scored everything, for the union's commissioners to propose
 * the award (mayProposeAward), oldest first: since the panel finished.
 */
export function awardsToPropose(viewer: Viewer): Waiting[] {
  const unionIds = commissionerUnions(viewer);
  if (!unionIds.length) return [];
  const evaluating = evaluatingTenders.all({ unionIds: JSON.stringify(unionIds) });
  if (!evaluating.length) return [];
  const panels = panelsOf(evaluating.map((t) => t.id));
  return evaluating
    .flatMap((tender) => {
      const { progress, finishedAt } = panels.get(tender.id)!;
      if (!may(mayProposeAward(viewer, tender, { done: panelDone(progress) }))) return [];
      return [
        {
          kind: 'awardsToPropose' as const,
          id: tender.id,
          title: tender.title,
          since: finishedAt,
          path: `/tenders/${tender.id}/evaluate`,
          unionId: tender.unionId,
          role: 'commissioner' as const,
        },
      ];
    })
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.id - b.id);
}

const unansweredQuestions = db
  .select({ id: tenderQuestions.id, createdAt: tenderQuestions.createdAt, tender: tenderColumns })
  .from(tenderQuestions)
  .innerJoin(tenders, eq(tenders.id, tenderQuestions.tenderId))
  .where(and(inJsonArray(tenders.unionId, 'unionIds'), isNull(tenderQuestions.answeredAt)))
  .orderBy(asc(tenderQuestions.createdAt), asc(tenderQuestions.id))
  .prepare();

/** Bidders' questions the union's commissioner has not answered, oldest first (mayAnswerQuestion). */
export function questionsToAnswer(viewer: Viewer): Waiting[] {
  const unionIds = commissionerUnions(viewer);
  if (!unionIds.length) return [];
  return unansweredQuestions
    .all({ unionIds: JSON.stringify(unionIds) })
    .filter(({ tender }) => may(mayAnswerQuestion(viewer, tender)))
    .map((question) => ({
      kind: 'questionsToAnswer' as const,
      id: question.id,
      title: question.tender.title,
      since: question.createdAt,
      path: `/tenders/${question.tender.id}/manage`,
      unionId: question.tender.unionId,
      role: 'commissioner' as const,
    }));
}

const filedObjections = db
  .select({
    id: objections.id,
    state: objections.state,
    createdAt: objections.createdAt,
    tender: tenderColumns,
  })
  .from(objections)
  .innerJoin(tenders, eq(tenders.id, objections.tenderId))
  .where(and(inJsonArray(tenders.unionId, 'unionIds'), eq(objections.state, 'filed')))
  .orderBy(asc(objections.createdAt), asc(objections.id))
  .prepare();

/** Objections to a proposed award the commissioner has not answered, oldest first (mayAnswerObjection). */
export function objectionsToAnswer(viewer: Viewer): Waiting[] {
  const unionIds = commissionerUnions(viewer);
  if (!unionIds.length) return [];
  return filedObjections
    .all({ unionIds: JSON.stringify(unionIds) })
    .filter((objection) => may(mayAnswerObjection(viewer, objection.tender, objection)))
    .map((objection) => ({
      kind: 'objectionsToAnswer' as const,
      id: objection.id,
      title: objection.tender.title,
      since: objection.createdAt,
      path: `/tenders/${objection.tender.id}/manage`,
      unionId: objection.tender.unionId,
      role: 'commissioner' as const,
    }));
}

const contractColumns = {
  id: contracts.id,
  title: contracts.title,
  unionId: contracts.unionId,
  organizationId: contracts.organizationId,
  state: contracts.state,
  createdAt: contracts.createdAt,
  issuedAt: contracts.issuedAt,
};

const draftContracts = db
  .select(contractColumns)
  .from(contracts)
  .where(and(inJsonArray(contracts.unionId, 'unionIds'), eq(contracts.state, 'draft')))
  .orderBy(asc(contracts.createdAt), asc(contracts.id))
  .prepare();

/** Drafted contracts (an award made final) for the commissioner to check and issue (mayIssueContract). */
export function contractsToIssue(viewer: Viewer): Waiting[] {
  const unionIds = commissionerUnions(viewer);
  if (!unionIds.length) return [];
  return draftContracts
    .all({ unionIds: JSON.stringify(unionIds) })
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

const issuedContracts = db
  .select(contractColumns)
  .from(contracts)
  .where(and(inJsonArray(contracts.organizationId, 'organizationIds'), eq(contracts.state, 'pending')))
  .orderBy(asc(contracts.issuedAt), asc(contracts.id))
  .prepare();

/** Issued contracts the organization's owner has not signed yet (mayConfirmContract). */
export function contractsToSign(viewer: Viewer): Waiting[] {
  const organizationIds = ownedOrganizations(viewer);
  if (!organizationIds.length) return [];
  return issuedContracts
    .all({ organizationIds: JSON.stringify(organizationIds) })
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
