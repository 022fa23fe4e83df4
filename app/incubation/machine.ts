import { defineMachine } from '../lib/machine';

/** Who acts on incubation records: an organization's member, or the incubator's manager. */
export type IncubationActor = 'organization' | 'incubator_manager';

export const applicationMachine = defineMachine({
  name: 'application',
  states: ['draft', 'submitted', 'under_review', 'admitted', 'rejected', 'withdrawn'],
  transitions: {
    submit: { from: ['draft'], to: 'submitted', by: ['organization'] },
    review: { from: ['submitted'], to: 'under_review', by: ['incubator_manager'] },
    admit: { from: ['under_review'], to: 'admitted', by: ['incubator_manager'] },
    reject: { from: ['under_review'], to: 'rejected', by: ['incubator_manager'] },
    withdraw: { from: ['draft', 'submitted', 'under_review'], to: 'withdrawn', by: ['organization'] },
  },
});
export type ApplicationState = (typeof applicationMachine.states)[number];

export const residencyMachine = defineMachine({
  name: 'residency',
  states: ['active', 'graduated', 'exited'],
  transitions: {
    extend: { from: ['active'], to: 'active', by: ['incubator_manager'] },
    graduate: { from: ['active'], to: 'graduated', by: ['incubator_manager'] },
    exit: { from: ['active'], to: 'exited', by: ['incubator_manager'] },
  },
});
export type ResidencyState = (typeof residencyMachine.states)[number];
export type ExitDecision = keyof typeof residencyMachine.transitions;
export const exitDecisions: readonly ExitDecision[] = ['graduate', 'extend', 'exit'];

/** A booking of a functional space; once cancelled it no longer holds the room. */
export const bookingMachine = defineMachine({
  name: 'booking',
  states: ['booked', 'cancelled'],
  transitions: {
    cancel: { from: ['booked'], to: 'cancelled', by: ['organization', 'incubator_manager'] },
  },
});
export type BookingState = (typeof bookingMachine.states)[number];

/**
 * A periodic evaluation of a resident: opened for a period by the manager, scored by reviewers
 * while open, then published (it becomes an `evaluations` row) or cancelled.
 */
export const residencyEvaluationMachine = defineMachine({
  name: 'residencyEvaluation',
  states: ['open', 'published', 'cancelled'],
  transitions: {
    publish: { from: ['open'], to: 'published', by: ['incubator_manager'] },
    cancel: { from: ['open'], to: 'cancelled', by: ['incubator_manager'] },
  },
});
export type ResidencyEvaluationState = (typeof residencyEvaluationMachine.states)[number];
