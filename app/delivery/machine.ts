import { defineMachine } from '../lib/machine';

export const eventMachine = defineMachine({
  name: 'event',
  states: ['scheduled', 'reported', 'accepted', 'returned', 'cancelled'],
  transitions: {
    report: { from: ['scheduled', 'returned'], to: 'reported', by: ['organization'] },
    accept: { from: ['reported'], to: 'accepted', by: ['commissioner'] },
    return: { from: ['reported'], to: 'returned', by: ['commissioner'] },
    cancel: { from: ['scheduled'], to: 'cancelled', by: ['organization'] },
  },
});
export type EventState = (typeof eventMachine.states)[number];

export const venueTypes = ['canteen', 'work_site', 'station', 'community', 'online'] as const;
export const occupations = [
  'courier',
  'food_delivery',
  'ride_hailing',
  'truck_driver',
  'domestic_worker',
  'care_worker',
  'sanitation',
  'factory_worker',
  'other',
] as const;
