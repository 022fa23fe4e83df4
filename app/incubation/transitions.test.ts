// Every transition of every incubation lifecycle, attempted through the real commands from every
// state: the legal ones move the record, every other one is refused with a message and changes nothing.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import {
  admitApplication,
  rejectApplication,
  startReview,
  submitApplication,
  withdrawApplication,
} from './applications.server';
import { cancelBooking } from './bookings.server';
import { cancelEvaluation, publishEvaluation } from './residency-evaluations.server';
import {
  applicationMachine,
  bookingMachine,
  residencyEvaluationMachine,
  residencyMachine,
  type ApplicationState,
  type ResidencyState,
} from './machine';
import { decideExitReview } from './residencies.server';
import { entryCriteria } from './settings';
import { viewerFor } from '../../tests/fixtures/accounts';
import { incubatorFixture, organizationFixture, residencyFixture, tomorrowAt } from '../../tests/fixtures/incubation';
import type { Viewer } from '~/accounts/auth.server';
import { db } from '~/lib/db.server';
import { refusal } from '../../tests/support/refused';

let fx: ReturnType<typeof incubatorFixture>;
let manager: Viewer;

beforeAll(async () => {
  fx = incubatorFixture();
  manager = await viewerFor(fx.managerId);
});

describe('applications', () => {
  /** An application in `state`, with a plan and a passing reviewer score, of a fresh organization. */
  async function applicationIn(state: ApplicationState) {
    const { organizationId, ownerId } = organizationFixture();
    const id = db
      .insert(s.incubationApplications)
      .values({ incubatorId: fx.incubatorId, organizationId, plan: '为快递员开展心理讲座。', state })
      .returning()
      .get().id;
    for (const criterion of entryCriteria)
      db.insert(s.applicationScores)
        .values({ applicationId: id, reviewerId: fx.reviewerId, criterion, score: 80 })
        .run();
    return { id, owner: await viewerFor(ownerId) };
  }

  const commands: Record<keyof typeof applicationMachine.transitions, (owner: Viewer, id: number) => unknown> = {
    submit: (owner, id) => submitApplication(owner, id),
    review: (_owner, id) => startReview(manager, id),
    admit: (_owner, id) => admitApplication(manager, id, ''),
    reject: (_owner, id) => rejectApplication(manager, id, '服务对象不是职工。'),
    withdraw: (owner, id) => withdrawApplication(owner, id),
  };

  for (const [name, t] of Object.entries(applicationMachine.transitions)) {
    it.each(applicationMachine.states)(`${name} from %s`, async (from) => {
      const { id, owner } = await applicationIn(from);
      const refused = await refusal(() => commands[name as keyof typeof commands](owner, id));
      const state = db.select().from(s.incubationApplications).where(eq(s.incubationApplications.id, id)).get()!.state;
      if ((t.from as readonly string[]).includes(from)) {
        expect(refused).toBeNull();
        expect(state).toBe(t.to);
      } else {
        expect(refused).toBe('errors.illegalTransition');
        expect(state).toBe(from);
      }
    });
  }
});

describe('residencies', () => {
  async function residencyIn(state: ResidencyState) {
    const { organizationId } = organizationFixture();
    const id = residencyFixture(fx.incubatorId, organizationId);
    // A published excellent evaluation, so graduation is allowed wherever the table allows it.
    db.insert(s.residencyEvaluations)
      .values({
        residencyId: id,
        periodStart: '2025-01-01',
        periodEnd: '2025-06-30',
        state: 'published',
        grade: 'excellent',
        score: 95,
      })
      .run();
    db.update(s.residencies).set({ state }).where(eq(s.residencies.id, id)).run();
    return id;
  }

  for (const [name, t] of Object.entries(residencyMachine.transitions)) {
    it.each(residencyMachine.states)(`${name} from %s`, async (from) => {
      const id = await residencyIn(from);
      const decision = name as keyof typeof residencyMachine.transitions;
      const refused = await refusal(() => decideExitReview(manager, id, { decision, reason: '出壳评审决定。' }));
      const state = db.select().from(s.residencies).where(eq(s.residencies.id, id)).get()!.state;
      const reviews = db.select().from(s.exitReviews).where(eq(s.exitReviews.residencyId, id)).all();
      if ((t.from as readonly string[]).includes(from)) {
        expect(refused).toBeNull();
        expect(state).toBe(t.to);
        expect(reviews).toHaveLength(1);
      } else {
        expect(refused).toBe('errors.illegalTransition');
        expect(state).toBe(from);
        expect(reviews).toHaveLength(0);
      }
    });
  }
});

describe('bookings', () => {
  it.each(bookingMachine.states)('cancel from %s', async (from) => {
    const { organizationId, ownerId } = organizationFixture();
    residencyFixture(fx.incubatorId, organizationId);
    const { startsAt, endsAt } = tomorrowAt(9);
    const id = db
      .insert(s.roomBookings)
      .values({ roomId: fx.otherRoomId, organizationId, startsAt, endsAt, state: from })
      .returning()
      .get().id;
    const refused = await refusal(async () => cancelBooking(await viewerFor(ownerId), id));
    const state = db.select().from(s.roomBookings).where(eq(s.roomBookings.id, id)).get()!.state;
    if ((bookingMachine.transitions.cancel.from as readonly string[]).includes(from)) {
      expect(refused).toBeNull();
      expect(state).toBe('cancelled');
    } else {
      expect(refused).toBe('errors.illegalTransition');
      expect(state).toBe(from);
    }
  });
});

describe('residency evaluations', () => {
  const commands = {
    publish: (residencyId: number, id: number) => publishEvaluation(manager, residencyId, id),
    cancel: (residencyId: number, id: number) => cancelEvaluation(manager, residencyId, id),
  };
  for (const [name, t] of Object.entries(residencyEvaluationMachine.transitions)) {
    it.each(residencyEvaluationMachine.states)(`${name} from %s`, async (from) => {
      const { organizationId } = organizationFixture();
      const residencyId = residencyFixture(fx.incubatorId, organizationId);
      const id = db
        .insert(s.residencyEvaluations)
        .values({ residencyId, periodStart: '2025-01-01', periodEnd: '2025-06-30', state: from })
        .returning()
        .get().id;
      for (const indicator of ['governance', 'growth'])
        db.insert(s.residencyEvaluationScores)
          .values({ residencyEvaluationId: id, reviewerId: fx.reviewerId, indicator, score: 70 })
          .run();
      const refused = await refusal(() => commands[name as keyof typeof commands](residencyId, id));
      const state = db.select().from(s.residencyEvaluations).where(eq(s.residencyEvaluations.id, id)).get()!.state;
      if ((t.from as readonly string[]).includes(from)) {
        expect(refused).toBeNull();
        expect(state).toBe(t.to);
      } else {
        expect(refused).toBe('errors.illegalTransition');
        expect(state).toBe(from);
      }
    });
  }
});
