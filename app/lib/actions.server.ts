import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data } from 'react-router';
import type { z } from 'zod';
import { UserError } from './errors';
import { formMessage } from './form-message';
import { enforce, type Refusal } from './permission';

/** Runs a command; a UserError is returned for the form to show, anything else propagates. */
export async function attempt<T>(command: () => T | Promise<T>) {
  try {
    return { ok: true as const, value: await command() };
  } catch (error) {
    if (error instanceof UserError) return { ok: false as const, error };
    throw error;
  }
}

/**
 * Runs a page's query; a refusal with a known reason (a UserError: "bids open at 17:00 on 21
 * December") becomes the error page saying that reason in the reader's language (root ErrorBoundary).
 */
export function explained<T>(query: () => T): T {
  try {
    return query();
  } catch (error) {
    if (error instanceof UserError) {
      throw data({ messageKey: error.messageKey, values: error.values }, { status: error.status });
    }
    throw error;
  }
}

/**
 * Irreversible commands (the award, accepting a completion report, the exit decision, termination)
 * go through only from their confirm page: a POST without `confirmed` is answered with what was
 * submitted, for the page to ask (app/ui/confirm.tsx), once `rule` (the command's own permission
 * answer) allows it; a refusal is answered like the command's (a message on the page, never a
 * 500). Null once confirmed: the command runs and enforces the rule itself (decision 111).
 */
export async function confirmationOf(formData: FormData, rule: () => Refusal | null) {
  if (formData.get('confirmed') === 'yes') return null;
  const checked = await attempt(() => enforce(rule()));
  if (!checked.ok) return refused(checked.error);
  const fields = [...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return data({ confirm: Object.fromEntries(fields) });
}

/** A refused command as the page's reply to a button-only form: the message key, its values and status. */
export function refused(error: UserError) {
  return data({ failure: error.messageKey, values: error.values }, { status: error.status });
}

type Reply<K extends string> = [K] extends [never]
  ? SubmissionResult<string[]>
  : { [P in K]: SubmissionResult<string[]> };

/**
 * Parses `formData` with `schema` and runs `command` on the value. Invalid input (400) and a refusal
 * (the UserError's status) become the form's reply, with what was typed kept; keyed by `form` when
 * the page has several forms. Anything else propagates.
 */
export async function submitForm<Schema extends z.ZodType, T, K extends string = never>(
  formData: FormData,
  schema: Schema,
  command: (value: z.output<Schema>) => T | Promise<T>,
  options: { form?: K; hideFields?: string[] } = {},
): Promise<{ ok: true; value: T } | { ok: false; reply: ReturnType<typeof data<Reply<K>>> }> {
  // Async: a file field reads its files' first bytes (uploadedFile in uploads.server.ts).
  const submission = await parseWithZod(formData, { schema, async: true });
  const reply = (result: SubmissionResult<string[]>, status: number) => ({
    ok: false as const,
    reply: data((options.form ? { [options.form]: result } : result) as Reply<K>, { status }),
  });
  if (submission.status !== 'success') return reply(submission.reply({ hideFields: options.hideFields }), 400);
  const result = await attempt(() => command(submission.value));
  if (result.ok) return result;
  return reply(
    submission.reply({
      formErrors: [formMessage(result.error.messageKey, result.error.values)],
      hideFields: options.hideFields,
    }),
    result.error.status,
  );
}
