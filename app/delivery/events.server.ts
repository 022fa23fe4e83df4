import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { checkins, eventPhotos, eventRollups, events } from '../../db/schema/delivery';
import { incubators, residencies } from '../../db/schema/incubation';
import { organizations } from '../../db/schema/organizations';
import { contracts } from '../../db/schema/procurement';
import { eventMachine } from './machine';
import {
  mayCancelEvent,
  mayDeletePhoto,
  mayFileReport,
  mayRecordWalkIns,
  mayReviewReport,
  type EventStanding,
} from './permissions';
import {
  discardPhotoFiles,
  findPhoto,
  insertPhotos,
  listPhotos,
  storePhotos,
  type PhotoUpload,
} from './event-photos.server';
import type { venueTypes } from './machine';
import { forbidden, hasUnionRole, isOrgMember, notFound, requireOrgMember, type Viewer } from '~/accounts/auth.server';
import type { UnionRole } from '~/accounts/roles';
import { recordContractEvaluation } from '~/evaluation/evaluations.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import { enforce } from '~/lib/permission';
import { notify, notifyOrganization } from '~/notifications/notify.server';
import { staffWithRole } from '~/unions/unions.server';
import { releaseDueMilestones } from '~/payments/milestones.server';
import { completeIfFulfilled } from '~/procurement/completion.server';
import { mayDeliverUnder } from '~/procurement/permissions';
import './audit-subjects.server';

type Event = typeof events.$inferSelect;

export type EventInput = {
  title: string;
  startsAt: Date;
  durationMinutes: number;
  venueType: (typeof venueTypes)[number];
  address: string;
  capacity: number;
  expectedAttendance: number;
};

function insertEvent(
  tx: DB,
  viewer: Viewer,
  owner: { organizationId: number; contractId?: number; residencyId?: number },
  input: EventInput,
) {
  const event = tx
    .insert(events)
    .values({
      ...owner,
      title: input.title,
      startsAt: input.startsAt,
      endsAt: new Date(input.startsAt.getTime() + input.durationMinutes * 60_000),
      venueType: input.venueType,
      address: input.address,
      capacity: input.capacity,
      expectedAttendance: input.expectedAttendance,
      checkinSecret: randomBytes(32).toString('hex'),
    })
    .returning()
    .get();
  audit(tx, { actorId: viewer.id, action: 'event.schedule', subjectType: 'event', subjectId: event.id });
  return event.id;
}

export function scheduleEvent(viewer: Viewer, contractId: number, input: EventInput) {
  const contract = db.select().from(contracts).where(eq(contracts.id, contractId)).get();
  if (!contract) notFound();
  requireOrgMember(viewer, contract.organizationId);
  enforce(mayDeliverUnder(viewer, contract));
  return transaction((tx) => insertEvent(tx, viewer, { organizationId: contract.organizationId, contractId }, input));
}

/** The organization's current residency at an incubator (an active row), with the incubator. */
export function activeResidency(organizationId: number) {
  return db
    .select({ id: residencies.id, incubatorName: incubators.name, unionId: incubators.unionId })
    .from(residencies)
    .innerJoin(incubators, eq(incubators.id, residencies.incubatorId))
    .where(and(eq(residencies.organizationId, organizationId), eq(residencies.state, 'active')))
    .orderBy(desc(residencies.id))
    .get();
}

/** A resident organization's own activity: no contract; the incubator's union oversees it. */
export function scheduleResidentEvent(viewer: Viewer, organizationId: number, input: EventInput) {
  requireOrgMember(viewer, organizationId);
  const residency = activeResidency(organizationId);
  if (!residency) throw new UserError('delivery.errors.notResident', 409);
  return transaction((tx) => insertEvent(tx, viewer, { organizationId, residencyId: residency.id }, input));
}

// Every worker page and rating reads its event: drizzle builds the query once, not per request
// (building it cost several times running it: docs/decisions/108).
const eventById = db
  .select()
  .from(events)
  .where(eq(events.id, sql.placeholder('id')))
  .prepare();

export function requireEvent(eventId: number) {
  const event = eventById.get({ id: eventId });
  if (!event) notFound();
  return event;
}

/**
 * Who oversees an event on the union side, and with which roles: the paying union for contracted
 * work (its commissioner accepts reports), the incubator's union for a resident's own activity.
 */
const oversightRoles = {
  contract: { review: ['commissioner'], integrity: ['commissioner', 'reviewer'] },
  residency: { review: ['incubator_manager'], integrity: ['incubator_manager'] },
} as const satisfies Record<string, { review: readonly UnionRole[]; integrity: readonly UnionRole[] }>;

