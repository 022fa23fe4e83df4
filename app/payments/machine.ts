import { defineMachine } from '../lib/machine';

export const milestoneMachine = defineMachine({
  name: 'milestone',
  states: ['pending', 'due', 'approved', 'paid', 'confirmed'],
  transitions: {
    becomeDue: { from: ['pending'], to: 'due', by: ['system'] },
    approve: { from: ['due'], to: 'approved', by: ['finance'] },
    pay: { from: ['approved'], to: 'paid', by: ['finance', 'system'] },
    confirmReceipt: { from: ['paid'], to: 'confirmed', by: ['organization'] },
  },
});

export const milestoneConditions = ['signing', 'sessions', 'final'] as const;
export const paymentMethods = ['bank_transfer', 'stripe'] as const;
export type MilestoneState = (typeof milestoneMachine.states)[number];
