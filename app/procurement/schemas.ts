import { z } from 'zod';
import { eligibilities } from './machine';
import { categories } from '~/catalog/taxonomy';
import { passingGrades } from '~/evaluation/grades';
import { biddingDaysRange, deadlineTooSoonMessage } from './bidding-period';
import { shanghaiDate } from '~/lib/time';
import {
  checkAcross,
  isoDate,
  optionalText,
  periodStart,
  requiredText,
  shanghaiDateTime,
  wholeNumber,
  yuan,
} from '~/lib/validation';

const grade = z.enum(passingGrades, { error: 'errors.required' });

/**
 * The tender form. `now` is the server's clock; `biddingDays` the minimum bidding period of the
 * tender's union (decision 110), checked here when the form publishes it, so that it is listed with
 * every other problem. Creating adds the union and whether to publish; amending a published tender
 * needs a reason.
 */
export function tenderSchema(
  now: Date,
  mode: 'create' | 'edit' | 'amend' = 'create',
  biddingDays: (unionId: number | undefined) => number = () => 0,
) {
  const today = shanghaiDate(now);
  return checkAcross(
    z.object({
      unionId: mode === 'create' ? wholeNumber(1) : z.number().optional(),
      title: requiredText(120),
      category: z.enum(categories, { error: 'errors.required' }),
      scope: optionalText(5000),
      budget: yuan.refine((fen) => fen > 0, 'errors.positiveMoney'),
      sessions: wholeNumber(1, 10_000),
      minWorkerVisits: wholeNumber(0).optional().default(0),
      periodStart: mode === 'amend' ? isoDate.optional() : periodStart(today).optional(),
      periodEnd: isoDate.optional(),
      eligibility: z.enum(eligibilities).optional().default('anyone'),
      minGrade: grade.optional(),
      weightPrice: wholeNumber(0, 100),
      weightPlan: wholeNumber(0, 100),
      weightTeam: wholeNumber(0, 100),
      weightTrackRecord: wholeNumber(0, 100),
      questionDeadline: shanghaiDateTime.optional(),
      deadline: shanghaiDateTime.refine((d) => d.getTime() > now.getTime(), 'errors.deadlinePast'),
      minBids: wholeNumber(1, 50).optional().default(1),
      objectionDays: wholeNumber(0, 30).optional().default(5),
      rationale: mode === 'amend' ? requiredText(2000) : z.string().optional(),
      intent: z.enum(['draft', 'publish']).optional().default('publish'),
    }),
    (v, ctx) => {
      const weights = [v.weightPrice, v.weightPlan, v.weightTeam, v.weightTrackRecord];
      if (weights.every((w) => w !== undefined) && weights.reduce((a, b) => a + b, 0) !== 100)
        ctx.addIssue({ code: 'custom', path: ['weightPrice'], message: 'procurement.errors.weightsSum' });
      if (v.eligibility === 'min_grade' && !v.minGrade)
        ctx.addIssue({ code: 'custom', path: ['minGrade'], message: 'errors.required' });
      if (v.questionDeadline && v.deadline && v.questionDeadline.getTime() >= v.deadline.getTime())
        ctx.addIssue({
          code: 'custom',
          path: ['questionDeadline'],
          message: 'procurement.errors.questionsAfterDeadline',
        });
      if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart)
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'procurement.errors.periodOrder' });
      const tooSoon =
        mode === 'create' && v.intent === 'publish' && v.deadline
          ? deadlineTooSoonMessage(v.deadline, now, biddingDays(v.unionId))
          : null;
      if (tooSoon) ctx.addIssue({ code: 'custom', path: ['deadline'], message: tooSoon });
    },
  );
}
export type TenderForm = z.infer<ReturnType<typeof tenderSchema>>;

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
  plan_comment: optionalText(2000),
  team_comment: optionalText(2000),
  track_record_comment: optionalText(2000),
});

export const reasonSchema = z.object({ reason: requiredText(2000) });

export const questionSchema = z.object({ question: requiredText(2000) });

export const answerSchema = z.object({ questionId: wholeNumber(1), answer: requiredText(5000) });

export const objectionSchema = z.object({ reason: requiredText(5000) });

export const objectionAnswerSchema = z.object({
  objectionId: wholeNumber(1),
  decision: z.enum(['dismiss', 'uphold'], { error: 'errors.required' }),
  answer: requiredText(5000),
});

/**
 * Payment plan set when the union issues the contract; the final milestone takes the rest. `today`
 * is the server's date (Asia/Shanghai): the service period cannot start before it.
 */
export function issueContractSchema(today: string) {
  return checkAcross(
    z.object({
      periodStart: periodStart(today).optional(),
      periodEnd: isoDate.optional(),
      signingPercent: wholeNumber(0, 99),
      sessionsPercent: wholeNumber(0, 99).optional().default(0),
      sessionsThreshold: wholeNumber(1, 10_000).optional(),
    }),
    (v, ctx) => {
      if (
        v.signingPercent !== undefined &&
        v.sessionsPercent !== undefined &&
        v.signingPercent + v.sessionsPercent >= 100
      )
        ctx.addIssue({ code: 'custom', path: ['sessionsPercent'], message: 'procurement.errors.finalShare' });
      if (v.sessionsPercent && !v.sessionsThreshold)
        ctx.addIssue({ code: 'custom', path: ['sessionsThreshold'], message: 'errors.required' });
      if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart)
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'procurement.errors.periodOrder' });
    },
  );
}
export type IssueContractForm = z.infer<ReturnType<typeof issueContractSchema>>;

export const amendContractSchema = z.object({
  amount: yuan.refine((fen) => fen > 0, 'errors.positiveMoney'),
  sessions: wholeNumber(1, 10_000),
  minWorkerVisits: wholeNumber(0),
  periodEnd: isoDate.optional(),
  rationale: requiredText(2000),
});
export type AmendContractForm = z.infer<typeof amendContractSchema>;

export const directContractSchema = z.object({
  unionId: wholeNumber(1),
  offeringId: wholeNumber(1),
  sessions: wholeNumber(1, 1000),
  periodStart: isoDate.optional(),
  periodEnd: isoDate.optional(),
});

/** The union admin's minimum bidding period (decision 110). */
export const biddingPeriodSchema = z.object({
  intent: z.literal('bidding-period'),
  days: wholeNumber(biddingDaysRange.min, biddingDaysRange.max),
});
