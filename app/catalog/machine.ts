import { offeringStates } from './taxonomy';
import { defineMachine } from '../lib/machine';

/** An offering is seen in the public catalog only while published. */
export const offeringMachine = defineMachine({
  name: 'offering',
  states: offeringStates,
  transitions: {
    publish: { from: ['draft'], to: 'published', by: ['organization'] },
    unpublish: { from: ['published'], to: 'draft', by: ['organization'] },
    archive: { from: ['draft', 'published'], to: 'archived', by: ['organization'] },
    restore: { from: ['archived'], to: 'draft', by: ['organization'] },
  },
});
export type OfferingState = (typeof offeringMachine.states)[number];

/**
 * A direct commission (直接委托): a union orders sessions of an offering under its threshold; the
 * organization's acceptance is its signature, and creates the contract.
 */
export const commissionMachine = defineMachine({
  name: 'commission',
  states: ['requested', 'accepted', 'declined', 'cancelled'],
  transitions: {
    accept: { from: ['requested'], to: 'accepted', by: ['organization'] },
    decline: { from: ['requested'], to: 'declined', by: ['organization'] },
    cancel: { from: ['requested'], to: 'cancelled', by: ['commissioner'] },
  },
});
export type CommissionState = (typeof commissionMachine.states)[number];
