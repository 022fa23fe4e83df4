import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { complaints, contracts, evaluations, incubators, residencies } from '../../db/schema';
import type { EvaluationBasis } from './machine';
import {
  addFacts,
  adjustedScore,
  defaultModel,
  indicatorValues,
  reportDeadlineDays,
  weightedScore,
  type Facts,
  type Model,
} from './model';
import { contractFigures } from '~/delivery/figures.server';
import { effectiveSettings, performanceModel } from '~/incubation/settings';
import { audit, pick } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { toShanghaiInput } from '~/lib/time';

type Contract = typeof contracts.$inferSelect;
export type Period = { start: string; end: string };

/** Contracts whose sessions count: signed, whether still running, completed or terminated. */
export const evaluatedContractStates = ['active', 'completed', 'terminated'] as const;

export const shanghaiDay = (date: Date) => toShanghaiInput(date).slice(0, 10);

/**
 * A contract runs over its service period; without one, from signing (or drawing up) on. Both
 * ends are Asia/Shanghai dates, 'YYYY-MM-DD'. Refers to the table as `contracts` (no alias).
 */
export function contractOverlaps(period: Period): SQL {
  return sql`(coalesce(contracts.period_start, date(coalesce(contracts.signed_at, contracts.created_at) / 1000 + 28800, 'unixepoch')) <= ${period.end}
    and coalesce(contracts.period_end, '9999-12-31') >= ${period.start})`;
}

function evaluatedContracts(organizationId: number, period?: Period) {
  return db
    .select()
    .from(contracts)
    .where(
      and(
        eq(contracts.organizationId, organizationId),
        inArray(contracts.state, [...evaluatedContractStates]),
        period ? contractOverlaps(period) : undefined,
      ),
    )
    .all();
}

export function latestContractEvaluation(contractId: number) {
  return db
    .select()
    .from(evaluations)
    .where(eq(evaluations.contractId, contractId))
    .orderBy(desc(evaluations.id))
    .limit(1)
    .get();
}

/** The counts one contract's indicators are computed from, as of the server's clock. */
export function contractFacts(contract: Contract): Facts {
  const figures = contractFigures(contract.id);
  const deadlineMs = reportDeadlineDays * 86_400_000;
  const row = db.get<{ expected: number; due: number; onTime: number; upheld: number }>(sql`
    select
      (select coalesce(sum(expected_attendance), 0) from events where contract_id = ${contract.id} and state = 'accepted') as expected,
      (select count(*) from events where contract_id = ${contract.id} and state <> 'cancelled'
        and (reported_at is not null or ends_at + ${deadlineMs} < ${now().getTime()})) as due,
      (select count(*) from events where contract_id = ${contract.id} and state <> 'cancelled'
        and reported_at <= ends_at + ${deadlineMs}) as onTime,
      (select count(*) from complaints where contract_id = ${contract.id} and state = 'upheld') as upheld
  `)!;
  // The contract's minimum worker-visits, pro rata per delivered session; else the events' own targets.
  const attendanceTarget =
    contract.minWorkerVisits > 0
      ? (contract.minWorkerVisits * figures.sessionsDelivered) / contract.sessions
      : row.expected;
  return {
    contractedSessions: contract.sessions,
    deliveredSessions: figures.sessionsDelivered,
    workerVisits: figures.workerVisits,
    attendanceTarget,
    ratings: figures.ratings,
    satisfiedRatings: Math.round((figures.satisfaction ?? 0) * figures.ratings),
    checkins: figures.checkins,
    reportsDue: row.due,
    reportsOnTime: row.onTime,
    upheldComplaints: row.upheld,
    judgement: latestContractEvaluation(contract.id)?.indicators.judgement ?? null,
  };
}

/** The organization's contracts (those running in `period`, or all) evaluated as one. */
export function organizationFacts(organizationId: number, period?: Period) {
  return addFacts(evaluatedContracts(organizationId, period).map(contractFacts));
}

type Review = { judgement: number | null; adjustment: number; reason: string | null };

function insertEvaluation(
  tx: DB,
  input: {
    organizationId: number;
    contractId: number | null;
    incubatorId?: number | null;
    period: Period;
    basis: EvaluationBasis;
    facts: Facts;
    review: Review;
    model: Model;
    createdBy: number | null;
  },
) {
  const values = indicatorValues({ ...input.facts, judgement: input.review.judgement });
  const computed = weightedScore(values, input.model.weights, input.model.thresholds);
  if (!computed) return null;
  const { score, grade } = adjustedScore(computed.score, input.review.adjustment, input.model.thresholds);
  const row = tx
    .insert(evaluations)
    .values({
      organizationId: input.organizationId,
      contractId: input.contractId,
      incubatorId: input.incubatorId ?? null,
      periodStart: input.period.start,
      periodEnd: input.period.end,
      basis: input.basis,
      score,
      grade,
      indicators: values,
      model: input.model,
      adjustment: input.review.adjustment,
      adjustmentReason: input.review.reason,
      createdBy: input.createdBy,
    })
    .returning()
    .get();
  audit(tx, {
    actorId: input.createdBy,
    action: 'evaluation.record',
    subjectType: 'evaluation',
    subjectId: row.id,
    after: pick(row, ['organizationId', 'contractId', 'incubatorId', 'basis', 'score', 'grade', 'adjustment']),
  });
  return row;
}

