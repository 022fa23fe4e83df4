import { asc, eq } from 'drizzle-orm';
import { events } from '../../db/schema/delivery';
import { eventStanding } from './events.server';
import { mayReviewReport } from './permissions';
import type { Viewer } from '~/accounts/auth.server';
import { db } from '~/lib/db.server';
import { may } from '~/lib/permission';

/**
 * Completion reports waiting on this viewer, oldest first: a filed report is in their queue exactly
 * when the accept command would take it from them (mayReviewReport). Only union staff review
 * reports, so nobody else pays for the query; it reads the reported events by index (state, ends_at).
 */
export function reportsToAccept(viewer: Viewer) {
  if (!viewer.roles.length) return [];
  return db
    .select()
    .from(events)
    .where(eq(events.state, 'reported'))
    .orderBy(asc(events.endsAt))
    .all()
    .filter((event) => may(mayReviewReport(event, eventStanding(viewer, event))))
    .map((event) => ({ id: event.id, title: event.title, endedAt: event.endsAt }));
}
