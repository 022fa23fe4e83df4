import { defineMachine } from '../lib/machine';

/**
 * An invitation to a union staff role or an organization's membership. `expired` is never stored:
 * a pending invitation is expired once its `expires_at` has passed (see `invitationState`).
 */
export const invitationMachine = defineMachine({
  name: 'invitation',
  states: ['pending', 'expired', 'accepted', 'withdrawn'],
  transitions: {
    accept: { from: ['pending'], to: 'accepted', by: ['invitee'] },
    resend: { from: ['pending', 'expired'], to: 'pending', by: ['admin'] },
    withdraw: { from: ['pending', 'expired'], to: 'withdrawn', by: ['admin'] },
  },
});
export type InvitationState = (typeof invitationMachine.states)[number];

export const storedInvitationStates = ['pending', 'accepted', 'withdrawn'] as const;
export type StoredInvitationState = (typeof storedInvitationStates)[number];

/** The state a transition leads to, as written: `expired` is only ever derived from the date. */
export function storedState(state: InvitationState): StoredInvitationState {
  if (state === 'expired') throw new Error('An invitation is never written as expired');
  return state;
}

export function invitationState(row: { state: StoredInvitationState; expiresAt: Date }, at: Date): InvitationState {
  return row.state === 'pending' && row.expiresAt.getTime() <= at.getTime() ? 'expired' : row.state;
}
