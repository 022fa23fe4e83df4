import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import {
  applicationAttachments,
  applicationScores,
  incubationApplications,
  incubators,
  residencies,
} from '../../db/schema/incubation';
import { organizations } from '../../db/schema/organizations';
import { addMonths, shanghaiDate } from '~/lib/time';
import { requireIncubator, incubationStanding, isIncubatorStaff, type Incubator } from './incubators.server';
import { applicationMachine, type ApplicationState } from './machine';
import {
  applicationAbilities,
  mayAdmitWithScore,
  mayDecideApplication,
  mayEditApplication,
  mayScoreApplication,
  mayStartReview,
  maySubmitApplication,
  mayWithdrawApplication,
} from './permissions';
import { entryCriteria, type EntryCriterion, type IncubatorSettings } from './settings';
import { forbidden, isOrgMember, notFound, requireOrgMember, type Viewer } from '~/accounts/auth.server';
import { weightedScore } from '~/evaluation/model';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import { enforce } from '~/lib/permission';
import { notify } from '~/notifications/notify.server';
import { requireOrganization, organizationMemberIds } from '~/organizations/organizations.server';
import { staffWithRole } from '~/unions/unions.server';
import './audit-subjects.server';

type Application = typeof incubationApplications.$inferSelect;

export const openApplicationStates: readonly ApplicationState[] = ['draft', 'submitted', 'under_review'];

function getApplication(tx: DB, applicationId: number): Application {
  const application = tx
    .select()
    .from(incubationApplications)
    .where(eq(incubationApplications.id, applicationId))
    .get();
  if (!application) notFound();
  return application;
}

/** The application with its incubator, for a member of the applying organization or the incubator's staff. */
export function requireVisibleApplication(viewer: Viewer, applicationId: number) {
  const application = getApplication(db, applicationId);
  const incubator = requireIncubator(application.incubatorId);
  const isMember = isOrgMember(viewer, application.organizationId);
  const isStaff = isIncubatorStaff(viewer, incubator);
  if (!isMember && !isStaff) forbidden();
  return {
    application,
    incubator,
    isMember,
    isStaff,
    standing: incubationStanding(viewer, application.organizationId, incubator),
  };
}

function hasActiveResidency(tx: DB, incubatorId: number, organizationId: number) {
  return !!tx
    .select({ id: residencies.id })
    .from(residencies)
    .where(
      and(
        eq(residencies.incubatorId, incubatorId),
        eq(residencies.organizationId, organizationId),
        eq(residencies.state, 'active'),
      ),
    )
    .get();
}

/** Opens a draft, or returns the organization's application there that is still open. */
export function startApplication(viewer: Viewer, incubatorId: number, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  requireIncubator(incubatorId);
  return transaction((tx) => {
    if (hasActiveResidency(tx, incubatorId, organizationId))
      throw new UserError('incubation.errors.alreadyResident', 409);
    const open = tx
      .select({ id: incubationApplications.id })
      .from(incubationApplications)
      .where(
        and(
          eq(incubationApplications.incubatorId, incubatorId),
          eq(incubationApplications.organizationId, organizationId),
          inArray(incubationApplications.state, openApplicationStates),
        ),
      )
      .get();
    if (open) return open.id;
    const application = tx.insert(incubationApplications).values({ incubatorId, organizationId }).returning().get();
    audit(tx, {
      actorId: viewer.id,
      action: 'application.create',
      subjectType: 'application',
      subjectId: application.id,
    });
    return application.id;
  });
}

export function savePlan(viewer: Viewer, applicationId: number, plan: string) {
  transaction((tx) => {
    const application = getApplication(tx, applicationId);
    const incubator = requireIncubator(application.incubatorId);
    enforce(mayEditApplication(application, incubationStanding(viewer, application.organizationId, incubator)));
    tx.update(incubationApplications).set({ plan }).where(eq(incubationApplications.id, applicationId)).run();
  });
}

/** The handbook's entry conditions that the platform can check itself. */
function assertMeetsEntryConditions(application: Application, settings: IncubatorSettings) {
  const organization = requireOrganization(application.organizationId);
  if (organization.status !== 'active') throw new UserError('errors.notEligible', 403);
  if (organization.teamSize + organization.volunteers < settings.entry.minPeople)
    throw new UserError('incubation.errors.tooFewPeople', 422);
  if (!application.plan.trim()) throw new UserError('incubation.errors.planRequired', 422);
}

export function submitApplication(viewer: Viewer, applicationId: number) {
  const { application, incubator, standing } = requireVisibleApplication(viewer, applicationId);
  enforce(maySubmitApplication(application, standing));
  transaction((tx) => {
    const current = getApplication(tx, applicationId);
    const state = transition(applicationMachine, current.state, 'submit', 'organization');
    assertMeetsEntryConditions(current, incubator.settings);
    tx.update(incubationApplications)
      .set({ state, submittedAt: now() })
      .where(eq(incubationApplications.id, applicationId))
      .run();
    const organization = requireOrganization(application.organizationId);
    for (const userId of staffWithRole(tx, incubator.unionId, 'incubator_manager')) {
      notify(tx, userId, 'application_received', {
        organization: organization.name,
        incubator: incubator.name,
        path: `/applications/${applicationId}`,
      });
    }
    audit(tx, {
      actorId: viewer.id,
      action: 'application.submit',
      subjectType: 'application',
      subjectId: applicationId,
    });
  });
}

