import { z } from 'zod';
import { formMessage } from '~/lib/form-message';
import { checkAcross, email, requiredText } from '~/lib/validation';

export const password = z
  .string({ error: 'errors.required' })
  .min(10, formMessage('errors.passwordTooShort', { min: 10 }))
  .max(200, formMessage('errors.tooLong', { max: 200 }));

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

const confirmed = (v: { newPassword?: string; confirmPassword?: string }, ctx: z.RefinementCtx) => {
  if (v.newPassword !== undefined && v.confirmPassword !== undefined && v.newPassword !== v.confirmPassword)
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'errors.passwordsDiffer' });
};

export const changePasswordSchema = checkAcross(
  z.object({
    currentPassword: z.string({ error: 'errors.required' }),
    newPassword: password,
    confirmPassword: z.string({ error: 'errors.required' }),
  }),
  confirmed,
);

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = checkAcross(
  z.object({
    token: z.string({ error: 'accounts.recovery.invalidLink' }),
    newPassword: password,
    confirmPassword: z.string({ error: 'errors.required' }),
  }),
  confirmed,
);

export const twoFactorResetSchema = z.object({
  userId: z.number({ error: 'errors.required' }).int().positive(),
  reason: requiredText(1000),
});

/** The first code of a new authenticator, confirming it: six digits. */
export const twoFactorCodeSchema = z.object({
  code: z
    .string({ error: 'errors.required' })
    .trim()
    .regex(/^\d{6}$/, 'accounts.security.twoFactor.codeFormat'),
});

/** A current code, or one of the recovery codes (`xxxxx-xxxxx`) when the phone is lost. */
export const twoFactorAnyCodeSchema = z.object({ code: requiredText(20) });
