import { and, eq, gt, lte, sql, type SQL } from 'drizzle-orm';
import { events } from '../../db/schema/delivery';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { notifyOrganization } from '~/notifications/notify.server';

const reminderAheadMs = 24 * 3600_000;

/**
 * The reminder of this kind already sent for an event's path (searched through the partial indexes
 * `notifications_reminder_idx` and `notifications_report_due_idx`).
 */
function reminderOf(template: 'event_reminder' | 'report_due', path: SQL) {
  return sql`(select 1 from notifications where template = ${template} and json_extract(data, '$.path') = ${path})`;
}

/**
 * Tells each event's organization once: the notification, keyed by the event's page, is looked for
 * again inside the transaction that writes it (another tick may have sent it meanwhile).
 */
function notifyOnce(
  template: 'event_reminder' | 'report_due',
  due: (typeof events.$inferSelect)[],
  data: (event: typeof events.$inferSelect) => { title: string; startsAt?: string; address?: string },
) {
  for (const event of due) {
    const path = `/events/${event.id}`;
    transaction((tx) => {
      if (tx.get<{ sent: number }>(sql`select exists ${reminderOf(template, sql`${path}`)} as sent`)?.sent) return;
      notifyOrganization(tx, event.organizationId, template, { ...data(event), path });
    });
  }
}

/**
 * The day before: each scheduled event starting within the next 24 hours reminds the organizing
 * organization's members once. The notification itself records that the reminder went out.
 * At most `limit` events per call: after the server was down, a day's events nationwide are due
 * at once, and the clock must not hold its process (or the database's write lock) for long; the
 * next ticks remind the rest.
 */
export function remindUpcomingEvents(limit = 50) {
  const at = now().getTime();
  const due = db
    .select()
    .from(events)
    .where(
      and(
        eq(events.state, 'scheduled'),
        gt(events.startsAt, new Date(at)),
        lte(events.startsAt, new Date(at + reminderAheadMs)),
        sql`not exists ${reminderOf('event_reminder', sql`'/events/' || ${events.id}`)}`,
      ),
    )
    .orderBy(events.startsAt)
    .limit(limit)
    .all();
  notifyOnce('event_reminder', due, (event) => ({
    title: event.title,
    startsAt: event.startsAt.toISOString(),
    address: event.address,
  }));
}

/** How long after an event the clock still looks for its missing report: the rating window. */
const reportDueLookbackMs = 7 * 24 * 3600_000;

/**
 * After an event ends, its organization is told once that the completion report is due (it then
 * waits in their queue, app/delivery/queues.server.ts). Read through `events_state_ends_idx`; at most
 * `limit` events per call, like the reminders.
 */
export function remindReportsDue(limit = 50) {
  const at = now().getTime();
  const due = db
    .select()
    .from(events)
    .where(
      and(
        eq(events.state, 'scheduled'),
        gt(events.endsAt, new Date(at - reportDueLookbackMs)),
        lte(events.endsAt, new Date(at)),
        sql`not exists ${reminderOf('report_due', sql`'/events/' || ${events.id}`)}`,
      ),
    )
    .orderBy(events.endsAt)
    .limit(limit)
    .all();
  notifyOnce('report_due', due, (event) => ({ title: event.title }));
}