export function withdrawApplication(viewer: Viewer, applicationId: number) {
  const { standing } = requireVisibleApplication(viewer, applicationId);
  transaction((tx) => {
    const application = getApplication(tx, applicationId);
    enforce(mayWithdrawApplication(application, standing));
    const state = transition(applicationMachine, application.state, 'withdraw', 'organization');
    tx.update(incubationApplications).set({ state }).where(eq(incubationApplications.id, applicationId)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'application.withdraw',
      subjectType: 'application',
      subjectId: applicationId,
    });
  });
}

export function startReview(viewer: Viewer, applicationId: number) {
  const { standing } = requireVisibleApplication(viewer, applicationId);
  transaction((tx) => {
    const application = getApplication(tx, applicationId);
    enforce(mayStartReview(application, standing));
    const state = transition(applicationMachine, application.state, 'review', 'incubator_manager');
    tx.update(incubationApplications).set({ state }).where(eq(incubationApplications.id, applicationId)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'application.review',
      subjectType: 'application',
      subjectId: applicationId,
    });
  });
}

/** A reviewer's entry-rubric scores; a reviewer who belongs to the applicant may not score it. */
export function scoreApplication(
  viewer: Viewer,
  applicationId: number,
  input: { scores: Record<EntryCriterion, number>; comment: string },
) {
  const { application, standing } = requireVisibleApplication(viewer, applicationId);
  enforce(mayScoreApplication(application, standing));
  transaction((tx) => {
    enforce(mayScoreApplication(getApplication(tx, applicationId), standing));
    for (const criterion of entryCriteria) {
      const values = { score: input.scores[criterion], comment: input.comment };
      tx.insert(applicationScores)
        .values({ applicationId, reviewerId: viewer.id, criterion, ...values })
        .onConflictDoUpdate({
          target: [applicationScores.applicationId, applicationScores.reviewerId, applicationScores.criterion],
          set: values,
        })
        .run();
    }
    audit(tx, {
      actorId: viewer.id,
      action: 'application.score',
      subjectType: 'application',
      subjectId: applicationId,
    });
  });
}

/**
 * Each reviewer's weighted rubric score (the handbook's entry weights) and their average; a
 * reviewer counts once they have scored every criterion.
 */
export function entryScores(tx: DB, applicationId: number, settings: IncubatorSettings) {
  const rows = tx
    .select({
      reviewerId: applicationScores.reviewerId,
      name: users.name,
      criterion: applicationScores.criterion,
      score: applicationScores.score,
      comment: applicationScores.comment,
    })
    .from(applicationScores)
    .innerJoin(users, eq(users.id, applicationScores.reviewerId))
    .where(eq(applicationScores.applicationId, applicationId))
    .orderBy(asc(applicationScores.id))
    .all();
  const reviewers = [...new Set(rows.map((r) => r.reviewerId))].map((reviewerId) => {
    const mine = rows.filter((r) => r.reviewerId === reviewerId);
    const scores = Object.fromEntries(mine.map((r) => [r.criterion, r.score])) as Partial<
      Record<EntryCriterion, number>
    >;
    const complete = entryCriteria.every((c) => scores[c] !== undefined);
    const indicators = Object.fromEntries(entryCriteria.map((c) => [c, (scores[c] ?? 0) / 100]));
    return {
      reviewerId,
      name: mine[0]!.name,
      comment: mine[0]!.comment,
      scores,
      total: complete ? weightedScore(indicators, settings.entry.weights)!.score : null,
    };
  });
  const totals = reviewers.map((r) => r.total).filter((t): t is number => t !== null);
  const average = totals.length ? Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 10) / 10 : null;
  return { reviewers, average };
}

function notifyDecision(
  tx: DB,
  application: Application,
  incubator: Incubator,
  decision: 'admitted' | 'rejected',
  reason: string,
) {
  const organization = requireOrganization(application.organizationId);
  for (const userId of organizationMemberIds(tx, application.organizationId)) {
    notify(tx, userId, 'application_decided', {
      organization: organization.name,
      incubator: incubator.name,
      decision,
      reason,
      path: `/applications/${application.id}`,
    });
  }
}

