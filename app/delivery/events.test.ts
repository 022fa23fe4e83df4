import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, events, notifications } from '../../db/schema';
import { eventMachine, type EventState } from './machine';
import {
  cancelEvent,
  fileReport,
  requireEventAccess,
  reviewReport,
  scheduleEvent,
  scheduleResidentEvent,
  type EventInput,
} from './events.server';
import { viewerFor } from '../../tests/fixtures/accounts';
import {
  createOrganization,
  createContract,
  createResidency,
  createUnion,
  deliveryWorld,
  grantRole,
} from '../../tests/fixtures/delivery';
import { refusal } from '../../tests/support/refused';
import { db } from '~/lib/db.server';
import { transition } from '~/lib/machine';

const start = new Date('2026-11-24T06:00:00Z');
const input: EventInput = {
  title: '户外劳动者驿站应急救护培训',
  startsAt: start,
  durationMinutes: 90,
  venueType: 'station',
  address: '石浦镇爱心驿站',
  capacity: 40,
  expectedAttendance: 30,
};

let world: Awaited<ReturnType<typeof deliveryWorld>>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start.getTime() - 24 * 3600_000);
  world = await deliveryWorld();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the event lifecycle table', () => {
  it('allows exactly the listed transitions, to the listed actors', () => {
    for (const [name, t] of Object.entries(eventMachine.transitions)) {
      for (const from of eventMachine.states) {
        const move = () => transition(eventMachine, from, name as keyof typeof eventMachine.transitions);
        if ((t.from as readonly EventState[]).includes(from)) expect(move()).toBe(t.to);
        else expect(move).toThrow('errors.illegalTransition');
      }
      const stranger = 'worker' as never;
      expect(() => transition(eventMachine, t.from[0]!, name as never, stranger)).toThrow('errors.forbidden');
    }
  });
});

describe("a resident organization's own activity", () => {
  it('needs an active residency', async () => {
    const id = scheduleResidentEvent(world.owner, world.organizationId, input);
    expect(db.select().from(events).where(eq(events.id, id)).get()).toMatchObject({
      residencyId: world.residencyId,
      contractId: null,
    });
    const graduated = createOrganization('已出壳组织');
    createResidency(world.unionId, graduated.organizationId, 'graduated');
    const owner = await viewerFor(graduated.ownerId);
    expect(() => scheduleResidentEvent(owner, graduated.organizationId, input)).toThrow('delivery.errors.notResident');
    expect(() => scheduleResidentEvent(world.commissioner, world.organizationId, input)).toThrow(Response);
  });

  it("is overseen by the incubator's union and accepted by its incubator manager, not a commissioner", async () => {
    const id = scheduleResidentEvent(world.owner, world.organizationId, input);
    expect(requireEventAccess(world.incubatorManager, id)).toMatchObject({
      asUnion: true,
      standing: { reviewAs: 'incubator_manager' },
    });
    expect(requireEventAccess(world.commissioner, id)).toMatchObject({ asUnion: true, standing: { reviewAs: null } });
    const outsider = await viewerFor(grantRole(createUnion('别的工会'), 'incubator_manager'));
    expect(() => requireEventAccess(outsider, id)).toThrow(Response);

    vi.setSystemTime(start.getTime() + 2 * 3600_000);
    await fileReport(world.owner, id, { walkIns: 5, summary: '培训顺利。' });
    expect(() => reviewReport(world.commissioner, id, 'accept')).toThrow(Response);
    reviewReport(world.incubatorManager, id, 'accept');
    expect(db.select().from(events).where(eq(events.id, id)).get()!.state).toBe('accepted');
  });
});

describe('scheduling under a contract', () => {
  it('is refused once the contract is no longer active, with procurement’s answer', () => {
    const completed = createContract(world.unionId, world.organizationId, 'completed');
    expect(() => scheduleEvent(world.owner, completed, input)).toThrow(
      expect.objectContaining({ messageKey: 'errors.contractEnded', status: 409 }),
    );
    expect(scheduleEvent(world.owner, world.contractId, input)).toBeGreaterThan(0);
  });
});

describe('calling off an event', () => {
  it('is the organization’s, with a reason, until check-in opens; the reason is kept and audited', () => {
    const id = scheduleEvent(world.owner, world.contractId, input);
    expect(refusal(() => cancelEvent(world.commissioner, id, '下雨'))).toBe(403);
    expect(refusal(() => cancelEvent(world.owner, id, '  '))).toBe('errors.reasonRequired');
    cancelEvent(world.owner, id, '台风预警，驿站关闭');
    expect(db.select().from(events).where(eq(events.id, id)).get()).toMatchObject({
      state: 'cancelled',
      cancelReason: '台风预警，驿站关闭',
    });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, 'event.cancel')).get();
    expect(entry).toMatchObject({ subjectType: 'event', subjectId: id, actorId: world.owner.id });
    expect(refusal(() => cancelEvent(world.owner, id, '再次取消'))).toBe('errors.illegalTransition');

    const soon = scheduleEvent(world.owner, world.contractId, input);
    vi.setSystemTime(start.getTime() - 10 * 60_000);
    expect(refusal(() => cancelEvent(world.owner, soon, '人数不足'))).toBe('delivery.errors.cancelAfterCheckinOpens');
  });
});

describe('reviewing a completion report', () => {
  it('needs a reason to return it, and tells the organization either way', async () => {
    const id = scheduleEvent(world.owner, world.contractId, input);
    vi.setSystemTime(start.getTime() + 2 * 3600_000);
    await expect(fileReport(world.owner, id, { walkIns: 0, summary: '完成。' })).resolves.toBeUndefined();
    expect(() => reviewReport(world.commissioner, id, 'return', ' ')).toThrow('errors.reasonRequired');
    reviewReport(world.commissioner, id, 'return', '请补充现场照片');
    expect(db.select().from(events).where(eq(events.id, id)).get()).toMatchObject({
      state: 'returned',
      returnReason: '请补充现场照片',
    });
    await fileReport(world.owner, id, { walkIns: 0, summary: '已补充。' });
    reviewReport(world.commissioner, id, 'accept');
    expect(() => reviewReport(world.commissioner, id, 'accept')).toThrow('errors.illegalTransition');
    const sent = db.select().from(notifications).where(eq(notifications.userId, world.owner.id)).all();
    expect(sent.map((n) => n.template)).toEqual(['report_returned', 'report_accepted']);
  });
});
