import { UserError } from './errors';

/** Runs a command; a UserError is returned for the form to show, anything else propagates. */
export async function attempt<T>(command: () => T | Promise<T>) {
  try {
    return { ok: true as const, value: await command() };
  } catch (error) {
    if (error instanceof UserError) return { ok: false as const, error };
    throw error;
  }
}
