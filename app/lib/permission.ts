import { UserError } from './errors';
import type { MessageKey } from './locale';

/**
 * A capability's answer to "may this viewer do X to this record now": null when they may, else why
 * not, either 'forbidden' (who they are) or a message key with its status (the record's state or time).
 * Loaders turn answers into booleans for buttons; commands `enforce` the same answer.
 */
export type Refusal = 'forbidden' | { messageKey: MessageKey; status: number; values?: RefusalValues };

/** What a reason names: a time (a Date, shown in the reader's zone and language), a name or a number. */
export type RefusalValues = Record<string, string | number | Date>;

export function refusal(messageKey: MessageKey, status = 409, values?: RefusalValues): Refusal {
  return values ? { messageKey, status, values } : { messageKey, status };
}

export function may(answer: Refusal | null) {
  return answer === null;
}

/** Throws what the command has always thrown: a 403 response for who they are, else a UserError. */
export function enforce(answer: Refusal | null) {
  if (answer === null) return;
  if (answer === 'forbidden') throw new Response('Forbidden', { status: 403 });
  throw new UserError(answer.messageKey, answer.status, answer.values);
}
