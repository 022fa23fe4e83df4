import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { events } from '../../db/schema/delivery';
import { incubators, residencies } from '../../db/schema/incubation';
import { contracts } from '../../db/schema/procurement';
import { eventStanding, oversightBy } from './events.server';
import type { EventState } from './machine';
import { mayFileReport, mayReviewReport } from './permissions';
import type { Viewer } from '~/accounts/auth.server';
import type { Waiting } from '~/accounts/waiting';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import { may } from '~/lib/permission';

const eventPath = (id: number) => `/events/${id}`;

// A unary `+` keeps SQLite from reading these by the events' state index, which would walk every
// such event in the country: the queues start from the viewer's unions and organizations instead.
const inState = (states: EventState[]) => inArray(sql`+${events.state}`, states);

/**
 * Completion reports waiting on this viewer, oldest first: a filed report is in their queue exactly
 * when the accept command would take it from them (mayReviewReport). Read from the viewer's unions:
 * a contract's events by its union, a resident's by its incubator's union.
 */
export function reportsToAccept(viewer: Viewer): Waiting[] {
  const unionIds = [...new Set(viewer.roles.map((r) => r.unionId))];
  if (!unionIds.length) return [];
  const contracted = db
    .select({ event: events, unionId: contracts.unionId })
    .from(contracts)
    .innerJoin(events, eq(events.contractId, contracts.id))
    .where(and(inArray(contracts.unionId, unionIds), inState(['reported'])))
    .all()
    .map((row) => ({ ...row, oversight: oversightBy('contract', row.unionId) }));
  const residencyUnions = new Map(
    db
      .select({ id: residencies.id, unionId: incubators.unionId })
      .from(incubators)
      .innerJoin(residencies, eq(residencies.incubatorId, incubators.id))
      .where(inArray(incubators.unionId, unionIds))
      .all()
      .map((r) => [r.id, r.unionId]),
  );
  const resident = residencyUnions.size
    ? db
        .select()
        .from(events)
        .where(and(inArray(events.residencyId, [...residencyUnions.keys()]), inState(['reported'])))
        .all()
        .map((event) => {
          const unionId = residencyUnions.get(event.residencyId!)!;
          return { event, unionId, oversight: oversightBy('residency', unionId) };
        })
    : [];
  return [...contracted, ...resident]
    .sort((a, b) => a.event.endsAt.getTime() - b.event.endsAt.getTime() || a.event.id - b.event.id)
    .flatMap(({ event, unionId, oversight }) => {
      const standing = eventStanding(viewer, event, oversight);
      if (!may(mayReviewReport(event, standing))) return [];
      return [
        {
          kind: 'reportsToAccept' as const,
          id: event.id,
          title: event.title,
          since: event.endsAt,
          path: eventPath(event.id),
          unionId,
          role: standing.reviewAs!,
        },
      ];
    });
}

/** Events of the viewer's organizations that are over and wait for their completion report (mayFileReport). */
export function eventsToReport(viewer: Viewer): Waiting[] {
  const organizationIds = viewer.memberships.map((m) => m.organizationId);
  if (!organizationIds.length) return [];
  const at = now();
  return db
    .select()
    .from(events)
    .where(
      and(inArray(events.organizationId, organizationIds), inState(['scheduled', 'returned']), lte(events.endsAt, at)),
    )
    .orderBy(asc(events.endsAt), asc(events.id))
    .all()
    .filter((event) => may(mayFileReport(event, eventStanding(viewer, event, null), at)))
    .map((event) => ({
      kind: 'eventsToReport' as const,
      id: event.id,
      title: event.title,
      since: event.endsAt,
      path: eventPath(event.id),
      organizationId: event.organizationId,
      role: viewer.memberships.find((m) => m.organizationId === event.organizationId)!.role,
    }));
}
