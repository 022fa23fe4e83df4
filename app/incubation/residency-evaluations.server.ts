import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import { residencyEvaluationScores, residencyEvaluations } from '../../db/schema/incubation';
import { contracts } from '../../db/schema/procurement';
import { addDays, dayStart, daysInclusive, shanghaiDate } from '~/lib/time';
import { residencyEvaluationMachine } from './machine';
import {
  evaluationAbilities,
  mayCloseEvaluation,
  mayManageResidency,
  mayReadEvaluation,
  mayScoreEvaluation,
} from './permissions';
import { requireResidency, requireVisibleResidency } from './residencies.server';
import { judgedIndicators, measuredIndicators, type IncubatorSettings, type JudgedIndicator } from './settings';
import { forbidden, notFound, type Viewer } from '~/accounts/auth.server';
import { figuresBetween } from '~/delivery/figures.server';
import { recordResidentEvaluation } from '~/evaluation/evaluations.server';
import { gradeMinimums } from '~/evaluation/grades';
import { weightedScore } from '~/evaluation/model';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import { enforce } from '~/lib/permission';
import { notify } from '~/notifications/notify.server';
import { organizationMemberIds } from '~/organizations/organizations.server';
import { staffWithRole } from '~/unions/unions.server';
import './audit-subjects.server';

type Period = { start: string; end: string };
type ResidencyEvaluation = typeof residencyEvaluations.$inferSelect;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Days of `a` that fall inside `b`, both inclusive ISO date ranges. */
function overlapDays(a: Period, b: Period) {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return end < start ? 0 : daysInclusive(start, end);
}

/**
 * What the platform measures about a resident over a period (the handbook's chapter 3):
 * delivered sessions and worker-visits against what its contracts called for in the period
 * (each contract's totals prorated by the days of its service period inside the evaluation
 * period), the satisfaction rate, and the share of contracts due in the period delivered on time.
 * An indicator with nothing to measure is null and left out of the score.
 */
export function measureResident(tx: DB, organizationId: number, period: Period) {
  const figures = figuresBetween({ organizationId }, dayStart(period.start), dayStart(addDays(period.end, 1)));
  const signed = tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.organizationId, organizationId), inArray(contracts.state, ['active', 'completed'])))
    .all()
    .filter((c): c is typeof c & { periodStart: string; periodEnd: string } => !!c.periodStart && !!c.periodEnd);
  let expectedSessions = 0;
  let expectedVisits = 0;
  for (const c of signed) {
    const share =
      overlapDays({ start: c.periodStart, end: c.periodEnd }, period) / daysInclusive(c.periodStart, c.periodEnd);
    expectedSessions += c.sessions * share;
    expectedVisits += c.minWorkerVisits * share;
  }
  const due = signed.filter((c) => c.periodEnd >= period.start && c.periodEnd <= period.end);
  const onTime = due.filter(
    (c) =>
      figuresBetween({ contractId: c.id }, new Date(0), dayStart(addDays(c.periodEnd, 1))).sessionsDelivered >=
      c.sessions,
  ).length;
  return {
    figures: {
      sessionsDelivered: figures.sessionsDelivered,
      expectedSessions: round1(expectedSessions),
      workerVisits: figures.workerVisits,
      expectedVisits: round1(expectedVisits),
      ratings: figures.ratings,
      contractsDue: due.length,
      contractsOnTime: onTime,
      pending: figures.pending,
    },
    indicators: {
      sessions: expectedSessions > 0 ? figures.sessionsDelivered / expectedSessions : null,
      workerVisits: expectedVisits > 0 ? figures.workerVisits / expectedVisits : null,
      satisfaction: figures.satisfaction,
      onTime: due.length ? onTime / due.length : null,
    } satisfies Record<(typeof measuredIndicators)[number], number | null>,
  };
}

function reviewerScores(tx: DB, evaluationId: number) {
  return tx
    .select({
      reviewerId: residencyEvaluationScores.reviewerId,
      name: users.name,
      indicator: residencyEvaluationScores.indicator,
      score: residencyEvaluationScores.score,
      comment: residencyEvaluationScores.comment,
    })
    .from(residencyEvaluationScores)
    .innerJoin(users, eq(users.id, residencyEvaluationScores.reviewerId))
    .where(eq(residencyEvaluationScores.residencyEvaluationId, evaluationId))
    .orderBy(asc(residencyEvaluationScores.id))
    .all();
}

