import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { residencies, roomBookings, rooms } from '../../db/schema/incubation';
import { organizations } from '../../db/schema/organizations';
import { incubationStanding, requireIncubator } from './incubators.server';
import { bookingMachine } from './machine';
import { bookingActor, mayBookRoom, mayCancelBooking } from './permissions';
import { requireVisibleResidency } from './residencies.server';
import type { IncubatorSettings } from './settings';
import { forbidden, notFound, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import type { MessageKey } from '~/lib/locale';
import { transition } from '~/lib/machine';
import { enforce } from '~/lib/permission';
import { toShanghaiInput } from '~/lib/time';
import './audit-subjects.server';

type Room = typeof rooms.$inferSelect;
export type BookingInput = { roomId: number; startsAt: Date; endsAt: Date; purpose: string };

const hourMs = 3600_000;
const dayMs = 24 * hourMs;

/** What is wrong with booking `room` for this span at time `at`, as a message key, or null. */
export function bookingProblem(
  room: Pick<Room, 'opensAt' | 'closesAt'>,
  settings: IncubatorSettings,
  startsAt: Date,
  endsAt: Date,
  at: Date,
): MessageKey | null {
  if (endsAt.getTime() <= startsAt.getTime()) return 'incubation.errors.bookingSpan';
  if (startsAt.getTime() < at.getTime()) return 'incubation.errors.bookingPast';
  if (startsAt.getTime() > at.getTime() + settings.bookings.advanceDays * dayMs)
    return 'incubation.errors.bookingTooFar';
  if (endsAt.getTime() - startsAt.getTime() > settings.bookings.maxHours * hourMs)
    return 'incubation.errors.bookingTooLong';
  const [startDay, startTime] = toShanghaiInput(startsAt).split('T') as [string, string];
  const [endDay, endTime] = toShanghaiInput(endsAt).split('T') as [string, string];
  if (startDay !== endDay || startTime < room.opensAt || endTime > room.closesAt)
    return 'incubation.errors.bookingOutsideHours';
  return null;
}

/**
 * Books a room for a resident. The overlap check and the insert run in one BEGIN IMMEDIATE
 * transaction: SQLite lets one writer at a time in, so of any number of simultaneous requests
 * for overlapping times exactly one finds the room free (see docs/decisions/041).
 */
export function bookRoom(viewer: Viewer, residencyId: number, input: BookingInput) {
  const { incubator, standing } = requireVisibleResidency(viewer, residencyId);
  if (!standing.member) forbidden();
  const room = db
    .select()
    .from(rooms)
    .where(and(eq(rooms.id, input.roomId), eq(rooms.incubatorId, incubator.id)))
    .get();
  if (!room) throw new UserError('errors.notFound', 404);
  const problem = bookingProblem(room, incubator.settings, input.startsAt, input.endsAt, now());
  if (problem) throw new UserError(problem, 422);
  return transaction((tx) => {
    const residency = tx
      .select({ state: residencies.state, organizationId: residencies.organizationId })
      .from(residencies)
      .where(eq(residencies.id, residencyId))
      .get()!;
    enforce(mayBookRoom(residency, standing));
    const clash = tx
      .select({ id: roomBookings.id })
      .from(roomBookings)
      .where(
        and(
          eq(roomBookings.roomId, room.id),
          eq(roomBookings.state, 'booked'),
          lt(roomBookings.startsAt, input.endsAt),
          gt(roomBookings.endsAt, input.startsAt),
        ),
      )
      .get();
    if (clash) throw new UserError('incubation.errors.roomTaken', 409);
    const booking = tx
      .insert(roomBookings)
      .values({
        roomId: room.id,
        organizationId: residency.organizationId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        purpose: input.purpose,
        createdBy: viewer.id,
      })
      .returning()
      .get();
    audit(tx, { actorId: viewer.id, action: 'booking.create', subjectType: 'booking', subjectId: booking.id });
    return booking.id;
  });
}

/** The booking organization's members or the incubator's manager may cancel before it starts. */
export function cancelBooking(viewer: Viewer, bookingId: number) {
  const found = db
    .select({ booking: roomBookings, incubatorId: rooms.incubatorId })
    .from(roomBookings)
    .innerJoin(rooms, eq(rooms.id, roomBookings.roomId))
    .where(eq(roomBookings.id, bookingId))
    .get();
  if (!found) notFound();
  const standing = incubationStanding(viewer, found.booking.organizationId, requireIncubator(found.incubatorId));
  const actor = bookingActor(standing);
  if (!actor) forbidden();
  transaction((tx) => {
    const booking = tx.select().from(roomBookings).where(eq(roomBookings.id, bookingId)).get()!;
    enforce(mayCancelBooking(booking, standing, now()));
    const state = transition(bookingMachine, booking.state, 'cancel', actor);
    tx.update(roomBookings).set({ state, cancelledBy: viewer.id }).where(eq(roomBookings.id, bookingId)).run();
    audit(tx, { actorId: viewer.id, action: 'booking.cancel', subjectType: 'booking', subjectId: bookingId });
  });
}

/** Booked (not cancelled) times of an incubator's rooms that end after `from` and start before `to`. */
export function roomSchedule(incubatorId: number, from: Date, to: Date) {
  return db
    .select({
      id: roomBookings.id,
      roomId: roomBookings.roomId,
      roomName: rooms.name,
      organizationId: roomBookings.organizationId,
      organizationName: organizations.name,
      startsAt: roomBookings.startsAt,
      endsAt: roomBookings.endsAt,
      purpose: roomBookings.purpose,
    })
    .from(roomBookings)
    .innerJoin(rooms, eq(rooms.id, roomBookings.roomId))
    .innerJoin(organizations, eq(organizations.id, roomBookings.organizationId))
    .where(
      and(
        eq(rooms.incubatorId, incubatorId),
        eq(roomBookings.state, 'booked'),
        gt(roomBookings.endsAt, from),
        lt(roomBookings.startsAt, to),
      ),
    )
    .orderBy(asc(roomBookings.startsAt))
    .all();
}
