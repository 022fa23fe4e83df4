import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { applicationScores, incubationApplications, incubators } from '../../db/schema/incubation';
import { organizations } from '../../db/schema/organizations';
import { incubationStanding } from './incubators.server';
import { mayDecideApplication, mayScoreApplication, mayStartReview } from './permissions';
import { entryCriteria } from './settings';
import type { Viewer } from '~/accounts/auth.server';
import type { Waiting } from '~/accounts/waiting';
import { db } from '~/lib/db.server';
import { may } from '~/lib/permission';

/**
 * Applications waiting on this viewer, oldest first: for the incubator manager, submitted ones to take
 * into review and reviewed ones to decide; for a reviewer, those under review they have not scored
 * on every criterion (and may score: never their own organization's).
 */
export function applicationsToReview(viewer: Viewer): Waiting[] {
  const unionIds = [...new Set(viewer.roles.map((r) => r.unionId))];
  if (!unionIds.length) return [];
  const incubatorUnions = new Map(
    db
      .select({ id: incubators.id, unionId: incubators.unionId })
      .from(incubators)
      .where(inArray(incubators.unionId, unionIds))
      .all()
      .map((i) => [i.id, i.unionId]),
  );
  if (!incubatorUnions.size) return [];
  const rows = db
    .select({
      id: incubationApplications.id,
      state: incubationApplications.state,
      organizationId: incubationApplications.organizationId,
      submittedAt: incubationApplications.submittedAt,
      incubatorId: incubationApplications.incubatorId,
      organizationName: organizations.name,
    })
    .from(incubationApplications)
    .innerJoin(organizations, eq(organizations.id, incubationApplications.organizationId))
    .where(
      and(
        inArray(incubationApplications.incubatorId, [...incubatorUnions.keys()]),
        inArray(incubationApplications.state, ['submitted', 'under_review']),
      ),
    )
    .orderBy(asc(incubationApplications.submittedAt), asc(incubationApplications.id))
    .all()
    .map((row) => ({ ...row, unionId: incubatorUnions.get(row.incubatorId)! }));
  const scored = new Set(
    rows.length
      ? db
          .select({ applicationId: applicationScores.applicationId })
          .from(applicationScores)
          .where(
            and(
              eq(applicationScores.reviewerId, viewer.id),
              inArray(
                applicationScores.applicationId,
                rows.map((r) => r.id),
              ),
            ),
          )
          .groupBy(applicationScores.applicationId)
          .having(sql`count(*) = ${entryCriteria.length}`)
          .all()
          .map((r) => r.applicationId)
      : [],
  );
  return rows.flatMap((application) => {
    const standing = incubationStanding(viewer, application.organizationId, application);
    const role =
      may(mayStartReview(application, standing)) || may(mayDecideApplication(application, standing))
        ? ('incubator_manager' as const)
        : may(mayScoreApplication(application, standing)) && !scored.has(application.id)
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
