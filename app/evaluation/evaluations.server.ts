import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { complaints, evaluations } from '../../db/schema/evaluation';
import { incubators, residencies } from '../../db/schema/incubation';
import { contracts } from '../../db/schema/procurement';
import { gradeThresholds, type Grade } from './grades';
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
import { contractsFigures } from '~/delivery/figures.server';
import { effectiveSettings, performanceModel } from '~/incubation/settings';
import { audit, pick } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { shanghaiDate, shanghaiSeconds, shanghaiYearMonth } from '~/lib/time';
import { evaluatedContractStates } from './permissions';
import './audit-subjects.server';

type Contract = typeof contracts.$inferSelect;
export type Period = { start: string; end: string };

/**
 * A contract runs over its service period; without one, from signing (or drawing up) on. Both
 * ends are Asia/Shanghai dates, 'YYYY-MM-DD'. Refers to the table as `contracts` (no alias).
 */
export function contractOverlaps(period: Period): SQL {
  return sql`(coalesce(contracts.period_start, date(${shanghaiSeconds(sql`coalesce(contracts.signed_at, contracts.created_at)`)}, 'unixepoch')) <= ${period.end}
    and (contracts.period_end >= ${period.start} or contracts.period_end is null))`;
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
  return contractsFacts([contract])[0]!;
}

type ContractCounts = {
  contractId: number;
  expected: number;
  due: number;
  onTime: number;
  upheld: number;
  /** The latest contract evaluation's indicators (JSON), whose judgement carries over. */
  indicators: string | null;
};

/** The report and complaint counts of many contracts, in one query. */
function contractCounts(contractIds: number[]) {
  const deadlineMs = reportDeadlineDays * 86_400_000;
  const ids = sql.join(
    contractIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = db.all<ContractCounts>(sql`
    select c.id as contractId,
      coalesce((select sum(e.expected_attendance) from events e where e.contract_id = c.id and e.state = 'accepted'), 0) as expected,
      (select count(*) from events e where e.contract_id = c.id and e.state <> 'cancelled'
        and (e.reported_at is not null or e.ends_at + ${deadlineMs} < ${now().getTime()})) as due,
      (select count(*) from events e where e.contract_id = c.id and e.state <> 'cancelled'
        and e.reported_at <= e.ends_at + ${deadlineMs}) as onTime,
      (select count(*) from complaints x where x.contract_id = c.id and x.state = 'upheld') as upheld,
      (select v.indicators from evaluations v where v.contract_id = c.id order by v.id desc limit 1) as indicators
    from contracts c where c.id in (${ids})`);
  return new Map(rows.map((r) => [r.contractId, r]));
}

/** `contractFacts` of many contracts with a fixed number of queries. */
function contractsFacts(list: Contract[]): Facts[] {
  if (!list.length) return [];
  const figures = contractsFigures(list.map((c) => c.id));
  const counts = contractCounts(list.map((c) => c.id));
  return list.map((contract) => {
    const f = figures.get(contract.id)!;
    const row = counts.get(contract.id)!;
    const judgement = row.indicators ? (JSON.parse(row.indicators) as Record<string, number | null>).judgement : null;
    // The contract's minimum worker-visits, pro rata per delivered session; else the events' own targets.
    const attendanceTarget =
      contract.minWorkerVisits > 0
        ? (contract.minWorkerVisits * f.sessionsDelivered) / contract.sessions
        : row.expected;
    return {
      contractedSessions: contract.sessions,
      deliveredSessions: f.sessionsDelivered,
      workerVisits: f.workerVisits,
      attendanceTarget,
      ratings: f.ratings,
      satisfiedRatings: Math.round((f.satisfaction ?? 0) * f.ratings),
      checkins: f.checkins,
      reportsDue: row.due,
      reportsOnTime: row.onTime,
      upheldComplaints: row.upheld,
      judgement: judgement ?? null,
    };
  });
}

/** The organization's contracts (those running in `period`, or all) evaluated as one. */
export function organizationFacts(organizationId: number, period?: Period) {
  return addFacts(contractsFacts(evaluatedContracts(organizationId, period)));
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
  const computed = weightedScore(values, input.model.weights);
  if (!computed) return null;
  const { score, grade } = adjustedScore(computed.score, input.review.adjustment);
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
      // The scale goes with the row, so a row graded before the scale was one keeps its explanation.
      model: { ...input.model, thresholds: gradeThresholds },
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
    start: contract.periodStart ?? shanghaiDate(contract.signedAt ?? contract.createdAt),
    end: contract.periodEnd ?? shanghaiDate(now()),
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
  const { year, month } = shanghaiYearMonth(at);
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
 * At most `limit` per call, some 2.5 ms each: a quarter's end makes every organization due at once
 * (tens of thousands nationally), and the clock runs in a process that serves requests too and
 * holds the database's write lock meanwhile; the next ticks record the rest.
 */
export function recordDuePeriodEvaluations(limit = 20) {
  const period = lastEndedQuarter(now());
  // The inner query is kept apart (`limit -1`) so SQLite finds running contracts by their period's
  // end (an index) rather than reading every contract in organization order for the `distinct`.
  const due = db.all<{ organizationId: number }>(sql`
    select distinct organization_id as organizationId from (
      select contracts.organization_id from contracts
      where contracts.state in ('active', 'completed', 'terminated') and ${contractOverlaps(period)}
        and not exists (
          select 1 from evaluations v where v.organization_id = contracts.organization_id and v.contract_id is null
            and v.created_by is null and v.period_start = ${period.start} and v.period_end = ${period.end})
      limit -1)
    limit ${limit}
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

/**
 * A resident's periodic evaluation, published by its incubator (app/incubation/residency-evaluations.server.ts),
 * joins the organization's record; its audit entry is the publication's.
 */
export function recordResidentEvaluation(
  tx: DB,
  input: {
    organizationId: number;
    incubatorId: number;
    period: Period;
    weights: Record<string, number>;
    result: { score: number; grade: Grade };
    indicators: Record<string, number>;
    createdBy: number;
  },
) {
  return tx
    .insert(evaluations)
    .values({
      organizationId: input.organizationId,
      incubatorId: input.incubatorId,
      periodStart: input.period.start,
      periodEnd: input.period.end,
      basis: 'period',
      model: { weights: input.weights, thresholds: gradeThresholds },
      score: input.result.score,
      grade: input.result.grade,
      indicators: input.indicators,
      createdBy: input.createdBy,
    })
    .returning()
    .get();
}