function contractPeriod(contract: Contract): Period {
  return {
    start: contract.periodStart ?? shanghaiDay(contract.signedAt ?? contract.createdAt),
    end: contract.periodEnd ?? shanghaiDay(now()),
  };
}

/**
 * The model an organization is evaluated with: while it is an active resident, its incubator's
 * (the earliest residency's, should it be resident in two); otherwise the default.
 */
export function organizationModel(tx: DB, organizationId: number): { incubatorId?: number; model: Model } {
  const resident = tx
    .select({ incubatorId: incubators.id, settings: incubators.settings })
    .from(residencies)
    .innerJoin(incubators, eq(incubators.id, residencies.incubatorId))
    .where(and(eq(residencies.organizationId, organizationId), eq(residencies.state, 'active')))
    .orderBy(asc(residencies.startsOn), asc(residencies.id))
    .get();
  if (!resident) return { model: defaultModel };
  return { incubatorId: resident.incubatorId, model: performanceModel(effectiveSettings(resident.settings)) };
}

/**
 * Appends the contract's evaluation as of now, with the organization's model. Without a review,
 * the latest reviewer's judgement and adjustment carry over, so the newest row is always the
 * contract's current evaluation.
 */
export function recordContractEvaluation(
  tx: DB,
  contractId: number,
  basis: EvaluationBasis,
  review?: Review & { by: number },
) {
  const contract = tx.select().from(contracts).where(eq(contracts.id, contractId)).get()!;
  const latest = latestContractEvaluation(contractId);
  const { incubatorId, model } = organizationModel(tx, contract.organizationId);
  return insertEvaluation(tx, {
    organizationId: contract.organizationId,
    contractId,
    incubatorId,
    period: contractPeriod(contract),
    basis,
    facts: contractFacts(contract),
    review: review ?? {
      judgement: latest?.indicators.judgement ?? null,
      adjustment: latest?.adjustment ?? 0,
      reason: latest?.adjustmentReason ?? null,
    },
    model,
    createdBy: review?.by ?? null,
  });
}

/**
 * Appends an organization's evaluation for a period, over the contracts running in it, with the
 * model passed (the clock passes `organizationModel`'s for each quarter).
 */
export function recordOrganizationEvaluation(
  tx: DB,
  organizationId: number,
  period: Period,
  options: { incubatorId?: number; model?: Model; createdBy?: number; review?: Review } = {},
) {
  const facts = organizationFacts(organizationId, period);
  return insertEvaluation(tx, {
    organizationId,
    contractId: null,
    incubatorId: options.incubatorId ?? null,
    period,
    basis: 'period',
    facts,
    review: options.review ?? { judgement: facts.judgement, adjustment: 0, reason: null },
    model: options.model ?? defaultModel,
    createdBy: options.createdBy ?? null,
  });
}

/** The calendar quarter (Asia/Shanghai) that ended last before `at`. */
export function lastEndedQuarter(at: Date): Period {
  const [year, month] = shanghaiDay(at).split('-').map(Number) as [number, number];
  const quarter = Math.floor((month - 1) / 3);
  const [y, q] = quarter === 0 ? [year - 1, 3] : [year, quarter - 1];
  const startMonth = q * 3 + 1;
  const lastDay = new Date(Date.UTC(y, startMonth + 2, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { start: `${y}-${mm(startMonth)}-01`, end: `${y}-${mm(startMonth + 2)}-${lastDay}` };
}

/**
 * The clock's part: each organization with contracts in the quarter just ended gets its evaluation,
 * with its incubator's model while it is a resident. The clock's rows are those nobody created.
 */
export function recordDuePeriodEvaluations() {
  const period = lastEndedQuarter(now());
  const due = db.all<{ organizationId: number }>(sql`
    select distinct contracts.organization_id as organizationId from contracts
    where contracts.state in ('active', 'completed', 'terminated') and ${contractOverlaps(period)}
      and not exists (
        select 1 from evaluations v where v.organization_id = contracts.organization_id and v.contract_id is null
          and v.created_by is null and v.period_start = ${period.start} and v.period_end = ${period.end})
  `);
  for (const { organizationId } of due)
    transaction((tx) =>
      recordOrganizationEvaluation(tx, organizationId, period, organizationModel(tx, organizationId)),
    );
  return due.length;
}

export function contractEvaluations(contractId: number) {
  return db
    .select()
    .from(evaluations)
    .where(eq(evaluations.contractId, contractId))
    .orderBy(desc(evaluations.id))
    .all();
}

export function organizationEvaluations(organizationId: number) {
  return db
    .select({ evaluation: evaluations, contractTitle: contracts.title })
    .from(evaluations)
    .leftJoin(contracts, eq(contracts.id, evaluations.contractId))
    .where(eq(evaluations.organizationId, organizationId))
    .orderBy(desc(evaluations.id))
    .all();
}

export function contractComplaints(contractId: number) {
  return db.select().from(complaints).where(eq(complaints.contractId, contractId)).orderBy(desc(complaints.id)).all();
}
