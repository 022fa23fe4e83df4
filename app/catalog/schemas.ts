import { z } from 'zod';
import { categories, offeringFormats } from './taxonomy';
import { checkAcross, isoDate, optionalText, periodStart, requiredText, wholeNumber, yuan } from '~/lib/validation';

/** Areas typed as one line: separated by commas, 、 or spaces; blanks and repeats dropped. */
export function parseAreas(value: string) {
  const areas = value
    .split(/[,，、;；\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);
  return [...new Set(areas)];
}

export const offeringSchema = z.object({
  title: requiredText(80),
  category: z.enum(categories, { error: 'errors.required' }),
  description: optionalText(5000),
  format: z.enum(offeringFormats, { error: 'errors.required' }),
  durationMinutes: wholeNumber(1, 24 * 60),
  capacity: wholeNumber(1, 100_000),
  price: yuan.refine((fen) => fen > 0, 'errors.positiveMoney'),
  areas: requiredText(500)
    .transform(parseAreas)
    .refine((areas) => areas.length > 0, 'errors.required')
    .refine((areas) => areas.length <= 30, 'catalog.errors.tooManyAreas'),
});
export type OfferingInput = z.infer<typeof offeringSchema>;

/** `today` is YYYY-MM-DD in Asia/Shanghai, by the server's clock on the server. */
export function commissionSchema(today: string) {
  return checkAcross(
    z.object({
      unionId: wholeNumber(1),
      sessions: wholeNumber(1, 10_000),
      periodStart: periodStart(today),
      periodEnd: isoDate,
      note: optionalText(2000),
    }),
    (v, ctx) => {
      if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart)
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'catalog.errors.periodOrder' });
    },
  );
}
export type CommissionInput = z.infer<ReturnType<typeof commissionSchema>>;

export const declineSchema = z.object({ reason: requiredText(1000) });

export const limitSchema = z.object({ limit: yuan });
