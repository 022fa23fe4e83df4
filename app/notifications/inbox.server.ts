import { and, count, desc, eq, isNull, notInArray } from 'drizzle-orm';
import { notifications } from '../../db/schema/notifications';
import { notificationSubject } from '../../emails/render.server';
import { mandatoryTemplates, type NotificationData, type NotificationTemplate } from './notify.server';
import { notFound } from '~/accounts/auth.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

// The in-app list shows the same rows as the outbox, less the account emails (verification and
// password reset), which are about the account rather than something that happened.
function inList(userId: number) {
  return and(eq(notifications.userId, userId), notInArray(notifications.template, [...mandatoryTemplates]));
}

/** The person's latest notifications, each summed up in `locale` by its email subject. */
export async function listNotifications(userId: number, locale: string) {
  const rows = db
    .select({
      id: notifications.id,
      template: notifications.template,
      data: notifications.data,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(inList(userId))
    .orderBy(desc(notifications.id))
    .limit(100)
    .all();
  return Promise.all(
    rows.map(async (row) => {
      const template = row.template as NotificationTemplate;
      const summary = await notificationSubject(template, row.data as NotificationData[typeof template], locale);
      return { id: row.id, summary, createdAt: row.createdAt, unread: row.readAt === null };
    }),
  );
}

export function countUnread(userId: number) {
  return db
    .select({ n: count() })
    .from(notifications)
    .where(and(inList(userId), isNull(notifications.readAt)))
    .get()!.n;
}

/** Marks the person's own notification read and returns where it leads. */
export function openNotification(userId: number, id: number) {
  const row = db
    .select({ data: notifications.data, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), inList(userId)))
    .get();
  if (!row) notFound();
  if (row.readAt === null) db.update(notifications).set({ readAt: now() }).where(eq(notifications.id, id)).run();
  const path = String(row.data.path ?? '/notifications');
  return path.startsWith('/') && !path.startsWith('//') ? path : '/notifications';
}

export function markAllRead(userId: number) {
  db.update(notifications)
    .set({ readAt: now() })
    .where(and(inList(userId), isNull(notifications.readAt)))
    .run();
}
