// What a page offers is what its command accepts: for records in every state and every viewer role,
// the ability the loader returns (from the capability's permissions module) agrees with whether the
// command succeeds or is refused. Each command runs in a savepoint rolled back afterwards.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { rolledBack } from '../support/authorization';
import { incubatorFixture, organizationFixture, residencyFixture } from '../fixtures/incubation';
import type { Viewer } from '~/accounts/auth.server';
import { requestCommission } from '~/catalog/commissions.server';
import { offeringMachine } from '~/catalog/machine';
import {
  changeOfferingState,
  managedOfferingView,
  requireVisibleOffering,
  updateOffering,
} from '~/catalog/offerings.server';
import { mayBeCommissioned, type OfferingTransition } from '~/catalog/permissions';
import { attendanceReview, reviewEventAttendance } from '~/delivery/attendance.server';
import { viewerFor } from '../fixtures/accounts';
import { createEvent, createOrganization, deliveryWorld } from '../fixtures/delivery';
import { cancelEvent, fileReport, recordWalkIns, requireEventAccess, reviewReport } from '~/delivery/events.server';
import { eventMachine } from '~/delivery/machine';
import { eventAbilities } from '~/delivery/permissions';
import { contractEvaluationView, recordComplaint, resolveComplaint, reviewContract } from '~/evaluation/reviews.server';
import { complaintMachine } from '~/evaluation/machine';
import {
  admitApplication,
  applicationView,
  savePlan,
  scoreApplication,
  startReview,
  withdrawApplication,
} from '~/incubation/applications.server';
import {
  cancelEvaluation,
  evaluationView,
  openEvaluation,
  scoreEvaluation,
} from '~/incubation/residency-evaluations.server';
import { applicationMachine, residencyEvaluationMachine, residencyMachine } from '~/incubation/machine';
import { residencyAbilities } from '~/incubation/permissions';
import { decideExitReview, requireVisibleResidency } from '~/incubation/residencies.server';
import { entryCriteria, judgedIndicators } from '~/incubation/settings';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { may } from '~/lib/permission';
import { contractMachine } from '~/procurement/machine';

/** What the page offers, or null when the page itself refuses the viewer (a 403 or 404 response). */
function offered<T>(page: () => T): T | null {
  try {
    return page();
  } catch (error) {
    if (error instanceof Response) return null;
    throw error;
  }
}

/** True when the command succeeded, false when it was refused (a 403/404 response or a UserError). */
async function succeeds(command: () => unknown) {
  try {
    await rolledBack(async () => {
      await command();
    });
    return true;
  } catch (error) {
    if (error instanceof Response || error instanceof UserError) return false;
    throw error;
  }
}

const hoursAgo = (hours: number) => new Date(now().getTime() - hours * 3600_000);

describe('delivery: the event page and its commands', () => {
  let world: Awaited<ReturnType<typeof deliveryWorld>>;
  let viewers: Record<string, Viewer>;
  beforeAll(async () => {
    world = await deliveryWorld();
    viewers = {
      organization: world.owner,
      commissioner: world.commissioner,
      reviewer: world.reviewer,
      incubatorManager: world.incubatorManager,
    };
  });

  const cases = (['contract', 'residency'] as const).flatMap((kind) =>
    eventMachine.states.flatMap((state) =>
      ['organization', 'commissioner', 'reviewer', 'incubatorManager'].map((role) => [kind, state, role] as const),
    ),
  );

  it.each(cases)('a %s event, %s, as %s', async (kind, state, role) => {
    const owner = kind === 'contract' ? { contractId: world.contractId } : { residencyId: world.residencyId };
    // Ended an hour ago, with walk-ins the organization only asserts.
    const eventId = createEvent({ organizationId: world.organizationId, ...owner }, hoursAgo(2.5), {
      state,
      walkIns: 4,
    });
    const viewer = viewers[role]!;
    const access = offered(() => requireEventAccess(viewer, eventId));
    const can = access ? eventAbilities(access.event, access.standing, now()) : null;
    const decideAssertions = access ? attendanceReview(viewer, eventId).canDecideAssertions : false;
    const report = { walkIns: 4, summary: '讲座如期举行' };
    expect(await succeeds(() => fileReport(viewer, eventId, report)), 'report').toBe(can?.fileReport ?? false);
    expect(await succeeds(() => recordWalkIns(viewer, eventId, 5)), 'walk-ins').toBe(can?.recordWalkIns ?? false);
    expect(await succeeds(() => reviewReport(viewer, eventId, 'accept')), 'accept').toBe(can?.reviewReport ?? false);
    expect(await succeeds(() => reviewReport(viewer, eventId, 'return', '照片不全')), 'return').toBe(
      can?.reviewReport ?? false,
    );
    expect(await succeeds(() => reviewEventAttendance(viewer, eventId, 'admitted', '现场核实')), 'admit').toBe(
      decideAssertions,
    );
    expect(await succeeds(() => cancelEvent(viewer, eventId, '台风预警')), 'cancel').toBe(can?.cancel ?? false);
  });

  it.each(cases)('a %s event that has not started, %s, as %s', async (kind, state, role) => {
    const owner = kind === 'contract' ? { contractId: world.contractId } : { residencyId: world.residencyId };
    const eventId = createEvent({ organizationId: world.organizationId, ...owner }, hoursAgo(-24), { state });
    const viewer = viewers[role]!;
    const access = offered(() => requireEventAccess(viewer, eventId));
    const can = access ? eventAbilities(access.event, access.standing, now()) : null;
    expect(await succeeds(() => cancelEvent(viewer, eventId, '台风预警')), 'cancel').toBe(can?.cancel ?? false);
  });
});

