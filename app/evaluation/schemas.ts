import { z } from 'zod';
import { complaintSources } from './machine';
import { maxAdjustment } from './model';
import { checkAcross, optionalText, requiredText, wholeNumber } from '~/lib/validation';

export const reviewSchema = checkAcross(
  z.object({
    judgement: wholeNumber(0, 100).optional(),
    adjustment: z
      .number({ error: 'errors.wholeNumber' })
      .int('evaluation.errors.adjustmentRange')
      .min(-maxAdjustment, 'evaluation.errors.adjustmentRange')
      .max(maxAdjustment, 'evaluation.errors.adjustmentRange')
      .optional()
      .default(0),
    reason: optionalText(1000),
  }),
  (v, ctx) => {
    if (v.adjustment && v.reason === '')
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'evaluation.errors.adjustmentReason' });
  },
);

export const complaintSchema = z.object({
  source: z.enum(complaintSources, { error: 'errors.required' }),
  summary: requiredText(2000),
});

export const resolveSchema = z.object({
  complaintId: wholeNumber(1),
  decision: z.enum(['uphold', 'dismiss'], { error: 'errors.required' }),
  resolution: requiredText(2000),
});
