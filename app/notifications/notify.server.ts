import { eq } from 'drizzle-orm';
import { notifications, users } from '../../db/schema';
import type { DB } from '~/lib/db.server';

/**
 * Every notification the product sends, with the variables its template receives. Amounts are
 * fen and times ISO strings: the template formats them in the recipient's language.
 */
export type NotificationData = {
  verify_email: { name: string; path: string };
  password_reset: { name: string; path: string };
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
  bid_receipt: { title: string; hash: string; submittedAt: string; path: string };
  deadline_passed: { title: string; bids: number; path: string };
  award_proposed: { title: string; organization: string; objectionUntil: string; path: string };
  award_final: { title: string; organization: string; path: string };
  objection_filed: { title: string; organization: string; path: string };
  objection_answered: { title: string; path: string };
  contract_ready: { title: string; amountFen: number; path: string };
  event_reminder: { title: string; startsAt: string; address: string; path: string };
  report_accepted: { title: string; path: string };
  report_returned: { title: string; reason: string; path: string };
  evaluation_published: { organization: string; score: number; grade: string; path: string };
  exit_review_decided: { organization: string; decision: 'graduate' | 'extend' | 'exit'; reason: string; path: string };
  milestone_due: { title: string; amountFen: number; path: string };
  milestone_paid: { title: string; amountFen: number; path: string };
};
export type NotificationTemplate = keyof NotificationData;

/** Account mail is always sent; everything else respects the person's preferences. */
export const mandatoryTemplates: readonly NotificationTemplate[] = ['verify_email', 'password_reset'];

/**
 * Records a notification inside the caller's transaction: it shows in the person's in-app list
 * and waits in the outbox for the delivery worker, so it exists exactly when the change does.
 */
export function notify<T extends NotificationTemplate>(tx: DB, userId: number, template: T, data: NotificationData[T]) {
  const user = tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, userId)).get();
  if (!user) return;
  tx.insert(notifications).values({ userId, toEmail: user.email, locale: user.locale, template, data }).run();
}
