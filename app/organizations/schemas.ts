import { z } from 'zod';
import { organizationTypes } from './types';
import { categories } from '~/catalog/taxonomy';
import { isValidCreditCode } from '~/lib/credit-code';
import { checkAcross, email, optionalText, requiredText, wholeNumber } from '~/lib/validation';

/** Codes are often typed with spaces or in lower case; the check itself is exact. */
export function normalizeCreditCode(value: string) {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** `today` (YYYY-MM-DD, Shanghai) bounds the founding date: the server's clock on the server. */
export function organizationSchema(today: string) {
  return checkAcross(
    z.object({
      name: requiredText(100),
      type: z.enum(organizationTypes, { error: 'errors.required' }),
      creditCode: z
        .string()
        .optional()
        .transform((v) => (v ? normalizeCreditCode(v) : '')),
      fields: z.array(z.enum(categories), { error: 'organizations.profile.errors.chooseField' }).min(1, {
        error: 'organizations.profile.errors.chooseField',
      }),
      description: optionalText(2000),
      contactName: requiredText(40),
      contactPhone: requiredText(20).regex(/^[0-9+\-() ]{5,20}$/, 'organizations.profile.errors.phone'),
      contactEmail: email,
      teamSize: wholeNumber(1, 100_000),
      volunteers: wholeNumber(0, 1_000_000).optional().default(0),
      foundedOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.dateTime')
        .refine((d) => d <= today, 'organizations.profile.errors.foundedInFuture')
        .optional(),
    }),
    (value, ctx) => {
      if (value.type === undefined || value.creditCode === undefined) return;
      if (value.type === 'grassroots') {
        if (value.creditCode)
          ctx.addIssue({
            code: 'custom',
            path: ['creditCode'],
            message: 'organizations.profile.errors.creditCodeGrassroots',
          });
      } else if (!value.creditCode) {
        ctx.addIssue({
          code: 'custom',
          path: ['creditCode'],
          message: 'organizations.profile.errors.creditCodeRequired',
        });
      } else if (!isValidCreditCode(value.creditCode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['creditCode'],
          message: 'organizations.profile.errors.creditCodeInvalid',
        });
      }
    },
  );
}
export type OrganizationInput = z.infer<ReturnType<typeof organizationSchema>>;

export const inviteMemberSchema = z.object({ intent: z.literal('invite'), email });
