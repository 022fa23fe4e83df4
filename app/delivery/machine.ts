import { defineMachine } from '../lib/machine';

export const eventMachine = defineMachine({
  name: 'event',
  states: ['scheduled', 'reported', 'accepted', 'returned', 'cancelled'],
  transitions: {
    report: { from: ['scheduled', 'returned'], to: 'reported', by: ['organization'] },
    // The contract's commissioner reviews contracted events; the incubator manager a resident's own.
    accept: { from: ['reported'], to: 'accepted', by: ['commissioner', 'incubator_manager'] },
    return: { from: ['reported'], to: 'returned', by: ['commissioner', 'incubator_manager'] },
    // The organization calls off an event before check-in opens (weather, a venue lost), saying why; the
    // session was never delivered, so the contract still needs it.
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

/** Photo formats a completion report accepts, recognised by their first bytes, not their name. */
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof photoTypes)[number];
