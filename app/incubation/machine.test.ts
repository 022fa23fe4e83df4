import { describe, expect, it } from 'vitest';
import { applicationMachine, bookingMachine, residencyEvaluationMachine, residencyMachine } from './machine';
import { TransitionError, transition, type Machine } from '~/lib/machine';

const machines = [
  applicationMachine,
  residencyMachine,
  bookingMachine,
  residencyEvaluationMachine,
] as unknown as Machine<string, string, string>[];
const actors = ['organization', 'incubator_manager', 'reviewer', 'clock'];

describe.each(machines.map((m) => [m.name, m] as const))('the %s machine', (_name, machine) => {
  const cases = Object.entries(machine.transitions).flatMap(([name, t]) =>
    machine.states.flatMap((from) => actors.map((actor) => ({ name, from, actor, t }))),
  );

  it('allows exactly the listed transitions, to the listed state, by the listed actors', () => {
    for (const { name, from, actor, t } of cases) {
      const label = `${name} from ${from} by ${actor}`;
      if (t.from.includes(from) && t.by.includes(actor)) {
        expect(transition(machine, from, name, actor), label).toBe(t.to);
        continue;
      }
      let error: unknown;
      try {
        transition(machine, from, name, actor);
      } catch (e) {
        error = e;
      }
      expect(error, label).toBeInstanceOf(TransitionError);
      expect((error as TransitionError).messageKey, label).toBe(
        t.from.includes(from) ? 'errors.forbidden' : 'errors.illegalTransition',
      );
    }
  });

  it('only names its own states', () => {
    for (const t of Object.values(machine.transitions)) {
      expect(machine.states).toContain(t.to);
      for (const from of t.from) expect(machine.states).toContain(from);
    }
  });
});
