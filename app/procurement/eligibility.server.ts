import { and, desc, eq } from 'drizzle-orm';
import { evaluations } from '../../db/schema/evaluation';
import { incubators, residencies } from '../../db/schema/incubation';
import { organizations } from '../../db/schema/organizations';
import { type tenders } from '../../db/schema/procurement';
import { organizationEvaluation } from '~/evaluation/organization.server';
import { meetsGrade, type Grade } from '~/evaluation/grades';
import { db } from '~/lib/db.server';
import { UserError } from '~/lib/errors';

type Tender = typeof tenders.$inferSelect;

/**
 * The organization's standing on the platform: its latest recorded evaluation, or else the score
 * its delivered events give it today; null when it has no record yet.
 */
export function platformStanding(organizationId: number): { score: number; grade: Grade } | null {
  const recorded = db
    .select({ score: evaluations.score, grade: evaluations.grade })
    .from(evaluations)
    .where(eq(evaluations.organizationId, organizationId))
    .orderBy(desc(evaluations.createdAt), desc(evaluations.id))
    .get();
  if (recorded) return { score: recorded.score, grade: recorded.grade };
  return organizationEvaluation(organizationId).result;
}

/** The track-record score proposed to reviewers (0–100), which they may change. */
export function proposedTrackRecord(organizationId: number) {
  const standing = platformStanding(organizationId);
  return standing ? { score: Math.round(standing.score), grade: standing.grade } : null;
}

function isResident(organizationId: number, unionId: number) {
  return !!db
    .select({ id: residencies.id })
    .from(residencies)
    .innerJoin(incubators, eq(incubators.id, residencies.incubatorId))
    .where(
      and(
        eq(residencies.organizationId, organizationId),
        eq(residencies.state, 'active'),
        eq(incubators.unionId, unionId),
      ),
    )
    .get();
}

export function isEligible(tender: Tender, organizationId: number) {
  const org = db.select().from(organizations).where(eq(organizations.id, organizationId)).get();
  if (!org || org.status !== 'active') return false;
  switch (tender.eligibility) {
    case 'registered':
      return org.type !== 'grassroots';
    case 'residents':
      return isResident(organizationId, tender.unionId);
    case 'min_grade': {
      const standing = platformStanding(organizationId);
      return !!standing && meetsGrade(standing.grade, tender.minGrade as Grade);
    }
    default:
      return true;
  }
}

export function assertEligible(tender: Tender, organizationId: number) {
  if (!isEligible(tender, organizationId)) throw new UserError('errors.notEligible', 403);
}
