import { z } from 'zod';
import { unionLevels, unionRoles } from '~/accounts/roles';
import { email, requiredText, wholeNumber } from '~/lib/validation';

export const unionSchema = z.object({
  name: requiredText(100),
  level: z.enum(unionLevels, { error: 'errors.required' }),
  parentId: wholeNumber(1).optional(),
});

export const departmentSchema = z.object({ intent: z.literal('department'), name: requiredText(100) });

export const inviteSchema = z.object({
  intent: z.literal('invite'),
  email,
  role: z.enum(unionRoles, { error: 'errors.required' }),
  departmentId: wholeNumber(1).optional(),
});