describe('incubation: application, residency and evaluation pages and their commands', () => {
  let fixture: ReturnType<typeof incubatorFixture>;
  let organization: ReturnType<typeof organizationFixture>;
  let viewers: Record<string, Viewer>;
  beforeAll(async () => {
    fixture = incubatorFixture();
    organization = organizationFixture();
    viewers = {
      member: await viewerFor(organization.ownerId),
      manager: await viewerFor(fixture.managerId),
      reviewer: await viewerFor(fixture.reviewerId),
      commissioner: await viewerFor(fixture.commissionerId),
    };
  });
  const roles = ['member', 'manager', 'reviewer', 'commissioner'];

  it.each(applicationMachine.states.flatMap((state) => roles.map((role) => [state, role] as const)))(
    'an application, %s, as %s',
    async (state, role) => {
      const viewer = viewers[role]!;
      const applicationId = db
        .insert(s.incubationApplications)
        .values({
          incubatorId: fixture.incubatorId,
          organizationId: organization.organizationId,
          plan: '为快递小哥提供心理支持',
          state,
        })
        .returning()
        .get().id;
      // Scored above the pass score, so only who asks and the state decide admission.
      for (const criterion of entryCriteria) {
        db.insert(s.applicationScores)
          .values({ applicationId, reviewerId: fixture.reviewerId, criterion, score: 95, comment: '' })
          .run();
      }
      const can = offered(() => applicationView(viewer, applicationId).can);
      const scores = Object.fromEntries(entryCriteria.map((c) => [c, 80])) as Record<
        (typeof entryCriteria)[number],
        number
      >;
      expect(await succeeds(() => savePlan(viewer, applicationId, '新的计划')), 'edit').toBe(can?.edit ?? false);
      expect(await succeeds(() => withdrawApplication(viewer, applicationId)), 'withdraw').toBe(can?.withdraw ?? false);
      expect(await succeeds(() => startReview(viewer, applicationId)), 'review').toBe(can?.review ?? false);
      expect(await succeeds(() => scoreApplication(viewer, applicationId, { scores, comment: '' })), 'score').toBe(
        can?.score ?? false,
      );
      expect(await succeeds(() => admitApplication(viewer, applicationId, '符合条件')), 'decide').toBe(
        can?.decide ?? false,
      );
    },
  );

  it.each(residencyMachine.states.flatMap((state) => roles.map((role) => [state, role] as const)))(
    'a residency, %s, as %s',
    async (state, role) => {
      // One residency per organization and incubator: each case brings its own organization.
      const resident = organizationFixture();
      const viewer = role === 'member' ? await viewerFor(resident.ownerId) : viewers[role]!;
      const residencyId = residencyFixture(fixture.incubatorId, resident.organizationId);
      db.update(s.residencies).set({ state }).where(eq(s.residencies.id, residencyId)).run();
      const can = offered(() => {
        const visible = requireVisibleResidency(viewer, residencyId);
        return residencyAbilities(visible.residency, visible.standing);
      });
      const period = { start: '2026-01-01', end: '2026-01-31' };
      expect(await succeeds(() => openEvaluation(viewer, residencyId, period)), 'manage').toBe(can?.manage ?? false);
      expect(
        await succeeds(() => decideExitReview(viewer, residencyId, { decision: 'exit', reason: '主动退出' })),
        'exit review',
      ).toBe(can?.decideExit ?? false);
    },
  );

  it.each(residencyEvaluationMachine.states.flatMap((state) => roles.map((role) => [state, role] as const)))(
    'a periodic evaluation, %s, as %s',
    async (state, role) => {
      // One residency per organization and incubator: each case brings its own organization.
      const resident = organizationFixture();
      const viewer = role === 'member' ? await viewerFor(resident.ownerId) : viewers[role]!;
      const residencyId = residencyFixture(fixture.incubatorId, resident.organizationId);
      const evaluationId = db
        .insert(s.residencyEvaluations)
        .values({ residencyId, periodStart: '2026-01-01', periodEnd: '2026-01-31', openedBy: fixture.managerId, state })
        .returning()
        .get().id;
      const can = offered(() => evaluationView(viewer, residencyId, evaluationId).can);
      const scores = Object.fromEntries(judgedIndicators.map((i) => [i, 80])) as Record<
        (typeof judgedIndicators)[number],
        number
      >;
      expect(
        await succeeds(() => scoreEvaluation(viewer, residencyId, evaluationId, { scores, comment: '' })),
        'score',
      ).toBe(can?.score ?? false);
      expect(await succeeds(() => cancelEvaluation(viewer, residencyId, evaluationId)), 'close').toBe(
        can?.close ?? false,
      );
    },
  );
});