/** Measured and judged indicators, and the weighted score and grade under the incubator's settings. */
export function evaluationResult(
  tx: DB,
  evaluation: ResidencyEvaluation,
  organizationId: number,
  settings: IncubatorSettings,
) {
  const measured =
    evaluation.state === 'published' && evaluation.measured
      ? (evaluation.measured as ReturnType<typeof measureResident>['indicators'])
      : null;
  const measurement = measured
    ? null
    : measureResident(tx, organizationId, { start: evaluation.periodStart, end: evaluation.periodEnd });
  const scores = reviewerScores(tx, evaluation.id);
  const judged = Object.fromEntries(
    judgedIndicators.map((indicator) => {
      const given = scores.filter((s) => s.indicator === indicator).map((s) => s.score);
      return [indicator, given.length ? given.reduce((a, b) => a + b, 0) / given.length / 100 : null];
    }),
  ) as Record<JudgedIndicator, number | null>;
  const indicators = { ...(measured ?? measurement!.indicators), ...judged };
  return {
    figures: measurement?.figures ?? null,
    indicators,
    scores,
    result: weightedScore(indicators, settings.evaluation.weights),
  };
}

function getEvaluation(tx: DB, residencyId: number, evaluationId: number) {
  const evaluation = tx
    .select()
    .from(residencyEvaluations)
    .where(and(eq(residencyEvaluations.id, evaluationId), eq(residencyEvaluations.residencyId, residencyId)))
    .get();
  if (!evaluation) notFound();
  return evaluation;
}

export function openEvaluation(viewer: Viewer, residencyId: number, period: Period) {
  const { incubator, organization, standing } = requireVisibleResidency(viewer, residencyId);
  if (!standing.manager) forbidden();
  if (period.end < period.start) throw new UserError('incubation.errors.periodOrder', 422);
  if (period.end > shanghaiDate(now())) throw new UserError('incubation.errors.periodFuture', 422);
  return transaction((tx) => {
    enforce(mayManageResidency(requireResidency(tx, residencyId), standing));
    const open = tx
      .select({ id: residencyEvaluations.id })
      .from(residencyEvaluations)
      .where(and(eq(residencyEvaluations.residencyId, residencyId), eq(residencyEvaluations.state, 'open')))
      .get();
    if (open) throw new UserError('incubation.errors.evaluationOpen', 409);
    const evaluation = tx
      .insert(residencyEvaluations)
      .values({ residencyId, periodStart: period.start, periodEnd: period.end, openedBy: viewer.id })
      .returning()
      .get();
    audit(tx, { actorId: viewer.id, action: 'evaluation.open', subjectType: 'residency', subjectId: residencyId });
    tellScorers(tx, incubator.unionId, organization, `/residencies/${residencyId}/evaluations/${evaluation.id}`);
    return evaluation.id;
  });
}

/**
 * An opened evaluation waits on the union's reviewers who may score it (mayScoreEvaluation: not the
 * organization's own members): they are told.
 */
function tellScorers(tx: DB, unionId: number, organization: { id: number; name: string }, path: string) {
  const members = new Set(organizationMemberIds(tx, organization.id));
  for (const userId of staffWithRole(tx, unionId, 'reviewer'))
    if (!members.has(userId)) notify(tx, userId, 'evaluation_opened', { organization: organization.name, path });
}

/** A reviewer's scores for the judged indicators; not for a reviewer who belongs to the resident. */
export function scoreEvaluation(
  viewer: Viewer,
  residencyId: number,
  evaluationId: number,
  input: { scores: Record<JudgedIndicator, number>; comment: string },
) {
  const { standing } = requireVisibleResidency(viewer, residencyId);
  if (!standing.reviewer) forbidden();
  if (standing.member) throw new UserError('errors.conflictOfInterest', 403);
  transaction((tx) => {
    enforce(mayScoreEvaluation(getEvaluation(tx, residencyId, evaluationId), standing));
    for (const indicator of judgedIndicators) {
      const values = { score: input.scores[indicator], comment: input.comment };
      tx.insert(residencyEvaluationScores)
        .values({ residencyEvaluationId: evaluationId, reviewerId: viewer.id, indicator, ...values })
        .onConflictDoUpdate({
          target: [
            residencyEvaluationScores.residencyEvaluationId,
            residencyEvaluationScores.reviewerId,
            residencyEvaluationScores.indicator,
          ],
          set: values,
        })
        .run();
    }
    audit(tx, { actorId: viewer.id, action: 'evaluation.score', subjectType: 'residency', subjectId: residencyId });
  });
}

/**
 * Publishing freezes what was measured, records the result in `evaluations` (which feeds exit
 * reviews and tenders' track record) and tells the organization.
 */
