import { z } from 'zod';
import { parseYuan } from './money';
import { parseShanghaiDateTime } from './time';

// Messages are i18n keys; the form field translates them into the person's language.

export const requiredText = (max = 200) =>
  z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'errors.tooLong');

export const optionalText = (max = 5000) => z.string().trim().max(max, 'errors.tooLong').optional().default('');

export const wholeNumber = (min = 0, max = 1_000_000) =>
  z
    .number({ error: 'errors.wholeNumber' })
    .int('errors.wholeNumber')
    .min(min, min === 0 ? 'errors.notNegative' : 'errors.atLeastOne')
    .max(max, 'errors.tooLarge');

export const yuan = z.string({ error: 'errors.required' }).transform((value, ctx) => {
  const fen = parseYuan(value);
  if (fen === null) {
    ctx.addIssue({ code: 'custom', message: 'errors.money' });
    return z.NEVER;
  }
  return fen;
});

export const shanghaiDateTime = z.string({ error: 'errors.required' }).transform((value, ctx) => {
  const date = parseShanghaiDateTime(value);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'errors.dateTime' });
    return z.NEVER;
  }
  return date;
});

export const email = z.email({ error: 'errors.email' }).trim().max(254, 'errors.tooLong');
