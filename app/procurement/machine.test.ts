import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bidMachine, contractMachine, objectionMachine, tenderMachine } from './machine';
import { canTransition, transition, TransitionError, type Machine } from '~/lib/machine';

const machines = [tenderMachine, bidMachine, objectionMachine, contractMachine] as unknown as Machine<
  string,
  string,
  string
>[];

describe.each(machines.map((m) => [m.name, m] as const))('the %s lifecycle', (_name, machine) => {
  const entries = Object.entries(machine.transitions);

  it('only names states it declares', () => {
    for (const [, t] of entries) {
      expect(machine.states).toContain(t.to);
      for (const from of t.from) expect(machine.states).toContain(from);
    }
  });

  it('allows each transition from exactly its listed states, to its listed actors', () => {
    for (const [name, t] of entries) {
      for (const state of machine.states) {
        const legal = t.from.includes(state);
        expect(canTransition(machine, state, name), `${name} from ${state}`).toBe(legal);
        if (legal) {
          for (const actor of t.by) expect(transition(machine, state, name, actor)).toBe(t.to);
          expect(() => transition(machine, state, name, 'stranger')).toThrow(TransitionError);
        } else {
          expect(() => transition(machine, state, name, t.by[0])).toThrow(TransitionError);
        }
      }
    }
  });

  it('refuses with a message a person can read', () => {
    const [name, t] = entries[0]!;
    const illegal = machine.states.find((s) => !t.from.includes(s));
    if (!illegal) return;
    try {
      transition(machine, illegal, name);
      expect.unreachable();
    } catch (error) {
      expect((error as TransitionError).messageKey).toBe('errors.illegalTransition');
    }
  });
});

describe('the tender lifecycle', () => {
  it('is closed and failed only by the clock', () => {
    expect(tenderMachine.transitions.close.by).toEqual(['clock']);
    expect(tenderMachine.transitions.fail.by).toEqual(['clock']);
    expect(() => transition(tenderMachine, 'published', 'close', 'commissioner')).toThrow(TransitionError);
  });
});

it('every command moves a row from the state it read, never from a state written in the code', () => {
  const fromLiteral = /\b(?:t|canT)ransition\(\s*\w+Machine,\s*['"]/;
  const folder = join('app', 'procurement');
  const offenders = readdirSync(folder)
    .filter((file) => file.endsWith('.server.ts'))
    .filter((file) => fromLiteral.test(readFileSync(join(folder, file), 'utf8')));
  expect(offenders).toEqual([]);
});
