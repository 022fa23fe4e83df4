import { defineMachine } from '../lib/machine';

/**
 * Tenders follow Prozorro's clock-driven states: `published` becomes `closed` at the deadline by
 * the clock alone (see tenders.server.ts `closeDueTenders`), never by a person; an award proposed
 * with an objection period (公示) becomes final when the period has ended and every objection has
 * been answered (award.server.ts `finalizeDueAwards`). See docs/decisions/030.
 */
export const tenderMachine = defineMachine({
  name: 'tender',
  states: [
    'draft',
    'published',
    'closed',
    'evaluating',
    'award_proposed',
    'awarded',
    'contracted',
    'cancelled',
    'unsuccessful',
  ],
  transitions: {
    publish: { from: ['draft'], to: 'published', by: ['commissioner'] },
    amend: { from: ['published'], to: 'published', by: ['commissioner'] },
    close: { from: ['published'], to: 'closed', by: ['clock'] },
    fail: { from: ['closed'], to: 'unsuccessful', by: ['clock'] },
    startEvaluation: { from: ['closed'], to: 'evaluating', by: ['commissioner', 'reviewer'] },
    proposeAward: { from: ['evaluating'], to: 'award_proposed', by: ['commissioner'] },
    withdrawAward: { from: ['award_proposed'], to: 'evaluating', by: ['commissioner'] },
    finalizeAward: { from: ['award_proposed'], to: 'awarded', by: ['commissioner', 'clock'] },
    contract: { from: ['awarded'], to: 'contracted', by: ['organization'] },
    cancel: {
      from: ['draft', 'published', 'closed', 'evaluating', 'award_proposed'],
      to: 'cancelled',
      by: ['commissioner'],
    },
  },
});
export type TenderState = (typeof tenderMachine.states)[number];

/** States in which the award, its scores and each bidder's own scores are published. */
export const awardPublishedStates: readonly TenderState[] = ['award_proposed', 'awarded', 'contracted'];

export const bidMachine = defineMachine({
  name: 'bid',
  states: ['draft', 'submitted', 'withdrawn'],
  transitions: {
    saveDraft: { from: ['draft', 'withdrawn'], to: 'draft', by: ['bidder'] },
    submit: { from: ['draft', 'withdrawn', 'submitted'], to: 'submitted', by: ['bidder'] },
    withdraw: { from: ['submitted'], to: 'withdrawn', by: ['bidder'] },
  },
});
export type BidState = (typeof bidMachine.states)[number];

/** An objection (质疑) against a proposed award, answered by the commissioner. */
export const objectionMachine = defineMachine({
  name: 'objection',
  states: ['filed', 'dismissed', 'upheld'],
  transitions: {
    dismiss: { from: ['filed'], to: 'dismissed', by: ['commissioner'] },
    uphold: { from: ['filed'], to: 'upheld', by: ['commissioner'] },
  },
});
export type ObjectionState = (typeof objectionMachine.states)[number];

/**
 * A contract is confirmed by both parties in turn: the union issues it (draft → pending), then
 * the organization confirms it (pending → active). It completes by itself once fulfilled (every
 * session accepted, every milestone paid: completion.server.ts), or earlier by the commissioner
 * with a reason.
 */
export const contractMachine = defineMachine({
  name: 'contract',
  states: ['draft', 'pending', 'active', 'completed', 'terminated'],
  transitions: {
    issue: { from: ['draft'], to: 'pending', by: ['commissioner'] },
    confirm: { from: ['pending'], to: 'active', by: ['organization'] },
    complete: { from: ['active'], to: 'completed', by: ['commissioner', 'system'] },
    terminate: { from: ['draft', 'pending', 'active'], to: 'terminated', by: ['commissioner'] },
  },
});
export type ContractState = (typeof contractMachine.states)[number];

export const criteria = ['price', 'plan', 'team', 'track_record'] as const;
export type Criterion = (typeof criteria)[number];
export const scoredCriteria = ['plan', 'team', 'track_record'] as const;
export const defaultWeights: Record<Criterion, number> = { price: 30, plan: 40, team: 20, track_record: 10 };

export const eligibilities = ['anyone', 'registered', 'residents', 'min_grade'] as const;
export type Eligibility = (typeof eligibilities)[number];

/** An amendment leaves bidders at least this many days before the deadline, extending it if needed. */
export const amendmentNoticeDays = 5;
