import { z } from 'zod';
import { categories } from '~/catalog/taxonomy';
import { optionalText, requiredText, shanghaiDateTime, wholeNumber, yuan } from '~/lib/validation';

/** `now` is the server's clock on the server and the browser's in the browser. */
export function tenderSchema(now: Date) {
  return z.object({
    unionId: wholeNumber(1),
    title: requiredText(120),
    category: z.enum(categories, { error: 'errors.required' }),
    scope: optionalText(5000),
    budget: yuan.refine((fen) => fen > 0, 'errors.positiveMoney'),
    sessions: wholeNumber(1, 10_000),
    minWorkerVisits: wholeNumber(0).optional().default(0),
    deadline: shanghaiDateTime.refine((d) => d.getTime() > now.getTime(), 'errors.deadlinePast'),
    objectionDays: wholeNumber(0, 30).optional().default(5),
    intent: z.enum(['draft', 'publish']).default('publish'),
  });
}

export const bidSchema = z.object({
  price: yuan.refine((fen) => fen > 0, 'errors.positiveMoney'),
  plan: requiredText(20_000),
  team: optionalText(5000),
});

export const scoreSchema = z.object({
  bidId: wholeNumber(1),
  plan: wholeNumber(0, 100),
  team: wholeNumber(0, 100),
  track_record: wholeNumber(0, 100),
  comment: optionalText(2000),
});
