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
import { db, inJsonArray } from '~/lib/db.server';
import { may } from '~/lib/permission';

const eventPath = (id: number) => `/events/${id}`;

// A unary `+` keeps SQLite from reading these by the events' state index, which would walk every
// such event in the country: the queues start from the viewer's unions and organizations instead.
const inState = (states: EventState[]) => inArray(sql`+${events.state}`, states);

// A cross join keeps SQLite's order (contracts, then their events by contract and state) where it
// would otherwise start from the state index.
const reportedUnderContracts = db
  .select({ event: events, unionId: contracts.unionId })
  .from(contracts)
  .crossJoin(events)
  .where(
    and(inJsonArray(contracts.unionId, 'unionIds'), eq(events.contractId, contracts.id), eq(events.state, 'reported')),
  )
  .prepare();

const reportedByResidents = db
  .select({ event: events, unionId: incubators.unionId })
  .from(incubators)
  .innerJoin(residencies, eq(residencies.incubatorId, incubators.id))
  .innerJoin(events, eq(events.residencyId, residencies.id))
  .where(and(inJsonArray(incubators.unionId, 'unionIds'), inState(['reported'])))
  .prepare();

/**
 * Completion reports waiting on this viewer, oldest first: a filed report is in their queue exactly
 * when the accept command would take it from them (mayReviewReport). Read from the viewer's unions:
 * a contract's events by its union, a resident's by its incubator's union. Each is a query built
 * once, the viewer's unions one JSON array parameter (decision 111).
 */
export function reportsToAccept(viewer: Viewer): Waiting[] {
  if (!viewer.roles.length) return [];
  const unionIds = { unionIds: JSON.stringify([...new Set(viewer.roles.map((r) => r.unionId))]) };
  return [
    ...reportedUnderContracts.all(unionIds).map((row) => ({ ...row, oversight: oversightBy('contract', row.unionId) })),
    ...reportedByResidents.all(unionIds).map((row) => ({ ...row, oversight: oversightBy('residency', row.unionId) })),
  ]
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

const endedUnreported = db
  .select()
  .from(events)
  .where(
    and(
      inJsonArray(events.organizationId, 'organizationIds'),
      inState(['scheduled', 'returned']),
      lte(events.endsAt, sql.placeholder('at')),
    ),
  )
  .orderBy(asc(events.endsAt), asc(events.id))
  .prepare();

/** Events of the viewer's organizations that are over and wait for their completion report (mayFileReport). */
export function eventsToReport(viewer: Viewer): Waiting[] {
  if (!viewer.memberships.length) return [];
  const at = now();
  return endedUnreported
    .all({ organizationIds: JSON.stringify(viewer.memberships.map((m) => m.organizationId)), at: at.getTime() })
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
