import { UserError } from './errors';
import type { MessageKey } from './locale';

/**
 * A lifecycle declared as data (after Sharetribe's process.edn): states, and the transitions
 * between them with who may take each. Commands call `transition()`; nothing else moves a state.
 */
export type Transition<S extends string, A extends string> = {
  from: readonly S[];
  to: S;
  by: readonly A[];
};

export type Machine<S extends string, T extends string, A extends string> = {
  name: string;
  states: readonly S[];
  transitions: Record<T, Transition<S, A>>;
};

export function defineMachine<const S extends string, const T extends string, const A extends string>(
  machine: Machine<S, T, A>,
): Machine<S, T, A> {
  return machine;
}

/** A refused transition, shown to the person as `errors.illegalTransition` or `errors.forbidden`. */
export class TransitionError extends UserError {
  constructor(
    messageKey: MessageKey,
    readonly detail: { machine: string; transition: string; from: string; actor?: string },
  ) {
    super(messageKey, messageKey === 'errors.forbidden' ? 403 : 409);
  }
}

export function canTransition<S extends string, T extends string, A extends string>(
  machine: Machine<S, T, A>,
  from: NoInfer<S>,
  name: NoInfer<T>,
  actor?: NoInfer<A>,
): boolean {
  const t = machine.transitions[name];
  return t.from.includes(from) && (actor === undefined || t.by.includes(actor));
}

/** Returns the target state or throws a TransitionError. */
export function transition<S extends string, T extends string, A extends string>(
  machine: Machine<S, T, A>,
  from: NoInfer<S>,
  name: NoInfer<T>,
  actor?: NoInfer<A>,
): S {
  const t = machine.transitions[name];
  if (!t.from.includes(from)) {
    throw new TransitionError('errors.illegalTransition', { machine: machine.name, transition: name, from });
  }
  if (actor !== undefined && !t.by.includes(actor)) {
    throw new TransitionError('errors.forbidden', { machine: machine.name, transition: name, from, actor });
  }
  return t.to;
}
