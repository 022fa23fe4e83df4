import { describe, expect, it } from 'vitest';
import { transition, type Machine } from './machine';
import { eventMachine } from '~/delivery/machine';
import { applicationMachine, residencyMachine } from '~/incubation/machine';
import { invitationMachine } from '~/invitations/machine';
import { milestoneMachine, paymentMachine } from '~/payments/machine';
import { bidMachine, contractMachine, tenderMachine } from '~/procurement/machine';

const machines: Machine<string, string, string>[] = [
  tenderMachine,
  bidMachine,
  contractMachine,
  eventMachine,
  applicationMachine,
  residencyMachine,
  milestoneMachine,
  paymentMachine,
  invitationMachine,
];

describe.each(machines.map((m) => [m.name, m] as const))('%s lifecycle', (_name, machine) => {
  for (const [name, t] of Object.entries(machine.transitions)) {
    for (const state of machine.states) {
      if (t.from.includes(state)) {
        it(`${name} from ${state} → ${t.to}`, () => {
          expect(transition(machine, state, name, t.by[0])).toBe(t.to);
        });
      } else {
        it(`refuses ${name} from ${state}`, () => {
          expect(() => transition(machine, state, name, t.by[0])).toThrow('errors.illegalTransition');
        });
      }
    }
    it(`refuses ${name} by someone not allowed`, () => {
      expect(() => transition(machine, t.from[0]!, name, 'stranger')).toThrow('errors.forbidden');
    });
  }
});
