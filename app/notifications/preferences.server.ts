import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { notificationPreferences, notifications } from '../../db/schema/notifications';
import { publicUrl } from '../../emails/render.server';
import { isOptional, notificationTemplates, type NotificationTemplate } from './notify.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { serverSecret } from '~/lib/secrets.server';

/** Every notification a person may turn off, in the order the settings page lists them. */
export const optionalTemplates = notificationTemplates.filter(isOptional);

function signature(userId: number, template: string) {
  return createHmac('sha256', serverSecret('UNSUBSCRIBE_SECRET'))
    .update(`unsubscribe:${userId}:${template}`)
    .digest('base64url');
}

/**
 * The one-click unsubscribe link of one person and one kind of email. Signed rather than stored,
 * so it works without logging in and never expires; it can only ever turn that one email off.
 */
export function unsubscribeUrl(userId: number, template: NotificationTemplate) {
  return publicUrl(`/unsubscribe/${userId}.${template}.${signature(userId, template)}`);
}

export function readUnsubscribeToken(token: string) {
  const [id, template, given] = token.split('.');
  const userId = Number(id);
  if (!Number.isSafeInteger(userId) || !template || !given) return null;
  if (!optionalTemplates.includes(template as NotificationTemplate)) return null;
  const expected = Buffer.from(signature(userId, template));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { userId, template: template as NotificationTemplate };
}

/** Which optional emails the person receives: all of them unless turned off. */
export function emailPreferences(userId: number) {
  const off = new Set(
    db
      .select({ template: notificationPreferences.template })
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.email, false)))
      .all()
      .map((p) => p.template),
  );
  return optionalTemplates.map((template) => ({ template, email: !off.has(template) }));
}

/** Turning an email off also withdraws the ones of that kind still waiting in the outbox. */
function setEmail(tx: DB, userId: number, template: NotificationTemplate, email: boolean) {
  if (!isOptional(template)) return;
  tx.insert(notificationPreferences)
    .values({ userId, template, email })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.template], set: { email } })
    .run();
  if (email) return;
  tx.update(notifications)
    .set({ emailState: 'skipped' })
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.template, template),
        eq(notifications.emailState, 'pending'),
      ),
    )
    .run();
}

export function saveEmailPreferences(userId: number, enabled: readonly string[]) {
  transaction((tx) => {
    for (const template of optionalTemplates) setEmail(tx, userId, template, enabled.includes(template));
  });
}

export function unsubscribe(token: string) {
  const target = readUnsubscribeToken(token);
  if (!target) return null;
  transaction((tx) => setEmail(tx, target.userId, target.template, false));
  return target;
}
