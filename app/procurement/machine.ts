import { defineMachine } from '../lib/machine';

/**
 * Tenders follow Prozorro's clock-driven states: `published` becomes `closed` at the deadline by
 * the clock alone (see tenders.server.ts `closeDueTenders`), never by a person.
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
    close: { from: ['published'], to: 'closed', by: ['clock'] },
    fail: { from: ['closed'], to: 'unsuccessful', by: ['clock'] },
    startEvaluation: { from: ['closed'], to: 'evaluating', by: ['commissioner'] },
    proposeAward: { from: ['evaluating'], to: 'award_proposed', by: ['commissioner'] },
    finalizeAward: { from: ['award_proposed'], to: 'awarded', by: ['commissioner', 'clock'] },
    contract: { from: ['awarded'], to: 'contracted', by: ['commissioner'] },
    cancel: {
      from: ['draft', 'published', 'closed', 'evaluating', 'award_proposed'],
      to: 'cancelled',
      by: ['commissioner'],
    },
  },
});
export type TenderState = (typeof tenderMachine.states)[number];

export const bidMachine = defineMachine({
  name: 'bid',
  states: ['draft', 'submitted', 'withdrawn'],
  transitions: {
    submit: { from: ['draft', 'withdrawn'], to: 'submitted', by: ['bidder'] },
    withdraw: { from: ['submitted'], to: 'withdrawn', by: ['bidder'] },
  },
});
export type BidState = (typeof bidMachine.states)[number];

export const contractMachine = defineMachine({
  name: 'contract',
  states: ['pending', 'active', 'completed', 'terminated'],
  transitions: {
    confirm: { from: ['pending'], to: 'active', by: ['organization'] },
    complete: { from: ['active'], to: 'completed', by: ['commissioner'] },
    terminate: { from: ['pending', 'active'], to: 'terminated', by: ['commissioner'] },
  },
});
export type ContractState = (typeof contractMachine.states)[number];

export const criteria = ['price', 'plan', 'team', 'track_record'] as const;
export type Criterion = (typeof criteria)[number];
export const defaultWeights: Record<Criterion, number> = { price: 30, plan: 40, team: 20, track_record: 10 };
