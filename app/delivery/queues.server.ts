import { and, asc, eq, inArray, lte, or } from 'drizzle-orm';
import { events } from '../../db/schema/delivery';
import { incubators, residencies } from '../../db/schema/incubation';
import { contracts } from '../../db/schema/procurement';
import { eventStanding, oversightBy } from './events.server';
import { mayFileReport, mayReviewReport } from './permissions';
import type { Viewer } from '~/accounts/auth.server';
import type { Waiting } from '~/accounts/waiting';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import { may } from '~/lib/permission';

const eventPath = (id: number) => `/events/${id}`;

/**
 * Completion reports waiting on this viewer, oldest first: a filed report is in their queue exactly
 * when the accept command would take it from them (mayReviewReport). Only the events overseen by the
 * viewer's unions are read: a contract's by its union, a resident's by its incubator's union.
 */
export function reportsToAccept(viewer: Viewer): Waiting[] {
  const unionIds = [...new Set(viewer.roles.map((r) => r.unionId))];
  if (!unionIds.length) return [];
  return db
    .select({ event: events, contractUnionId: contracts.unionId, incubatorUnionId: incubators.unionId })
    .from(events)
    .leftJoin(contracts, eq(contracts.id, events.contractId))
    .leftJoin(residencies, eq(residencies.id, events.residencyId))
    .leftJoin(incubators, eq(incubators.id, residencies.incubatorId))
    .where(
      and(
        eq(events.state, 'reported'),
        or(inArray(contracts.unionId, unionIds), inArray(incubators.unionId, unionIds)),
      ),
    )
    .orderBy(asc(events.endsAt), asc(events.id))
    .all()
    .flatMap(({ event, contractUnionId, incubatorUnionId }) => {
      const oversight =
        contractUnionId !== null
          ? oversightBy('contract', contractUnionId)
          : oversightBy('residency', incubatorUnionId!);
      const standing = eventStanding(viewer, event, oversight);
      if (!may(mayReviewReport(event, standing))) return [];
      const role = standing.reviewAs!;
      return [
        {
          kind: 'reportsToAccept',
          id: event.id,
          title: event.title,
          since: event.endsAt,
          path: eventPath(event.id),
          unionId: oversight.unionId,
          role,
        },
      ] satisfies Waiting[];
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
      and(
        inArray(events.organizationId, organizationIds),
        inArray(events.state, ['scheduled', 'returned']),
        lte(events.endsAt, at),
      ),
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
