import { z } from 'zod';
import { email, requiredText } from '~/lib/validation';

export const password = z
  .string({ error: 'errors.required' })
  .min(10, 'errors.passwordTooShort')
  .max(200, 'errors.tooLong');

export const signupSchema = z.object({
  name: requiredText(60),
  email,
  password,
  redirectTo: z.string().optional(),
});

export const loginSchema = z.object({
  email,
  password: z.string({ error: 'errors.required' }),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'errors.required' }),
    newPassword: password,
    confirmPassword: z.string({ error: 'errors.required' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'errors.passwordsDiffer' });

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({
    token: z.string({ error: 'accounts.recovery.invalidLink' }),
    newPassword: password,
    confirmPassword: z.string({ error: 'errors.required' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'errors.passwordsDiffer' });

export const twoFactorResetSchema = z.object({
  userId: z.number({ error: 'errors.required' }).int().positive(),
  reason: requiredText(1000),
});
