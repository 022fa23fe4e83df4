import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { checkins, contracts, events, organizations } from '../../db/schema';
import { eventMachine, type EventState } from './machine';
import {
  forbidden,
  hasUnionRole,
  isOrgMember,
  notFound,
  requireOrgMember,
  requireUnionRole,
  type Viewer,
} from '~/accounts/auth.server';
import { recordContractEvaluation } from '~/evaluation/evaluations.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import type { venueTypes } from './machine';

export type EventInput = {
  title: string;
  startsAt: Date;
  durationMinutes: number;
  venueType: (typeof venueTypes)[number];
  address: string;
  capacity: number;
  expectedAttendance: number;
};

export function scheduleEvent(viewer: Viewer, contractId: number, input: EventInput) {
  const contract = db.select().from(contracts).where(eq(contracts.id, contractId)).get();
  if (!contract) notFound();
  requireOrgMember(viewer, contract.organizationId);
  if (contract.state !== 'active') throw new UserError('errors.contractNotActive', 409);
  return transaction((tx) => {
    const event = tx
      .insert(events)
      .values({
        organizationId: contract.organizationId,
        contractId,
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
  });
}

export function findEvent(eventId: number) {
  const event = db.select().from(events).where(eq(events.id, eventId)).get();
  if (!event) notFound();
  return event;
}

/** The organizing organization and the paying union's staff may see an event's back office. */
export function getEventFor(viewer: Viewer, eventId: number) {
  const event = findEvent(eventId);
  const contract = event.contractId
    ? db.select().from(contracts).where(eq(contracts.id, event.contractId)).get()
    : undefined;
  const asOrganization = isOrgMember(viewer, event.organizationId);
  const asUnion = contract
    ? hasUnionRole(viewer, contract.unionId, ['admin', 'commissioner', 'reviewer', 'leadership'])
    : false;
  if (!asOrganization && !asUnion) forbidden();
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
  return {
    event,
    contract,
    organizationName: organization.name,
    checkinCount,
    asOrganization,
    canAccept: contract ? hasUnionRole(viewer, contract.unionId, ['commissioner']) : false,
  };
}

export function listContractEvents(contractId: number) {
  return db.select().from(events).where(eq(events.contractId, contractId)).orderBy(asc(events.startsAt)).all();
}

export function fileReport(viewer: Viewer, eventId: number, input: { walkIns: number; summary: string }) {
  const event = findEvent(eventId);
  requireOrgMember(viewer, event.organizationId);
  if (now().getTime() < event.endsAt.getTime()) throw new UserError('errors.eventNotOver', 409);
  transaction((tx) => {
    const state = transition(eventMachine, event.state as EventState, 'report', 'organization');
    tx.update(events)
      .set({ state, walkIns: input.walkIns, reportSummary: input.summary, reportedAt: now(), returnReason: null })
      .where(eq(events.id, eventId))
      .run();
    audit(tx, { actorId: viewer.id, action: 'event.report', subjectType: 'event', subjectId: eventId });
  });
}

export function reviewReport(viewer: Viewer, eventId: number, decision: 'accept' | 'return', reason?: string) {
  const event = findEvent(eventId);
  const contract = event.contractId
    ? db.select().from(contracts).where(eq(contracts.id, event.contractId)).get()
    : undefined;
  if (!contract) forbidden();
  requireUnionRole(viewer, contract.unionId, ['commissioner']);
  if (decision === 'return' && !reason?.trim()) throw new UserError('errors.reasonRequired');
  transaction((tx) => {
    const state = transition(eventMachine, event.state as EventState, decision, 'commissioner');
    tx.update(events)
      .set(decision === 'accept' ? { state, acceptedAt: now() } : { state, returnReason: reason!.trim() })
      .where(and(eq(events.id, eventId), eq(events.state, event.state)))
      .run();
    if (decision === 'accept') recordContractEvaluation(tx, contract.id, 'acceptance');
    audit(tx, {
      actorId: viewer.id,
      action: `event.${decision}`,
      subjectType: 'event',
      subjectId: eventId,
      data: { reason },
    });
  });
}
