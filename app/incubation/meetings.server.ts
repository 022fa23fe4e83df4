import { and, desc, eq, inArray } from 'drizzle-orm';
import { jointMeetings, residencies } from '../../db/schema/incubation';
import { requireIncubator, isIncubatorStaff, managerRoles, requireIncubatorStaff } from './incubators.server';
import { incubatorResidencies } from './residencies.server';
import { forbidden, notFound, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import './audit-subjects.server';

/**
 * Joint meetings (联席会议) are open to the incubator's staff and its current residents. A member of
 * another organization is told they open once it is admitted (the incubator and its meetings are
 * public knowledge: its handbook describes them).
 */
export function requireMeetingIncubator(viewer: Viewer, incubatorId: number) {
  const incubator = requireIncubator(incubatorId);
  const isStaff = isIncubatorStaff(viewer, incubator);
  const memberOf = viewer.memberships.map((m) => m.organizationId);
  const isResident =
    memberOf.length > 0 &&
    !!db
      .select({ id: residencies.id })
      .from(residencies)
      .where(
        and(
          eq(residencies.incubatorId, incubatorId),
          eq(residencies.state, 'active'),
          inArray(residencies.organizationId, memberOf),
        ),
      )
      .get();
  if (!isStaff && !isResident) {
    if (memberOf.length) throw new UserError('incubation.errors.meetingsForResidents', 403);
    forbidden();
  }
  return { incubator, canManage: isIncubatorStaff(viewer, incubator, managerRoles) };
}

export function listMeetings(incubatorId: number) {
  return db
    .select()
    .from(jointMeetings)
    .where(eq(jointMeetings.incubatorId, incubatorId))
    .orderBy(desc(jointMeetings.heldAt))
    .all();
}

export function requireMeeting(incubatorId: number, meetingId: number) {
  const meeting = db
    .select()
    .from(jointMeetings)
    .where(and(eq(jointMeetings.id, meetingId), eq(jointMeetings.incubatorId, incubatorId)))
    .get();
  if (!meeting) notFound();
  return meeting;
}

export function scheduleMeeting(viewer: Viewer, incubatorId: number, input: { heldAt: Date; agenda: string }) {
  requireIncubatorStaff(viewer, requireIncubator(incubatorId), managerRoles);
  return transaction((tx) => {
    const meeting = tx
      .insert(jointMeetings)
      .values({ incubatorId, heldAt: input.heldAt, agenda: input.agenda })
      .returning()
      .get();
    audit(tx, { actorId: viewer.id, action: 'meeting.schedule', subjectType: 'meeting', subjectId: meeting.id });
    return meeting.id;
  });
}

/** Minutes and attendance; attendees must be organizations resident at this incubator. */
export function recordMinutes(
  viewer: Viewer,
  incubatorId: number,
  meetingId: number,
  input: { minutes: string; attendeeOrganizationIds: number[] },
) {
  requireIncubatorStaff(viewer, requireIncubator(incubatorId), managerRoles);
  requireMeeting(incubatorId, meetingId);
  const attendees = [...new Set(input.attendeeOrganizationIds)];
  transaction((tx) => {
    const residents = new Set(
      tx
        .select({ organizationId: residencies.organizationId })
        .from(residencies)
        .where(eq(residencies.incubatorId, incubatorId))
        .all()
        .map((r) => r.organizationId),
    );
    if (attendees.some((id) => !residents.has(id))) throw new UserError('incubation.errors.notResident', 422);
    tx.update(jointMeetings)
      .set({ minutes: input.minutes, attendeeOrganizationIds: attendees })
      .where(eq(jointMeetings.id, meetingId))
      .run();
    audit(tx, { actorId: viewer.id, action: 'meeting.minutes', subjectType: 'meeting', subjectId: meetingId });
  });
}

/**
 * The meeting's attendees by name, and who may be recorded as attending: those resident now, plus
 * anyone already recorded.
 */
export function meetingAttendance(incubatorId: number, attendeeIds: number[]) {
  const residents = incubatorResidencies(incubatorId, ['active', 'graduated', 'exited']);
  const names = new Map(residents.map((r) => [r.organizationId, r.organizationName]));
  return {
    attendees: attendeeIds.map((id) => names.get(id) ?? String(id)),
    choices: residents
      .filter((r) => r.state === 'active' || attendeeIds.includes(r.organizationId))
      .map((r) => ({ value: r.organizationId, label: r.organizationName })),
  };
}
