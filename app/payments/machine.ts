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

/**
 * A payment record. A bank transfer is written `paid`; a Stripe attempt starts `pending` and ends
 * paid, expired, cancelled, or needing attention: money Stripe took that cannot pay the milestone
 * (a wrong amount or currency, an attempt already cancelled, a milestone already paid), for
 * finance to refund by hand.
 */
export const paymentMachine = defineMachine({
  name: 'payment',
  states: ['pending', 'paid', 'expired', 'cancelled', 'attention'],
  transitions: {
    // Paid wins over an expiry delivered first: the money was taken.
    settle: { from: ['pending', 'expired'], to: 'paid', by: ['system'] },
    expire: { from: ['pending'], to: 'expired', by: ['system'] },
    cancel: { from: ['pending'], to: 'cancelled', by: ['finance', 'system'] },
    flag: { from: ['pending', 'expired', 'cancelled'], to: 'attention', by: ['system'] },
  },
});

/** Why a payment was cancelled or needs attention (`payments.reason` holds one of these). */
export const paymentReasons = [
  'byFinance',
  'bankTransfer',
  'stripeUnreachable',
  'stripeRefused',
  'amountMismatch',
  'currencyMismatch',
  'afterCancel',
  'alreadyPaid',
] as const;

/** A milestone in one of these states has been paid (`confirmed`: and its receipt confirmed). */
export const paidMilestoneStates = ['paid', 'confirmed'] as const;

export const milestoneConditions = ['signing', 'sessions', 'final'] as const;
export const paymentMethods = ['bank_transfer', 'stripe'] as const;
export type MilestoneState = (typeof milestoneMachine.states)[number];
export type PaymentState = (typeof paymentMachine.states)[number];
export type PaymentReason = (typeof paymentReasons)[number];
