import { defineMachine } from '../lib/machine';

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

export const residencyMachine = defineMachine({
  name: 'residency',
  states: ['active', 'graduated', 'exited'],
  transitions: {
    extend: { from: ['active'], to: 'active', by: ['incubator_manager'] },
    graduate: { from: ['active'], to: 'graduated', by: ['incubator_manager'] },
    exit: { from: ['active'], to: 'exited', by: ['incubator_manager'] },
  },
});
