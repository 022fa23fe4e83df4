import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { evaluations } from '../../db/schema/evaluation';
import { incubators, residencies } from '../../db/schema/incubation';
import { contracts } from '../../db/schema/procurement';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { organizationBasis, organizationFigures } from '~/delivery/figures.server';
import type { Grade } from '~/evaluation/grades';
import { db } from '~/lib/db.server';

/** An organization's latest evaluation grade (any evaluation: contract or incubator), as SQL. */
export function latestGradeSql(organizationId: SQL | AnySQLiteColumn) {
  return sql<Grade | null>`(select ev.grade from evaluations ev where ev.organization_id = ${organizationId}
    order by ev.created_at desc, ev.id desc limit 1)`;
}

function latestEvaluation(organizationId: number) {
  return (
    db
      .select({
        grade: evaluations.grade,
        score: evaluations.score,
        periodStart: evaluations.periodStart,
        periodEnd: evaluations.periodEnd,
      })
      .from(evaluations)
      .where(eq(evaluations.organizationId, organizationId))
      .orderBy(desc(evaluations.createdAt), desc(evaluations.id))
      .limit(1)
      .get() ?? null
  );
}

/** The most recent residency: resident (在孵), graduated (出壳) or exited, with its incubator. */
function incubation(organizationId: number) {
  return (
    db
      .select({
        state: residencies.state,
        incubatorName: incubators.name,
        startsOn: residencies.startsOn,
        endsOn: residencies.endsOn,
      })
      .from(residencies)
      .innerJoin(incubators, eq(incubators.id, residencies.incubatorId))
      .where(eq(residencies.organizationId, organizationId))
      .orderBy(desc(residencies.startsOn), desc(residencies.id))
      .limit(1)
      .get() ?? null
  );
}

/** What the platform itself records about an organization: the public track record. */
export function organizationTrackRecord(organizationId: number) {
  const contractsCompleted = db
    .select({ n: count() })
    .from(contracts)
    .where(and(eq(contracts.organizationId, organizationId), eq(contracts.state, 'completed')))
    .get()!.n;
  return {
    figures: organizationFigures(organizationId),
    basis: organizationBasis(organizationId),
    contractsCompleted,
    latestEvaluation: latestEvaluation(organizationId),
    incubation: incubation(organizationId),
  };
}
