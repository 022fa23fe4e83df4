import { z } from 'zod';
import { occupations, venueTypes } from './machine';
import { optionalText, requiredText, shanghaiDateTime, wholeNumber } from '~/lib/validation';

export const eventSchema = z.object({
  title: requiredText(120),
  startsAt: shanghaiDateTime,
  durationMinutes: wholeNumber(15, 24 * 60),
  venueType: z.enum(venueTypes, { error: 'errors.required' }),
  address: requiredText(200),
  capacity: wholeNumber(1, 100_000),
  expectedAttendance: wholeNumber(0, 100_000).optional().default(0),
});

export const reportSchema = z.object({
  walkIns: wholeNumber(0, 100_000),
  summary: requiredText(5000),
});

export const walkInsSchema = z.object({ walkIns: wholeNumber(0, 100_000) });

/** Why an event is called off, or its report returned to the organization. */
export const reasonSchema = z.object({ reason: requiredText(2000) });

export const checkinSchema = z.object({
  ticket: z.string(),
  occupation: z.enum(occupations).optional(),
  unionMember: z.enum(['yes', 'no']).optional(),
});

/** Digits as people type them on a phone: full-width digits, spaces and dashes are accepted. */
const typedDigits = (error: string) =>
  z
    .string({ error })
    .max(40, error)
    .transform((value) => value.normalize('NFKC').replace(/[\s()-]/g, ''));

/** A mainland China mobile number, with or without +86. */
export const mobileNumber = typedDigits('delivery.phoneCheckin.errors.phoneInvalid')
  .transform((value) => value.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, 'delivery.phoneCheckin.errors.phoneInvalid'));

/** Asking for an SMS code: the number, and the ticket the code will check in with. */
export const phoneCodeRequestSchema = checkinSchema.extend({ phone: mobileNumber });

/** The code from the SMS, for the challenge the page was given when it was sent. */
export const phoneCodeSchema = checkinSchema.extend({
  challenge: z.string().max(64),
  code: typedDigits('delivery.phoneCheckin.errors.phoneCodeInvalid').pipe(
    z.string().regex(/^\d{6}$/, 'delivery.phoneCheckin.errors.phoneCodeInvalid'),
  ),
});

export const ratingTags = ['useful', 'well_organized', 'attend_again'] as const;

export const ratingSchema = z.object({
  score: z.number({ error: 'errors.chooseScore' }).int().min(1, 'errors.chooseScore').max(5, 'errors.chooseScore'),
  comment: optionalText(500),
  tags: z.array(z.enum(ratingTags)).optional().default([]),
});

/** A union reviewer leaves a flagged rating out of the figures, saying why. */
export const excludeRatingSchema = z.object({
  ratingId: wholeNumber(1, Number.MAX_SAFE_INTEGER),
  reason: requiredText(500),
});

/** A union reviewer's decision on attendance: the event's asserted part, every pending check-in, or one. */
export const attendanceReviewSchema = z.object({
  target: z.string({ error: 'errors.required' }).regex(/^(event|pending|[1-9]\d{0,11})$/, 'errors.required'),
  decision: z.enum(['admitted', 'excluded'], { error: 'errors.required' }),
  reason: requiredText(500),
});

export const attendanceStandardSchema = z.object({
  standard: z.enum(['sms', 'code'], { error: 'errors.required' }),
});
