import { z } from 'zod';
import { isIsoDate } from '~/lib/time';
import { exitDecisions } from './machine';
import { entryCriteria, indicators, judgedIndicators, performanceIndicators, type IncubatorSettings } from './settings';
import { passingGrades } from '~/evaluation/grades';
import { checkAcross, optionalText, requiredText, shanghaiDateTime, wholeNumber } from '~/lib/validation';

const isoDate = z.string({ error: 'errors.required' }).refine((value) => isIsoDate(value), 'incubation.errors.date');
const clockTime = z.string({ error: 'errors.required' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'incubation.errors.time');
const score = wholeNumber(0, 100);

export const applySchema = z.object({ organizationId: wholeNumber(1) });

export const planSchema = z.object({
  intent: z.enum(['save', 'submit']),
  plan: optionalText(20_000),
});

export const entryScoreSchema = z.object({
  ...(Object.fromEntries(entryCriteria.map((c) => [c, score])) as Record<(typeof entryCriteria)[number], typeof score>),
  comment: optionalText(2000),
});

export const decisionSchema = z.object({
  intent: z.enum(['admit', 'reject']),
  reason: optionalText(2000),
});

export const bookingSchema = z.object({
  intent: z.literal('book'),
  roomId: wholeNumber(1),
  startsAt: shanghaiDateTime,
  endsAt: shanghaiDateTime,
  purpose: optionalText(200),
});

export const mentoringSchema = z.object({
  intent: z.literal('mentoring'),
  heldOn: isoDate,
  mentor: requiredText(60),
  topic: requiredText(200),
  followUps: optionalText(2000),
});

export const periodSchema = checkAcross(
  z.object({ intent: z.literal('evaluate'), periodStart: isoDate, periodEnd: isoDate }),
  (v, ctx) => {
    if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart)
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'incubation.errors.periodOrder' });
  },
);

export const exitReviewSchema = z.object({
  intent: z.literal('exitReview'),
  decision: z
    .enum(exitDecisions as [string, ...string[]], { error: 'errors.required' })
    .transform((d) => d as (typeof exitDecisions)[number]),
  reason: requiredText(2000),
});

export const judgedScoreSchema = z.object({
  ...(Object.fromEntries(judgedIndicators.map((i) => [i, score])) as Record<
    (typeof judgedIndicators)[number],
    typeof score
  >),
  comment: optionalText(2000),
});

export const meetingSchema = z.object({
  heldAt: shanghaiDateTime,
  agenda: requiredText(5000),
});

export const minutesSchema = z.object({
  minutes: optionalText(20_000),
  attendees: z.array(wholeNumber(1)).optional().default([]),
});

export const roomSchema = checkAcross(
  z.object({
    intent: z.literal('room'),
    name: requiredText(60),
    capacity: wholeNumber(1, 1000),
    opensAt: clockTime,
    closesAt: clockTime,
  }),
  (v, ctx) => {
    if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt)
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'incubation.errors.hoursOrder' });
  },
);

const weightsOf = <K extends string>(keys: readonly K[]) =>
  z
    .object(Object.fromEntries(keys.map((k) => [k, wholeNumber(0, 100)])) as Record<K, ReturnType<typeof wholeNumber>>)
    .refine(
      (w) => Object.values(w as Record<string, number>).reduce((a, b) => a + b, 0) === 100,
      'incubation.errors.weightsSum',
    );

/** The incubator's settings form; its shape is IncubatorSettings, field names dotted paths into it. */
export const settingsSchema = z.object({
  intent: z.literal('settings'),
  term: z.object({
    months: wholeNumber(1, 120),
    extensionMonths: wholeNumber(1, 60),
    maxExtensions: wholeNumber(0, 10),
  }),
  entry: z.object({
    minPeople: wholeNumber(1, 1000),
    passScore: wholeNumber(0, 100),
    weights: weightsOf(entryCriteria),
  }),
  evaluation: z.object({
    intervalMonths: wholeNumber(1, 24),
    weights: weightsOf(indicators),
  }),
  performance: z.object({ weights: weightsOf(performanceIndicators) }),
  exit: z.object({ graduationGrade: z.enum(passingGrades) }),
  bookings: z.object({ maxHours: wholeNumber(1, 24), advanceDays: wholeNumber(1, 365) }),
  meetings: z.object({ intervalMonths: wholeNumber(1, 24) }),
});

export function toSettings(value: z.infer<typeof settingsSchema>): IncubatorSettings {
  const { intent: _intent, ...settings } = value;
  return settings as IncubatorSettings;
}
