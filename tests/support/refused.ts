import { UserError } from '~/lib/errors';

type Refusal = string | number | null;

function reasonOf(error: unknown): Refusal {
  if (error instanceof UserError) return error.messageKey;
  if (error instanceof Response) return error.status;
  throw error;
}

/**
 * Why a command would not do it: the message key of its UserError (what the person reads), or the
 * status of the Response it threw (403, 404); null if it went through. Anything else it throws is a
 * defect and fails the test. Awaitable when the command is.
 */
export function refusal(run: () => Promise<unknown>): Promise<Refusal>;
export function refusal(run: () => unknown): Refusal;
export function refusal(run: () => unknown): Refusal | Promise<Refusal> {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    return reasonOf(error);
  }
  return result instanceof Promise ? result.then(() => null, reasonOf) : null;
}
