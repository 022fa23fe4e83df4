import { and, eq, inArray } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import { notificationPreferences, notifications } from '../../db/schema/notifications';
import { organizationMembers } from '../../db/schema/organizations';
import type { OrgRole } from '~/accounts/roles';
import type { DB } from '~/lib/db.server';

/**
 * Every notification the product sends, with the variables its template receives. Amounts are
 * fen and times ISO strings: the template formats them in the recipient's language.
 */
export type NotificationData = {
  verify_email: { name: string; path: string };
  password_reset: { name: string; path: string };
  two_factor_reset: { reason: string; path: string };
  application_received: { organization: string; incubator: string; path: string };
  application_decided: {
    organization: string;
    incubator: string;
    decision: 'admitted' | 'rejected';
    reason: string;
    path: string;
  };
  tender_published: { title: string; union: string; deadline: string; path: string };
  tender_amended: { title: string; rationale: string; deadline: string; path: string };
  tender_cancelled: { title: string; reason: string; path: string };
  question_answered: { title: string; path: string };
  question_asked: { title: string; path: string };
  /** `receipt` is missing on receipts written before keyed receipts (decision 093). */
  bid_receipt: { title: string; receipt?: string; submittedAt: string; path: string };
  deadline_passed: { title: string; bids: number; path: string };
  panel_scored: { title: string; path: string };
  award_proposed: { title: string; organization: string; objectionUntil: string; path: string };
  award_final: { title: string; organization: string; path: string };
  objection_filed: { title: string; organization: string; path: string };
  objection_answered: { title: string; path: string };
  contract_ready: { title: string; amountFen: number; path: string };
  /** `reason` only when the commissioner completed the contract before it was fulfilled. */
  contract_completed: { title: string; reason?: string; path: string };
  commission_requested: { title: string; union: string; sessions: number; amountFen: number; path: string };
  commission_decided: {
    title: string;
    organization: string;
    decision: 'accepted' | 'declined';
    reason: string;
    path: string;
  };
  event_reminder: { title: string; startsAt: string; address: string; path: string };
  staff_invitation: { union: string; role: string; inviter: string; expiresAt: string; path: string };
  organization_invitation: { organization: string; inviter: string; expiresAt: string; path: string };
  report_accepted: { title: string; path: string };
  report_returned: { title: string; reason: string; path: string };
  report_filed: { title: string; organization: string; path: string };
  report_due: { title: string; path: string };
  evaluation_opened: { organization: string; path: string };
  evaluation_published: { organization: string; score: number; grade: string; path: string };
  /** `endsOn`: the term's last day ('YYYY-MM-DD'); an extended term is reminded of again. */
  exit_review_due: { organization: string; endsOn: string; path: string };
  exit_review_decided: { organization: string; decision: 'graduate' | 'extend' | 'exit'; reason: string; path: string };
  milestone_due: { title: string; amountFen: number; path: string };
  milestone_paid: { title: string; amountFen: number; path: string };
};
export type NotificationTemplate = keyof NotificationData;

// Typed as a record so that a template added to NotificationData must be listed here too.
const everyTemplate: Record<NotificationTemplate, true> = {
  verify_email: true,
  password_reset: true,
  two_factor_reset: true,
  application_received: true,
  application_decided: true,
  tender_published: true,
  tender_amended: true,
  tender_cancelled: true,
  question_answered: true,
  question_asked: true,
  bid_receipt: true,
  deadline_passed: true,
  panel_scored: true,
  award_proposed: true,
  award_final: true,
  objection_filed: true,
  objection_answered: true,
  contract_ready: true,
  contract_completed: true,
  commission_requested: true,
  commission_decided: true,
  event_reminder: true,
  staff_invitation: true,
  organization_invitation: true,
  report_accepted: true,
  report_returned: true,
  report_filed: true,
  report_due: true,
  evaluation_opened: true,
  evaluation_published: true,
  exit_review_due: true,
  exit_review_decided: true,
  milestone_due: true,
  milestone_paid: true,
};
export const notificationTemplates = Object.keys(everyTemplate) as NotificationTemplate[];

/**
 * Account mail is always sent, and only by email (its links carry single-use tokens); everything
 * else respects the person's preferences.
 */
export const mandatoryTemplates: readonly NotificationTemplate[] = [
  'verify_email',
  'password_reset',
  'two_factor_reset',
  'staff_invitation',
  'organization_invitation',
];

export function isOptional(template: NotificationTemplate) {
  return !mandatoryTemplates.includes(template);
}

function wantsEmail(tx: DB, userId: number, template: NotificationTemplate) {
  if (!isOptional(template)) return true;
  const preference = tx
    .select({ email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.template, template)))
    .get();
  return preference?.email ?? true;
}

/**
 * `sealedTenderId`: the notification tells who bid on (or asked about) that tender, so the outbox
 * keeps it from the platform admin until the tender's deadline (decision 093).
 */
type NotifyOptions = { sealedTenderId?: number };

/**
 * Records a notification inside the caller's transaction: it shows in the person's in-app list
 * and waits in the outbox for the delivery worker, so it exists exactly when the change does.
 * An optional email the person has turned off is recorded as `skipped`.
 */
export function notify<T extends NotificationTemplate>(
  tx: DB,
  userId: number,
  template: T,
  data: NotificationData[T],
  { sealedTenderId }: NotifyOptions = {},
) {
  const user = tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, userId)).get();
  if (!user) return;
  const emailState = wantsEmail(tx, userId, template) ? 'pending' : 'skipped';
  tx.insert(notifications)
    .values({ userId, toEmail: user.email, locale: user.locale, template, data, emailState, sealedTenderId })
    .run();
}

/** Mail to an address with no account yet (an invitation), in the sender's language; no in-app notice. */
export function notifyAddress<T extends NotificationTemplate>(
  tx: DB,
  toEmail: string,
  locale: string,
  template: T,
  data: NotificationData[T],
) {
  tx.insert(notifications).values({ userId: null, toEmail, locale, template, data }).run();
}

/**
 * Notifies the members of one or several organizations holding one of `roles` (all members by
 * default), each person once.
 */
export function notifyOrganization<T extends NotificationTemplate>(
  tx: DB,
  organizationIds: number | number[],
  template: T,
  data: NotificationData[T],
  { roles = ['owner', 'member'], ...options }: NotifyOptions & { roles?: readonly OrgRole[] } = {},
) {
  const ids = Array.isArray(organizationIds) ? organizationIds : [organizationIds];
  if (!ids.length) return;
  const members = tx
    .selectDistinct({ userId: organizationMembers.userId })
    .from(organizationMembers)
    .where(and(inArray(organizationMembers.organizationId, ids), inArray(organizationMembers.role, [...roles])))
    .all();
  for (const { userId } of members) notify(tx, userId, template, data, options);
}
