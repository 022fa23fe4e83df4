import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import { calendarFeeds, events } from '../../db/schema/delivery';
import { incubators, residencies } from '../../db/schema/incubation';
import { organizations } from '../../db/schema/organizations';
import { contracts } from '../../db/schema/procurement';
import { addMonths, formatMonth, monthGrid, monthRange, parseMonth } from './calendar';
import { deliveryKey } from './keys.server';
import { forbidden, hasUnionRole, isOrgMember, requireOrgMember, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { requireOrganization } from '~/organizations/organizations.server';
import { requireUnion } from '~/unions/unions.server';
import '~/organizations/audit-subjects.server';
import '~/unions/audit-subjects.server';

export type FeedScope = 'union' | 'organization';

function calendarEvents(scope: SQL, from: Date, to: Date) {
  return db
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      state: events.state,
      venueType: events.venueType,
      address: events.address,
      organizationName: organizations.name,
      contractTitle: contracts.title,
      residencyId: events.residencyId,
    })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .leftJoin(contracts, eq(contracts.id, events.contractId))
    .leftJoin(residencies, eq(residencies.id, events.residencyId))
    .leftJoin(incubators, eq(incubators.id, residencies.incubatorId))
    .where(and(scope, lt(events.startsAt, to), gt(events.endsAt, from)))
    .orderBy(asc(events.startsAt))
    .all();
}

export type CalendarEvent = ReturnType<typeof calendarEvents>[number];

/** Every event the union pays for (its contracts), and its incubator residents' own activities. */
export function unionEvents(unionId: number, from: Date, to: Date) {
  return calendarEvents(or(eq(contracts.unionId, unionId), eq(incubators.unionId, unionId))!, from, to);
}

export function organizationEvents(organizationId: number, from: Date, to: Date) {
  return calendarEvents(eq(events.organizationId, organizationId), from, to);
}

/** Any staff role at the union may read its calendar. */
export function requireUnionCalendar(viewer: Viewer, unionId: number) {
  const union = requireUnion(unionId);
  if (!viewer.roles.some((r) => r.unionId === unionId)) forbidden();
  return { name: union.name, canRotateFeed: hasUnionRole(viewer, unionId, ['admin', 'commissioner']) };
}

export function requireOrganizationCalendar(viewer: Viewer, organizationId: number) {
  const organization = requireOrganization(organizationId);
  requireOrgMember(viewer, organizationId);
  return { name: organization.name, canRotateFeed: isOrgMember(viewer, organizationId, ['owner']) };
}

function feedVersion(scope: FeedScope, scopeId: number) {
  const row = db
    .select({ version: calendarFeeds.version })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.scope, scope), eq(calendarFeeds.scopeId, scopeId)))
    .get();
  return row?.version ?? 1;
}

function feedMac(scope: FeedScope, scopeId: number, version: number) {
  return createHmac('sha256', deliveryKey('calendar-feed'))
    .update(`${scope}:${scopeId}:${version}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * A calendar app cannot sign in, so the feed URL itself is the credential: it carries an HMAC of
 * the scope and a version, unguessable without the server secret and revoked by bumping the version.
 */
export function feedPath(scope: FeedScope, scopeId: number) {
  return `/calendar-feeds/${scope}-${scopeId}-${feedMac(scope, scopeId, feedVersion(scope, scopeId))}.ics`;
}

/** The scope a feed URL's last segment grants, or null if it is malformed, forged or revoked. */
export function resolveFeed(segment: string): { scope: FeedScope; scopeId: number } | null {
  const match = /^(union|organization)-(\d{1,12})-([0-9a-f]{32})\.ics$/.exec(segment);
  if (!match) return null;
  const scope = match[1] as FeedScope;
  const scopeId = Number(match[2]);
  const expected = Buffer.from(feedMac(scope, scopeId, feedVersion(scope, scopeId)));
  const given = Buffer.from(match[3]!);
  return timingSafeEqual(expected, given) ? { scope, scopeId } : null;
}

/** A new feed URL; the old one stops working at once. */
export function rotateFeed(viewer: Viewer, scope: FeedScope, scopeId: number) {
  const allowed =
    scope === 'union'
      ? hasUnionRole(viewer, scopeId, ['admin', 'commissioner'])
      : isOrgMember(viewer, scopeId, ['owner']);
  if (!allowed) forbidden();
  transaction((tx) => {
    tx.insert(calendarFeeds)
      .values({ scope, scopeId, version: 2, rotatedBy: viewer.id, rotatedAt: now() })
      .onConflictDoUpdate({
        target: [calendarFeeds.scope, calendarFeeds.scopeId],
        set: { version: sql`${calendarFeeds.version} + 1`, rotatedBy: viewer.id, rotatedAt: now() },
      })
      .run();
    audit(tx, { actorId: viewer.id, action: 'calendar_feed.rotate', subjectType: scope, subjectId: scopeId });
  });
}

/** The events a feed lists: from three months back to a year ahead. */
export function feedEvents(scope: FeedScope, scopeId: number) {
  const t = now().getTime();
  const from = new Date(t - 92 * 24 * 3600_000);
  const to = new Date(t + 366 * 24 * 3600_000);
  const name = scope === 'union' ? requireUnion(scopeId).name : requireOrganization(scopeId).name;
  const list = scope === 'union' ? unionEvents(scopeId, from, to) : organizationEvents(scopeId, from, to);
  return { name, events: list };
}

/** The month a calendar page shows (`?month=YYYY-MM`, default this month) with its events. */
export function calendarMonth(request: Request, load: (from: Date, to: Date) => CalendarEvent[]) {
  const month = parseMonth(new URL(request.url).searchParams.get('month'), now());
  const { from, to } = monthRange(month);
  return {
    month: formatMonth(month),
    previous: formatMonth(addMonths(month, -1)),
    next: formatMonth(addMonths(month, 1)),
    weeks: monthGrid(month),
    events: load(from, to),
  };
}

export function feedUrl(request: Request, scope: FeedScope, scopeId: number) {
  return (process.env.PUBLIC_URL ?? new URL(request.url).origin) + feedPath(scope, scopeId);
}
