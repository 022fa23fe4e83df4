import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { incubatorFixture, organizationFixture, residencyFixture, tomorrowAt } from '../../tests/fixtures/incubation';
import { db } from '~/lib/db.server';
import { contender } from '../../tests/support/contender';

const processes = 8;

type Outcome = { slot: string; ok: true; id: number } | { slot: string; ok: false; key: string };

/** Each process gets the same slots in a different order, so every slot is contested by all of them. */
function rotate<T>(items: T[], by: number) {
  return [...items.slice(by % items.length), ...items.slice(0, by % items.length)];
}

describe('booking room slots from many processes at once', () => {
  it('leaves exactly one booking per slot; every other attempt is refused with a message', async () => {
    const fx = incubatorFixture();
    const { organizationId, ownerId } = organizationFixture();
    const residencyId = residencyFixture(fx.incubatorId, organizationId);
    // Disjoint slots, so each one is contested on its own.
    const slots = [9, 10, 11, 13, 15].map((hour) => {
      const { startsAt, endsAt } = tomorrowAt(hour, 1);
      return { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
    });

    const workers = Array.from({ length: processes }, (_, i) =>
      contender<Outcome[]>(
        'tests/support/booking-worker.ts',
        [residencyId, ownerId, fx.roomId].map(String).concat(JSON.stringify(rotate(slots, i))),
      ),
    );
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const outcomes = (await Promise.all(workers.map((w) => w.done))).flat();

    expect(outcomes).toHaveLength(processes * slots.length);
    for (const slot of slots) {
      const mine = outcomes.filter((o) => o.slot === slot.startsAt);
      expect(
        mine.filter((o) => o.ok),
        slot.startsAt,
      ).toHaveLength(1);
      expect(new Set(mine.filter((o) => !o.ok).map((o) => !o.ok && o.key))).toEqual(
        new Set(['incubation.errors.roomTaken']),
      );
    }
    const rows = db.select().from(s.roomBookings).where(eq(s.roomBookings.roomId, fx.roomId)).all();
    expect(rows.map((r) => r.startsAt.toISOString()).sort()).toEqual(slots.map((slot) => slot.startsAt).sort());
  }, 120_000);
});
