import { z } from 'zod';
import { formMessage } from './form-message';
import { parseYuan } from './money';
import { isIsoDate, parseShanghaiDateTime } from './time';

// Messages are i18n keys, with the limit they state as values (form-message.ts); the form field
// translates them into the person's language.

export const requiredText = (max = 200) =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .max(max, formMessage('errors.tooLong', { max }));

export const optionalText = (max = 5000) =>
  z.string().trim().max(max, formMessage('errors.tooLong', { max })).optional().default('');

export const wholeNumber = (min = 0, max = 1_000_000) =>
  z
    .number({ error: 'errors.wholeNumber' })
    .int('errors.wholeNumber')
    .min(min, formMessage('errors.numberAtLeast', { min }))
    .max(max, formMessage('errors.numberAtMost', { max }));

/** The largest amount any form takes: 100 million yuan, far above a union's yearly budget. */
export const maxFen = 100_000_000 * 100;

/** Why a typed amount is not one: a minus sign, more than two decimal places (fen), or not a number. */
function moneyProblem(value: string) {
  // Commas and yuan signs, half- and full-width (U+FF0C, U+FFE5), as people type them.
  const cleaned = value.replace(/[,\uFF0C\s¥\uFFE5]/g, '');
  if (/^-\d/.test(cleaned)) return 'errors.moneyNegative';
  if (/^\d+\.\d{3,}$/.test(cleaned)) return 'errors.moneyDecimals';
  return 'errors.money';
}

/** An amount typed in yuan, as integer fen, from 0 to `maxFen`. */
export const yuan = z.string({ error: 'errors.required' }).transform((value, ctx) => {
  const fen = parseYuan(value);
  if (fen !== null && fen <= maxFen) return fen;
  ctx.addIssue({
    code: 'custom',
    message:
      fen === null
        ? moneyProblem(value)
        : formMessage('errors.moneyTooLarge', { max: (maxFen / 100).toLocaleString('en-US') }),
  });
  return z.NEVER;
});

export const shanghaiDateTime = z.string({ error: 'errors.required' }).transform((value, ctx) => {
  const date = parseShanghaiDateTime(value);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'errors.dateTime' });
    return z.NEVER;
  }
  return date;
});

/** A calendar day typed in a date field, 'YYYY-MM-DD'. */
export const isoDate = z.string({ error: 'errors.required' }).refine(isIsoDate, 'errors.date');

/** A service period's first day: today (Shanghai, by the server's clock) or later. */
export const periodStart = (today: string) =>
  isoDate.refine((value) => value >= today, formMessage('errors.periodStartPast', { today }));

export const email = z
  .email({ error: 'errors.email' })
  .trim()
  .max(254, formMessage('errors.tooLong', { max: 254 }));

/**
 * Checks across fields that run even when some fields failed their own checks (by default Zod skips
 * a refinement after a field's type error), so a refused form lists every problem in one reply.
 * `check` sees only the fields that passed; the others are undefined.
 */
export function checkAcross<S extends z.ZodType<object>>(
  schema: S,
  check: (value: Partial<z.output<S>>, ctx: z.RefinementCtx) => void,
) {
  const failedFields = new WeakMap<object, Set<PropertyKey | undefined>>();
  return schema.superRefine(
    (value, ctx) => {
      const failed = failedFields.get(value) ?? new Set();
      check(Object.fromEntries(Object.entries(value).filter(([key]) => !failed.has(key))) as Partial<z.output<S>>, ctx);
    },
    {
      when(payload) {
        if (typeof payload.value !== 'object' || payload.value === null) return false;
        failedFields.set(payload.value, new Set(payload.issues.map((issue) => issue.path?.[0])));
        return true;
      },
    },
  );
}
