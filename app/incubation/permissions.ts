import {
  applicationMachine,
  bookingMachine,
  residencyEvaluationMachine,
  residencyMachine,
  type ApplicationState,
  type BookingState,
  type ExitDecision,
  type IncubationActor,
  type ResidencyEvaluationState,
  type ResidencyState,
} from './machine';
import type { IncubatorSettings } from './settings';
import { meetsGrade, type Grade } from '~/evaluation/grades';
import { canTransition } from '~/lib/machine';
import { refusal, type Refusal } from '~/lib/permission';

// Who may do what to an incubator's applications, residencies, bookings and evaluations, and what
// grade graduates a resident. Pure: loaders show these answers, commands enforce the same answers.

/**
 * The viewer's standing toward one organization at one incubator: a member of the organization,
 * and the incubator union's manager or reviewer.
 */
export type IncubationStanding = { member: boolean; manager: boolean; reviewer: boolean };

const illegal = refusal('errors.illegalTransition');

function byMachine(allowed: boolean, otherwise: Refusal = illegal): Refusal | null {
  return allowed ? null : otherwise;
}

// Applications

/** The plan and its attachments change only while the application is a draft (before it is submitted). */
export function mayEditApplication(
  application: { state: ApplicationState },
  standing: IncubationStanding,
): Refusal | null {
  if (!standing.member) return 'forbidden';
  const draft = canTransition(applicationMachine, application.state, 'submit');
  return byMachine(draft, refusal('incubation.errors.notEditable'));
}

export function maySubmitApplication(
  application: { state: ApplicationState },
  standing: IncubationStanding,
): Refusal | null {
  if (!standing.member) return 'forbidden';
  return byMachine(canTransition(applicationMachine, application.state, 'submit'));
}

export function mayWithdrawApplication(
  application: { state: ApplicationState },
  standing: IncubationStanding,
): Refusal | null {
  if (!standing.member) return 'forbidden';
  return byMachine(canTransition(applicationMachine, application.state, 'withdraw'));
}

export function mayStartReview(application: { state: ApplicationState }, standing: IncubationStanding): Refusal | null {
  if (!standing.manager) return 'forbidden';
  return byMachine(canTransition(applicationMachine, application.state, 'review'));
}

/** A reviewer scores while the application awaits its decision, never one from their own organization. */
export function mayScoreApplication(
  application: { state: ApplicationState },
  standing: IncubationStanding,
): Refusal | null {
  if (!standing.reviewer) return 'forbidden';
  if (standing.member) return refusal('errors.conflictOfInterest', 403);
  const awaitsDecision = canTransition(applicationMachine, application.state, 'admit');
  return byMachine(awaitsDecision, refusal('incubation.errors.notUnderReview'));
}

/** Admitting and rejecting take the same transition rules; admission also needs the pass score. */
export function mayDecideApplication(
  application: { state: ApplicationState },
  standing: IncubationStanding,
): Refusal | null {
  if (!standing.manager) return 'forbidden';
  return byMachine(canTransition(applicationMachine, application.state, 'admit'));
}

export function mayAdmitWithScore(average: number | null, settings: IncubatorSettings): Refusal | null {
  if (average === null) return refusal('incubation.errors.notScored');
  return average < settings.entry.passScore ? refusal('incubation.errors.belowPassScore') : null;
}

export function applicationAbilities(application: { state: ApplicationState }, standing: IncubationStanding) {
  return {
    edit: mayEditApplication(application, standing) === null,
    withdraw: mayWithdrawApplication(application, standing) === null,
    review: mayStartReview(application, standing) === null,
    score: mayScoreApplication(application, standing) === null,
    decide: mayDecideApplication(application, standing) === null,
  };
}

// Residencies

function isActive(residency: { state: ResidencyState }) {
  return residency.state === 'active';
}