export function eventOversight(event: Event) {
  if (event.contractId) {
    const contract = db.select().from(contracts).where(eq(contracts.id, event.contractId)).get()!;
    return { kind: 'contract' as const, unionId: contract.unionId, contract, ...oversightRoles.contract };
  }
  if (event.residencyId) {
    const residency = db
      .select({ unionId: incubators.unionId, incubatorName: incubators.name })
      .from(residencies)
      .innerJoin(incubators, eq(incubators.id, residencies.incubatorId))
      .where(eq(residencies.id, event.residencyId))
      .get()!;
    return { kind: 'residency' as const, ...residency, contract: undefined, ...oversightRoles.residency };
  }
  return null;
}

/** What standing asks of the oversight: the union and the roles that act for it. */
type Oversight = Pick<NonNullable<ReturnType<typeof eventOversight>>, 'unionId' | 'review' | 'integrity'>;

/** The oversight of an event whose overseeing union is already known (read in the same query). */
export function oversightBy(kind: keyof typeof oversightRoles, unionId: number): Oversight {
  return { unionId, ...oversightRoles[kind] };
}

/** Every staff role of the overseeing union may see the event; some may also act on it. */
function isOverseer(viewer: Viewer, oversight: Oversight | null, roles?: readonly UnionRole[]) {
  if (!oversight) return false;
  return roles
    ? hasUnionRole(viewer, oversight.unionId, roles)
    : viewer.roles.some((r) => r.unionId === oversight.unionId);
}

/** The event with the viewer's standing; refuses anyone who is neither its organization nor overseer. */
export function requireEventAccess(viewer: Viewer, eventId: number) {
  const event = requireEvent(eventId);
  const oversight = eventOversight(event);
  const asOrganization = isOrgMember(viewer, event.organizationId);
  const asUnion = isOverseer(viewer, oversight);
  if (!asOrganization && !asUnion) forbidden();
  return {
    event,
    oversight,
    asOrganization,
    asUnion,
    standing: eventStanding(viewer, event, oversight),
  };
}

/** The viewer's standing toward the event, as its permissions ask for it. */
export function eventStanding(
  viewer: Viewer,
  event: Event,
  oversight: Oversight | null = eventOversight(event),
): EventStanding {
  return {
    asOrganization: isOrgMember(viewer, event.organizationId),
    reviewAs: oversight && isOverseer(viewer, oversight, oversight.review) ? oversight.review[0] : null,
    checksIntegrity: isOverseer(viewer, oversight, oversight?.integrity),
  };
}

export function requireEventFor(viewer: Viewer, eventId: number) {
  const access = requireEventAccess(viewer, eventId);
  const { event } = access;
  const organization = db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, event.organizationId))
    .get()!;
  const checkinCount = db
    .select({ n: sql<number>`count(*)` })
    .from(checkins)
    .where(eq(checkins.eventId, eventId))
    .get()!.n;
  return { ...access, organizationName: organization.name, checkinCount, photos: listPhotos(eventId) };
}

/** The contract's events, each saying whether part of its attendance awaits a union reviewer. */
export function listContractEvents(contractId: number) {
  return db
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      state: events.state,
      awaitingReview: sql<number>`${eventRollups.pendingSessions} + ${eventRollups.pendingWalkIns} + ${eventRollups.pendingCheckins} > 0`,
    })
    .from(events)
    .leftJoin(eventRollups, eq(eventRollups.eventId, events.id))
    .where(eq(events.contractId, contractId))
    .orderBy(asc(events.startsAt))
    .all();
}

/** Attendees who did not scan, counted by the organizer during or after the event; they cannot rate. */
export function recordWalkIns(viewer: Viewer, eventId: number, walkIns: number) {
  const event = requireEvent(eventId);
  enforce(mayRecordWalkIns(event, eventStanding(viewer, event), now()));
  transaction((tx) => {
    tx.update(events).set({ walkIns }).where(eq(events.id, eventId)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'event.walk_ins',
      subjectType: 'event',
      subjectId: eventId,
      data: { from: event.walkIns, to: walkIns },
    });
  });
}