describe('evaluation: the contract evaluation page and its commands', () => {
  let world: Awaited<ReturnType<typeof deliveryWorld>>;
  let viewers: Record<string, Viewer>;
  beforeAll(async () => {
    world = await deliveryWorld();
    viewers = {
      organization: world.owner,
      commissioner: world.commissioner,
      reviewer: world.reviewer,
      leadership: world.leadership,
    };
  });

  const cases = contractMachine.states.flatMap((contractState) =>
    complaintMachine.states.flatMap((complaintState) =>
      ['organization', 'commissioner', 'reviewer', 'leadership'].map(
        (role) => [contractState, complaintState, role] as const,
      ),
    ),
  );

  it.each(cases)('a contract %s with a complaint %s, as %s', async (contractState, complaintState, role) => {
    const viewer = viewers[role]!;
    db.update(s.contracts).set({ state: contractState }).where(eq(s.contracts.id, world.contractId)).run();
    const complaintId = db
      .insert(s.complaints)
      .values({
        contractId: world.contractId,
        source: 'worker',
        summary: '讲座迟到',
        state: complaintState,
        resolution: complaintState === 'open' ? null : '已核实',
      })
      .returning()
      .get().id;
    const view = offered(() => contractEvaluationView(viewer, world.contractId));
    const complaint = view?.complaints.find((c) => c.id === complaintId);
    expect(
      await succeeds(() => reviewContract(viewer, world.contractId, { adjustment: 0, reason: '' })),
      'review',
    ).toBe(view?.canReview ?? false);
    expect(
      await succeeds(() => recordComplaint(viewer, world.contractId, { source: 'union', summary: '未按时开展' })),
      'record',
    ).toBe(view?.canRecordComplaint ?? false);
    expect(
      await succeeds(() =>
        resolveComplaint(viewer, world.contractId, { complaintId, decision: 'dismiss', resolution: '已核实' }),
      ),
      'resolve',
    ).toBe(complaint?.canResolve ?? false);
  });
});

describe('catalog: the offering pages and their commands', () => {
  let world: Awaited<ReturnType<typeof deliveryWorld>>;
  beforeAll(async () => {
    world = await deliveryWorld();
  });

  const cases = offeringMachine.states.flatMap((state) =>
    (['active', 'suspended'] as const).map((status) => [state, status] as const),
  );

  it.each(cases)('an offering, %s, of an organization %s', async (state, status) => {
    const { organizationId, ownerId } = createOrganization('测试服务社');
    db.update(s.organizations).set({ status }).where(eq(s.organizations.id, organizationId)).run();
    const offeringId = db
      .insert(s.offerings)
      .values({
        organizationId,
        title: '快递员心理疏导',
        category: 'counselling',
        description: '一次小组辅导',
        format: 'on_site',
        durationMinutes: 90,
        capacity: 30,
        priceFen: 100_000,
        areas: ['丹东街道'],
        state,
      })
      .returning()
      .get().id;
    const owner = await viewerFor(ownerId);
    const can = managedOfferingView(owner, offeringId).can;
    const current = db.select().from(s.offerings).where(eq(s.offerings.id, offeringId)).get()!;
    const input = {
      title: current.title,
      category: current.category,
      description: current.description,
      format: current.format,
      durationMinutes: current.durationMinutes,
      capacity: current.capacity,
      price: current.priceFen,
      areas: current.areas,
    } as Parameters<typeof updateOffering>[2];
    expect(await succeeds(() => updateOffering(owner, offeringId, input)), 'edit').toBe(can.edit);
    for (const name of Object.keys(offeringMachine.transitions) as OfferingTransition[]) {
      expect(await succeeds(() => changeOfferingState(owner, offeringId, name)), name).toBe(
        can.transitions.includes(name),
      );
    }
    // What the public page offers a commissioner: the order form, only where the order is accepted.
    const visible = offered(() => requireVisibleOffering(world.commissioner, offeringId));
    const offersForm = visible
      ? may(mayBeCommissioned(visible.offering, visible.organization.status === 'active'))
      : false;
    const order = { unionId: world.unionId, sessions: 1, periodStart: '2099-01-01', periodEnd: '2099-02-01', note: '' };
    expect(await succeeds(() => requestCommission(world.commissioner, offeringId, order)), 'commission').toBe(
      offersForm,
    );
  });
});