/** Only an active resident's members book the incubator's rooms. */
export function mayBookRoom(residency: { state: ResidencyState }, standing: IncubationStanding): Refusal | null {
  if (!standing.member) return 'forbidden';
  return isActive(residency) ? null : refusal('incubation.errors.notResident', 403);
}

/** The booking organization, or the incubator's manager, cancels a booking before it starts. */
export function bookingActor(standing: IncubationStanding): IncubationActor | null {
  return standing.member ? 'organization' : standing.manager ? 'incubator_manager' : null;
}

export function mayCancelBooking(
  booking: { state: BookingState } & { startsAt: Date },
  standing: IncubationStanding,
  now: Date,
): Refusal | null {
  const actor = bookingActor(standing);
  if (!actor) return 'forbidden';
  if (!canTransition(bookingMachine, booking.state, 'cancel', actor)) return illegal;
  return booking.startsAt.getTime() <= now.getTime() ? refusal('incubation.errors.bookingStarted') : null;
}

/** The manager keeps mentoring records and opens evaluations while the residency is active. */
export function mayManageResidency(residency: { state: ResidencyState }, standing: IncubationStanding): Refusal | null {
  if (!standing.manager) return 'forbidden';
  return isActive(residency) ? null : refusal('incubation.errors.notResident');
}

/** What grade graduates a resident: their latest published grade, at least the incubator's graduation grade. */
export function mayGraduate(latestGrade: Grade | null, settings: IncubatorSettings): Refusal | null {
  return latestGrade && meetsGrade(latestGrade, settings.exit.graduationGrade)
    ? null
    : refusal('incubation.errors.graduationGrade');
}

/** A term is extended at most `maxExtensions` times. */
export function mayExtend(extensionsSoFar: number, settings: IncubatorSettings): Refusal | null {
  return extensionsSoFar < settings.term.maxExtensions ? null : refusal('incubation.errors.noMoreExtensions');
}

/** The exit review (graduate, extend, exit) is the manager's, on an active residency. */
export function mayDecideExitReview(
  residency: { state: ResidencyState },
  standing: IncubationStanding,
  decision: ExitDecision = 'graduate',
): Refusal | null {
  if (!standing.manager) return 'forbidden';
  return byMachine(canTransition(residencyMachine, residency.state, decision));
}

export function residencyAbilities(residency: { state: ResidencyState }, standing: IncubationStanding) {
  return {
    book: mayBookRoom(residency, standing) === null,
    cancelBookings: bookingActor(standing) !== null,
    manage: mayManageResidency(residency, standing) === null,
    decideExit: mayDecideExitReview(residency, standing) === null,
  };
}

// Periodic evaluations of a resident

/** Staff see an evaluation while it is open; the organization sees it once published. */
export function mayReadEvaluation(evaluation: { state: ResidencyEvaluationState }, staff: boolean) {
  return staff || evaluation.state === 'published';
}

/** Reviewers score an open evaluation, never one of their own organization. */
export function mayScoreEvaluation(
  evaluation: { state: ResidencyEvaluationState },
  standing: IncubationStanding,
): Refusal | null {
  if (!standing.reviewer) return 'forbidden';
  if (standing.member) return refusal('errors.conflictOfInterest', 403);
  const open = canTransition(residencyEvaluationMachine, evaluation.state, 'publish');
  return byMachine(open, refusal('incubation.errors.evaluationClosed'));
}

/** Publishing and cancelling take the same transition rules. */
export function mayCloseEvaluation(
  evaluation: { state: ResidencyEvaluationState },
  standing: IncubationStanding,
): Refusal | null {
  if (!standing.manager) return 'forbidden';
  return byMachine(canTransition(residencyEvaluationMachine, evaluation.state, 'publish'));
}

export function evaluationAbilities(evaluation: { state: ResidencyEvaluationState }, standing: IncubationStanding) {
  return {
    score: mayScoreEvaluation(evaluation, standing) === null,
    close: mayCloseEvaluation(evaluation, standing) === null,
  };
}
