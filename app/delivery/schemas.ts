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

export const checkinSchema = z.object({
  ticket: z.string(),
  occupation: z.enum(occupations).optional(),
  unionMember: z.enum(['yes', 'no']).optional(),
});

export const ratingTags = ['useful', 'well_organized', 'attend_again'] as const;

export const ratingSchema = z.object({
  score: z.number({ error: 'errors.chooseScore' }).int().min(1, 'errors.chooseScore').max(5, 'errors.chooseScore'),
  comment: optionalText(500),
  tags: z.array(z.enum(ratingTags)).optional().default([]),
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
