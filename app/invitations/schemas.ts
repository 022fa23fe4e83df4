import { z } from 'zod';
import { wholeNumber } from '~/lib/validation';

/** The buttons beside a pending invitation in an admin's list. */
export const manageInvitationSchema = z.object({
  intent: z.enum(['resend', 'withdraw']),
  invitationId: wholeNumber(1, Number.MAX_SAFE_INTEGER),
});

/** The query flag a page shows its notice for, after each button (see InvitationNotice). */
export const noticeAfter = { resend: 'resent', withdraw: 'withdrawn' } as const;
