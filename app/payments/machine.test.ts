import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { milestoneMachine, paymentMachine } from './machine';
import { transition, TransitionError } from '~/lib/machine';

const actors = ['finance', 'system', 'organization'] as const;

describe('milestone lifecycle', () => {
  const table = Object.entries(milestoneMachine.transitions);

  it.each(table)('%s is taken only from its states and only by its actors', (name, t) => {
    const transitionName = name as keyof typeof milestoneMachine.transitions;
    for (const from of milestoneMachine.states) {
      for (const actor of actors) {
        const allowed = t.from.includes(from) && (t.by as readonly string[]).includes(actor);
        if (allowed) {
          expect(transition(milestoneMachine, from, transitionName, actor)).toBe(t.to);
        } else {
          expect(() => transition(milestoneMachine, from, transitionName, actor)).toThrow(TransitionError);
        }
      }
    }
  });

  it('runs pending → due → approved → paid → confirmed and nothing skips a step', () => {
    expect(transition(milestoneMachine, 'pending', 'becomeDue', 'system')).toBe('due');
    expect(transition(milestoneMachine, 'due', 'approve', 'finance')).toBe('approved');
    expect(transition(milestoneMachine, 'approved', 'pay', 'finance')).toBe('paid');
    expect(transition(milestoneMachine, 'paid', 'confirmReceipt', 'organization')).toBe('confirmed');
    expect(() => transition(milestoneMachine, 'due', 'pay', 'finance')).toThrow(TransitionError);
    expect(() => transition(milestoneMachine, 'approved', 'pay', 'organization')).toThrow(TransitionError);
  });
});

describe('payment lifecycle', () => {
  it('lets only finance or the system cancel a pending attempt, and nothing leave paid', () => {
    expect(transition(paymentMachine, 'pending', 'cancel', 'finance')).toBe('cancelled');
    expect(transition(paymentMachine, 'pending', 'cancel', 'system')).toBe('cancelled');
    // @ts-expect-error the machine names no such actor for this transition; it refuses one at run time too
    expect(() => transition(paymentMachine, 'pending', 'cancel', 'organization')).toThrow(TransitionError);
    for (const name of Object.keys(paymentMachine.transitions) as (keyof typeof paymentMachine.transitions)[])
      expect(() => transition(paymentMachine, 'paid', name, 'system')).toThrow(TransitionError);
  });

  it('never pays a cancelled attempt: money that comes in for it can only be flagged', () => {
    expect(() => transition(paymentMachine, 'cancelled', 'settle', 'system')).toThrow(TransitionError);
    expect(transition(paymentMachine, 'cancelled', 'flag', 'system')).toBe('attention');
    // Paid wins over an expiry delivered first.
    expect(transition(paymentMachine, 'expired', 'settle', 'system')).toBe('paid');
    expect(() => transition(paymentMachine, 'attention', 'settle', 'system')).toThrow(TransitionError);
  });
});

it('every command moves a row from the state it read, never from a state written in the code', () => {
  const fromLiteral = /\b(?:t|canT)ransition\(\s*\w+Machine,\s*['"]/;
  const folder = join('app', 'payments');
  const offenders = readdirSync(folder)
    .filter((file) => file.endsWith('.server.ts'))
    .filter((file) => fromLiteral.test(readFileSync(join(folder, file), 'utf8')));
  expect(offenders).toEqual([]);
});
