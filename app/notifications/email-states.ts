/** Where a notification's email stands (db/schema/notifications.ts `notifications.email_state`). */
export const emailStates = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type EmailState = (typeof emailStates)[number];
