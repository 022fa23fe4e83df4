import { and, eq, inArray, sql } from 'drizzle-orm';
import { contracts } from '../../db/schema';
import { baseWeights, weightedScore } from './model';
import { organizationFigures } from '~/delivery/figures.server';
import { db } from '~/lib/db.server';

/** Completion (sessions delivered / contracted over signed contracts) and satisfaction, combined. */
export function organizationEvaluation(organizationId: number) {
  const figures = organizationFigures(organizationId);
  const contracted = db
    .select({ sessions: sql<number>`coalesce(sum(${contracts.sessions}), 0)` })
    .from(contracts)
    .where(and(eq(contracts.organizationId, organizationId), inArray(contracts.state, ['active', 'completed'])))
    .get()!.sessions;
  const indicators = {
    completion: contracted ? figures.sessionsDelivered / contracted : null,
    satisfaction: figures.satisfaction,
  };
  return {
    figures,
    contractedSessions: contracted,
    indicators,
    weights: baseWeights,
    result: weightedScore(indicators, baseWeights),
  };
}
