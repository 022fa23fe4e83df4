import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import {
  applicationScores,
  incubationApplications,
  incubators,
  residencies,
  residencyEvaluationScores,
  residencyEvaluations,
} from '../../db/schema/incubation';
import { organizations } from '../../db/schema/organizations';
import { incubationStanding, managerRoles, reviewerRoles } from './incubators.server';
import {
  mayDecideApplication,
  mayDecideExitReview,
  mayScoreApplication,
  mayScoreEvaluation,
  mayStartReview,
} from './permissions';
import { exitReviewDueBy } from './residencies.server';
import { entryCriteria, judgedIndicators } from './settings';
import type { Viewer } from '~/accounts/auth.server';
import type { UnionRole } from '~/accounts/roles';
import type { Waiting } from '~/accounts/waiting';
import { now } from '~/lib/clock.server';
import { db, inJsonArray } from '~/lib/db.server';
import { may } from '~/lib/permission';
import { dayStart, shanghaiDate } from '~/lib/time';

// Each queue is a query built once, the viewer's unions its one JSON array parameter (decision 111).

/** The viewer's unions (those where they hold one of `roles`), as the queries' JSON array parameter. */
const unionsWith = (viewer: Viewer, roles?: readonly UnionRole[]) =>
  JSON.stringify([...new Set(viewer.roles.filter((r) => !roles || roles.includes(r.role)).map((r) => r.unionId))]);

const pendingApplications = db
  .select({
    id: incubationApplications.id,
    state: incubationApplications.state,
    organizationId: incubationApplications.organizationId,
    submittedAt: incubationApplications.submittedAt,
    organizationName: organizations.name,
    unionId: incubators.unionId,
    scored: sql<number>`(select count(*) from ${applicationScores} where ${applicationScores.applicationId} = ${incubationApplications.id} and ${applicationScores.reviewerId} = ${sql.placeholder('userId')})`,
  })
  .from(incubators)
  .innerJoin(incubationApplications, eq(incubationApplications.incubatorId, incubators.id))
  .innerJoin(organizations, eq(organizations.id, incubationApplications.organizationId))
  .where(
    and(
      inJsonArray(incubators.unionId, 'unionIds'),
      inArray(incubationApplications.state, ['submitted', 'under_review']),
    ),
  )
  .orderBy(asc(incubationApplications.submittedAt), asc(incubationApplications.id))
  .prepare();

/**
 * Applications waiting on this viewer, oldest first: for the incubator manager, submitted ones to take
 * into review and reviewed ones to decide; for a reviewer, those under review they have not scored
 * on every criterion (and may score: never their own organization's).
 */
export function applicationsToReview(viewer: Viewer): Waiting[] {
  if (!viewer.roles.length) return [];
  return pendingApplications.all({ unionIds: unionsWith(viewer), userId: viewer.id }).flatMap((application) => {
    const standing = incubationStanding(viewer, application.organizationId, application);
    const role =
      may(mayStartReview(application, standing)) || may(mayDecideApplication(application, standing))
        ? ('incubator_manager' as const)
        : may(mayScoreApplication(application, standing)) && application.scored < entryCriteria.length
          ? ('reviewer' as const)
          : null;
    if (!role) return [];
    return [
      {
        kind: 'applicationsToReview' as const,
        id: application.id,
        title: application.organizationName,
        since: application.submittedAt!,
        path: `/applications/${application.id}`,
        unionId: application.unionId,
        role,
      },
    ];
  });
}

const openEvaluations = db
  .select({
    id: residencyEvaluations.id,
    state: residencyEvaluations.state,
    createdAt: residencyEvaluations.createdAt,
    residencyId: residencies.id,
    organizationId: residencies.organizationId,
    organizationName: organizations.name,
    unionId: incubators.unionId,
    scored: sql<number>`(select count(*) from ${residencyEvaluationScores} where ${residencyEvaluationScores.residencyEvaluationId} = ${residencyEvaluations.id} and ${residencyEvaluationScores.reviewerId} = ${sql.placeholder('userId')})`,
  })
  .from(incubators)
  .innerJoin(residencies, eq(residencies.incubatorId, incubators.id))
  .innerJoin(residencyEvaluations, eq(residencyEvaluations.residencyId, residencies.id))
  .innerJoin(organizations, eq(organizations.id, residencies.organizationId))
  .where(and(inJsonArray(incubators.unionId, 'unionIds'), eq(residencyEvaluations.state, 'open')))
  .orderBy(asc(residencyEvaluations.createdAt), asc(residencyEvaluations.id))
  .prepare();

/**
 * Open evaluations of residents the viewer may score (mayScoreEvaluation: a reviewer of the
 * incubator's union, never of their own organization) and has not scored on every judged
 * indicator, oldest first.
 */
export function evaluationsToScore(viewer: Viewer): Waiting[] {
  if (!viewer.roles.some((r) => reviewerRoles.includes(r.role))) return [];
  return openEvaluations
    .all({ unionIds: unionsWith(viewer, reviewerRoles), userId: viewer.id })
    .filter(
      (evaluation) =>
        may(mayScoreEvaluation(evaluation, incubationStanding(viewer, evaluation.organizationId, evaluation))) &&
        evaluation.scored < judgedIndicators.length,
    )
    .map((evaluation) => ({
      kind: 'evaluationsToScore' as const,
      id: evaluation.id,
      title: evaluation.organizationName,
      since: evaluation.createdAt,
      path: `/residencies/${evaluation.residencyId}/evaluations/${evaluation.id}`,
      unionId: evaluation.unionId,
      role: 'reviewer' as const,
    }));
}

const termsEnding = db
  .select({
    id: residencies.id,
    state: residencies.state,
    endsOn: residencies.endsOn,
    organizationId: residencies.organizationId,
    organizationName: organizations.name,
    unionId: incubators.unionId,
  })
  .from(incubators)
  .innerJoin(residencies, eq(residencies.incubatorId, incubators.id))
  .innerJoin(organizations, eq(organizations.id, residencies.organizationId))
  .where(
    and(
      inJsonArray(incubators.unionId, 'unionIds'),
      eq(residencies.state, 'active'),
      lte(residencies.endsOn, sql.placeholder('dueBy')),
    ),
  )
  .orderBy(asc(residencies.endsOn), asc(residencies.id))
  .prepare();

/**
 * Residents whose exit review is due (their term ends within the notice the dashboard gives, or has
 * ended) for the incubator manager who decides it (mayDecideExitReview), the earliest term's end first.
 */
export function exitReviewsDue(viewer: Viewer): Waiting[] {
  if (!viewer.roles.some((r) => managerRoles.includes(r.role))) return [];
  return termsEnding
    .all({ unionIds: unionsWith(viewer, managerRoles), dueBy: exitReviewDueBy(shanghaiDate(now())) })
    .filter((residency) =>
      may(mayDecideExitReview(residency, incubationStanding(viewer, residency.organizationId, residency))),
    )
    .map((residency) => ({
      kind: 'exitReviewsDue' as const,
      id: residency.id,
      title: residency.organizationName,
      since: dayStart(residency.endsOn),
      path: `/residencies/${residency.id}`,
      unionId: residency.unionId,
      role: 'incubator_manager' as const,
    }));
}