export function publishEvaluation(viewer: Viewer, residencyId: number, evaluationId: number) {
  const { incubator, residency, organization, standing } = requireVisibleResidency(viewer, residencyId);
  if (!standing.manager) forbidden();
  transaction((tx) => {
    const evaluation = getEvaluation(tx, residencyId, evaluationId);
    enforce(mayCloseEvaluation(evaluation, standing));
    const state = transition(residencyEvaluationMachine, evaluation.state, 'publish', 'incubator_manager');
    const { indicators, result } = evaluationResult(tx, evaluation, residency.organizationId, incubator.settings);
    if (judgedIndicators.some((i) => indicators[i] === null))
      throw new UserError('incubation.errors.judgedMissing', 409);
    if (!result) throw new UserError('incubation.errors.judgedMissing', 409);
    const measured = Object.fromEntries(measuredIndicators.map((i) => [i, indicators[i]]));
    const recorded = recordResidentEvaluation(tx, {
      organizationId: residency.organizationId,
      incubatorId: incubator.id,
      period: { start: evaluation.periodStart, end: evaluation.periodEnd },
      weights: incubator.settings.evaluation.weights,
      result,
      indicators: Object.fromEntries(
        Object.entries(indicators).filter((entry): entry is [string, number] => entry[1] !== null),
      ),
      createdBy: viewer.id,
    });
    tx.update(residencyEvaluations)
      .set({
        state,
        measured,
        model: { weights: incubator.settings.evaluation.weights, thresholds: gradeMinimums },
        score: result.score,
        grade: result.grade,
        evaluationId: recorded.id,
        publishedAt: now(),
      })
      .where(eq(residencyEvaluations.id, evaluationId))
      .run();
    for (const userId of organizationMemberIds(tx, residency.organizationId)) {
      notify(tx, userId, 'evaluation_published', {
        organization: organization.name,
        score: result.score,
        grade: result.grade,
        path: `/residencies/${residencyId}/evaluations/${evaluationId}`,
      });
    }
    audit(tx, {
      actorId: viewer.id,
      action: 'evaluation.publish',
      subjectType: 'residency',
      subjectId: residencyId,
      data: { evaluationId: recorded.id, score: result.score, grade: result.grade },
      before: { evaluationId, state: evaluation.state },
      after: { evaluationId, state, score: result.score, grade: result.grade },
    });
  });
}

export function cancelEvaluation(viewer: Viewer, residencyId: number, evaluationId: number) {
  const { standing } = requireVisibleResidency(viewer, residencyId);
  if (!standing.manager) forbidden();
  transaction((tx) => {
    const evaluation = getEvaluation(tx, residencyId, evaluationId);
    enforce(mayCloseEvaluation(evaluation, standing));
    const state = transition(residencyEvaluationMachine, evaluation.state, 'cancel', 'incubator_manager');
    tx.update(residencyEvaluations).set({ state }).where(eq(residencyEvaluations.id, evaluationId)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'evaluation.cancel',
      subjectType: 'residency',
      subjectId: residencyId,
      before: { evaluationId, state: evaluation.state },
      after: { evaluationId, state },
    });
  });
}

/** Staff see an evaluation while it is open; the organization sees it once published. */
export function evaluationView(viewer: Viewer, residencyId: number, evaluationId: number) {
  const visible = requireVisibleResidency(viewer, residencyId);
  const evaluation = getEvaluation(db, residencyId, evaluationId);
  if (!mayReadEvaluation(evaluation, visible.isStaff)) forbidden();
  const frozen = evaluation.model;
  const settings = frozen
    ? {
        ...visible.incubator.settings,
        evaluation: { ...visible.incubator.settings.evaluation, weights: frozen.weights },
      }
    : visible.incubator.settings;
  const computed = evaluationResult(db, evaluation, visible.residency.organizationId, settings);
  return {
    ...visible,
    evaluation,
    settings,
    ...computed,
    // A published evaluation is not regraded: it shows the grade it was published with and the
    // scale that gave it (before decision 097 an incubator could set its own).
    result: computed.result && evaluation.grade ? { ...computed.result, grade: evaluation.grade } : computed.result,
    scale: frozen?.thresholds ?? gradeMinimums,
    can: evaluationAbilities(evaluation, visible.standing),
  };
}

/**
 * The period a new evaluation proposes: from the day after the last published one (or the start of
 * the term) to today, or to the term's end once it has ended. A start that would fall after the end
 * (the last evaluation ran to today, the term has not begun) is moved back to the end: a one-day
 * period the manager widens, never a form that starts after it ends.
 */
export function nextEvaluationPeriod(
  residency: { startsOn: string; endsOn: string },
  lastPublishedEnd: string | undefined,
  today: string,
) {
  const end = residency.endsOn < today ? residency.endsOn : today;
  const start = lastPublishedEnd ? addDays(lastPublishedEnd, 1) : residency.startsOn;
  return { start: start > end ? end : start, end };
}

/** The evaluations this viewer may read (staff: all; the organization: published), and the next one's period. */
export function residencyEvaluationsFor(
  residency: { id: number; startsOn: string; endsOn: string },
  isStaff: boolean,
  today: string,
) {
  const all = db
    .select()
    .from(residencyEvaluations)
    .where(eq(residencyEvaluations.residencyId, residency.id))
    .orderBy(desc(residencyEvaluations.periodEnd), desc(residencyEvaluations.id))
    .all();
  const lastPublished = all.find((e) => e.state === 'published');
  return {
    evaluations: all.filter((e) => mayReadEvaluation(e, isStaff)),
    nextPeriod: nextEvaluationPeriod(residency, lastPublished?.periodEnd, today),
  };
}