/** Admission needs the reviewers' average to reach the handbook's pass score; it starts the term. */
export function admitApplication(viewer: Viewer, applicationId: number, reason: string) {
  const { incubator, standing } = requireVisibleApplication(viewer, applicationId);
  const { settings } = incubator;
  return transaction((tx) => {
    const application = getApplication(tx, applicationId);
    enforce(mayDecideApplication(application, standing));
    const state = transition(applicationMachine, application.state, 'admit', 'incubator_manager');
    const { average } = entryScores(tx, applicationId, settings);
    enforce(mayAdmitWithScore(average, settings));
    if (hasActiveResidency(tx, application.incubatorId, application.organizationId))
      throw new UserError('incubation.errors.alreadyResident', 409);
    tx.update(incubationApplications)
      .set({ state, decisionReason: reason || null, decidedAt: now(), decidedBy: viewer.id })
      .where(eq(incubationApplications.id, applicationId))
      .run();
    const startsOn = shanghaiDate(now());
    const residency = tx
      .insert(residencies)
      .values({
        incubatorId: application.incubatorId,
        organizationId: application.organizationId,
        applicationId,
        startsOn,
        endsOn: addMonths(startsOn, settings.term.months),
      })
      .returning()
      .get();
    notifyDecision(tx, application, incubator, 'admitted', reason);
    audit(tx, {
      actorId: viewer.id,
      action: 'application.admit',
      subjectType: 'application',
      subjectId: applicationId,
      data: { residencyId: residency.id, average },
    });
    return residency.id;
  });
}

export function rejectApplication(viewer: Viewer, applicationId: number, reason: string) {
  const { incubator, standing } = requireVisibleApplication(viewer, applicationId);
  if (!standing.manager) forbidden();
  if (!reason.trim()) throw new UserError('errors.reasonRequired', 422);
  transaction((tx) => {
    const application = getApplication(tx, applicationId);
    enforce(mayDecideApplication(application, standing));
    const state = transition(applicationMachine, application.state, 'reject', 'incubator_manager');
    tx.update(incubationApplications)
      .set({ state, decisionReason: reason, decidedAt: now(), decidedBy: viewer.id })
      .where(eq(incubationApplications.id, applicationId))
      .run();
    notifyDecision(tx, application, incubator, 'rejected', reason);
    audit(tx, {
      actorId: viewer.id,
      action: 'application.reject',
      subjectType: 'application',
      subjectId: applicationId,
    });
  });
}

/** What the application's page shows this viewer, and what it lets them do. */
export function applicationView(viewer: Viewer, applicationId: number) {
  const { application, incubator, isMember, isStaff, standing } = requireVisibleApplication(viewer, applicationId);
  const organization = requireOrganization(application.organizationId);
  const attachments = db
    .select()
    .from(applicationAttachments)
    .where(eq(applicationAttachments.applicationId, applicationId))
    .orderBy(asc(applicationAttachments.id))
    .all();
  const residency = db
    .select({ id: residencies.id })
    .from(residencies)
    .where(eq(residencies.applicationId, applicationId))
    .get();
  // Staff see every reviewer's scores; the applicant sees the decision, not the scoring.
  const scores = isStaff ? entryScores(db, applicationId, incubator.settings) : null;
  return {
    application: {
      id: application.id,
      state: application.state,
      plan: application.plan,
      decisionReason: application.decisionReason,
      submittedAt: application.submittedAt,
    },
    incubator: { id: incubator.id, name: incubator.name },
    organization: {
      id: organization.id,
      name: organization.name,
      type: organization.type,
      creditCode: organization.creditCode,
      people: organization.teamSize + organization.volunteers,
    },
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.fileName, byteSize: a.byteSize })),
    residencyId: residency?.id ?? null,
    scores,
    myScores: scores?.reviewers.find((r) => r.reviewerId === viewer.id) ?? null,
    passScore: incubator.settings.entry.passScore,
    weights: incubator.settings.entry.weights,
    isMember,
    isStaff,
    can: applicationAbilities(application, standing),
  };
}

/** An incubator's applications in the given states, oldest first. */
export function incubatorApplications(incubatorId: number, states: readonly ApplicationState[]) {
  return db
    .select({
      id: incubationApplications.id,
      state: incubationApplications.state,
      submittedAt: incubationApplications.submittedAt,
      organizationName: organizations.name,
    })
    .from(incubationApplications)
    .innerJoin(organizations, eq(organizations.id, incubationApplications.organizationId))
    .where(and(eq(incubationApplications.incubatorId, incubatorId), inArray(incubationApplications.state, states)))
    .orderBy(asc(incubationApplications.submittedAt), asc(incubationApplications.id))
    .all();
}

/** The viewer's organizations' applications, newest first. */
export function organizationApplications(organizationIds: number[]) {
  if (!organizationIds.length) return [];
  return db
    .select({
      id: incubationApplications.id,
      state: incubationApplications.state,
      incubatorId: incubationApplications.incubatorId,
      incubatorName: incubators.name,
      organizationId: incubationApplications.organizationId,
      organizationName: organizations.name,
    })
    .from(incubationApplications)
    .innerJoin(organizations, eq(organizations.id, incubationApplications.organizationId))
    .innerJoin(incubators, eq(incubators.id, incubationApplications.incubatorId))
    .where(inArray(incubationApplications.organizationId, organizationIds))
    .orderBy(desc(incubationApplications.id))
    .all();
}
