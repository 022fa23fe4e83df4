import { and, desc, eq } from 'drizzle-orm';
import { milestones } from '../../db/schema/payments';
import type { DB } from '~/lib/db.server';

/**
 * A contract's payment plan, written by payments (which owns milestones) when procurement draws up,
 * issues or amends the contract.
 */
type MilestonePlan = { signingPercent: number; sessionsPercent: number; sessionsThreshold?: number };

/** 30% on signing, 70% on final acceptance: the split the seeds' unions use. */
const standardPlan: MilestonePlan = { signingPercent: 30, sessionsPercent: 0 };

/** Payment milestones for the plan; the final one (on acceptance of all sessions) takes the rest. */
function createMilestones(tx: DB, contractId: number, amountFen: number, sessions: number, plan: MilestonePlan) {
  const signing = Math.round((amountFen * plan.signingPercent) / 100);
  const bySessions = Math.round((amountFen * plan.sessionsPercent) / 100);
  const rows = [
    signing > 0 ? { contractId, label: 'signing', amountFen: signing, condition: 'signing' } : null,
    bySessions > 0
      ? {
          contractId,
          label: 'sessions',
          amountFen: bySessions,
          condition: 'sessions',
          conditionSessions: Math.min(plan.sessionsThreshold ?? sessions, sessions),
        }
      : null,
    {
      contractId,
      label: 'final',
      amountFen: amountFen - signing - bySessions,
      condition: 'final',
      conditionSessions: sessions,
    },
  ].filter((r) => r !== null);
  tx.insert(milestones).values(rows).run();
}

export function createStandardMilestones(tx: DB, contractId: number, amountFen: number, sessions: number) {
  createMilestones(tx, contractId, amountFen, sessions, standardPlan);
}

/** A draft contract's plan set anew when it is issued. */
export function replaceMilestones(
  tx: DB,
  contractId: number,
  amountFen: number,
  sessions: number,
  plan: MilestonePlan,
) {
  tx.delete(milestones).where(eq(milestones.contractId, contractId)).run();
  createMilestones(tx, contractId, amountFen, sessions, plan);
}

/**
 * An amendment's change of amount lands on the last milestone not yet due (the final one also takes
 * the new number of sessions). False, and nothing written, when that would leave it at zero or less.
 */
export function amendPendingMilestone(tx: DB, contractId: number, deltaFen: number, sessions: number) {
  const last = tx
    .select()
    .from(milestones)
    .where(and(eq(milestones.contractId, contractId), eq(milestones.state, 'pending')))
    .orderBy(desc(milestones.id))
    .get();
  if (deltaFen !== 0 && (!last || last.amountFen + deltaFen <= 0)) return false;
  if (last)
    tx.update(milestones)
      .set({
        amountFen: last.amountFen + deltaFen,
        conditionSessions: last.condition === 'final' ? sessions : last.conditionSessions,
      })
      .where(eq(milestones.id, last.id))
      .run();
  return true;
}
