import { defineMachine } from '../lib/machine';

/** A complaint against a contract's delivery counts against the organization only once upheld. */
export const complaintMachine = defineMachine({
  name: 'complaint',
  states: ['open', 'upheld', 'dismissed'],
  transitions: {
    uphold: { from: ['open'], to: 'upheld', by: ['reviewer', 'commissioner'] },
    dismiss: { from: ['open'], to: 'dismissed', by: ['reviewer', 'commissioner'] },
  },
});
export type ComplaintState = (typeof complaintMachine.states)[number];

export const complaintSources = ['worker', 'union', 'public'] as const;

/** Why an evaluation row was written: each is a new row, never an update (the history is kept). */
export const evaluationBases = ['acceptance', 'review', 'complaint', 'period'] as const;
export type EvaluationBasis = (typeof evaluationBases)[number];