/** Files the completion report: attendance (check-ins plus walk-ins), a summary and photos. */
export async function fileReport(
  viewer: Viewer,
  eventId: number,
  input: { walkIns: number; summary: string },
  photos: PhotoUpload[] = [],
) {
  const event = requireEvent(eventId);
  const oversight = eventOversight(event);
  enforce(mayFileReport(event, eventStanding(viewer, event, oversight), now()));
  const stored = storePhotos(photos);
  try {
    transaction((tx) => {
      const state = transition(eventMachine, event.state, 'report', 'organization');
      insertPhotos(tx, eventId, stored, viewer.id);
      const { changes } = tx
        .update(events)
        .set({ state, walkIns: input.walkIns, reportSummary: input.summary, reportedAt: now(), returnReason: null })
        .where(and(eq(events.id, eventId), eq(events.state, event.state)))
        .run();
      if (!changes) throw new UserError('errors.illegalTransition', 409);
      audit(tx, {
        actorId: viewer.id,
        action: 'event.report',
        subjectType: 'event',
        subjectId: eventId,
        data: { walkIns: input.walkIns, photos: stored.map((p) => p.sha256) },
      });
      if (oversight) notifyReviewers(tx, event, oversight);
    });
  } catch (error) {
    discardPhotoFiles(stored.map((p) => p.storageKey));
    throw error;
  }
}

/** A filed report waits on the overseeing union's reviewers (the accept command's role): they are told. */
function notifyReviewers(tx: DB, event: Event, oversight: Oversight) {
  const organization = tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, event.organizationId))
    .get()!;
  const data = { title: event.title, organization: organization.name, path: `/events/${event.id}` };
  for (const userId of staffWithRole(tx, oversight.unionId, oversight.review[0]))
    notify(tx, userId, 'report_filed', data);
}

/** A photo can be removed while the report can still be (re)filed. */
export async function deletePhoto(viewer: Viewer, eventId: number, photoId: number) {
  const event = requireEvent(eventId);
  enforce(mayDeletePhoto(event, eventStanding(viewer, event)));
  const photo = findPhoto(eventId, photoId);
  if (!photo) notFound();
  transaction((tx) => {
    tx.delete(eventPhotos).where(eq(eventPhotos.id, photoId)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'event.photo_delete',
      subjectType: 'event',
      subjectId: eventId,
      data: { sha256: photo.sha256 },
    });
  });
  discardPhotoFiles([photo.storageKey]);
}

/** The organization calls off a scheduled event before check-in opens, saying why (shown on its page, audited). */
export function cancelEvent(viewer: Viewer, eventId: number, reason: string) {
  const event = requireEvent(eventId);
  enforce(mayCancelEvent(event, eventStanding(viewer, event), now()));
  const trimmed = reason.trim();
  if (!trimmed) throw new UserError('errors.reasonRequired');
  transaction((tx) => {
    const state = transition(eventMachine, event.state, 'cancel', 'organization');
    const { changes } = tx
      .update(events)
      .set({ state, cancelReason: trimmed })
      .where(and(eq(events.id, eventId), eq(events.state, event.state)))
      .run();
    if (!changes) throw new UserError('errors.illegalTransition', 409);
    audit(tx, {
      actorId: viewer.id,
      action: 'event.cancel',
      subjectType: 'event',
      subjectId: eventId,
      data: { reason: trimmed },
    });
  });
}

export function reviewReport(viewer: Viewer, eventId: number, decision: 'accept' | 'return', reason?: string) {
  const event = requireEvent(eventId);
  const standing = eventStanding(viewer, event);
  enforce(mayReviewReport(event, standing));
  const trimmed = reason?.trim() ?? '';
  if (decision === 'return' && !trimmed) throw new UserError('errors.reasonRequired');
  transaction((tx) => {
    const state = transition(eventMachine, event.state, decision, standing.reviewAs!);
    const { changes } = tx
      .update(events)
      .set(decision === 'accept' ? { state, acceptedAt: now() } : { state, returnReason: trimmed })
      .where(and(eq(events.id, eventId), eq(events.state, event.state)))
      .run();
    if (!changes) throw new UserError('errors.illegalTransition', 409);
    if (decision === 'accept' && event.contractId) {
      releaseDueMilestones(tx, event.contractId);
      recordContractEvaluation(tx, event.contractId, 'acceptance');
    }
    audit(tx, {
      actorId: viewer.id,
      action: `event.${decision}`,
      subjectType: 'event',
      subjectId: eventId,
      data: { reason: trimmed || undefined },
    });
    const notice = { title: event.title, path: `/events/${eventId}` };
    if (decision === 'accept') notifyOrganization(tx, event.organizationId, 'report_accepted', notice);
    else notifyOrganization(tx, event.organizationId, 'report_returned', { ...notice, reason: trimmed });
    if (decision === 'accept' && event.contractId) completeIfFulfilled(tx, event.contractId);
  });
}
