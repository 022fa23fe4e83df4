import { and, desc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../db/seed';
import { signedInRequest, viewerFor } from '../../tests/fixtures/accounts';
import { checkInWorker, createEvent, deliveryWorld, grantRole } from '../../tests/fixtures/delivery';
import {
  attendanceReview,
  reviewCheckins,
  reviewEventAttendance,
  setAttendanceStandard,
  submitAttendanceReview,
} from './attendance.server';
import { rate } from './checkin.server';
import { fileReport, reviewReport, scheduleEvent } from './events.server';
import { contractFigures, eventFigures } from './figures.server';
import { db } from '~/lib/db.server';
import { loader as annualReport } from '~/routes/reports.annual';
import { loader as exportTable } from '~/routes/reports.export.$table';
import { refusal } from '../../tests/support/refused';

const start = new Date('2026-11-24T06:00:00Z');
const afterEnd = new Date(start.getTime() + 2 * 3600_000);

function auditRows(action: string) {
  return db.select().from(s.auditLog).where(eq(s.auditLog.action, action)).orderBy(desc(s.auditLog.id)).all();
}

function checkinIds(eventId: number) {
  return db
    .select({ id: s.checkins.id })
    .from(s.checkins)
    .where(eq(s.checkins.eventId, eventId))
    .orderBy(s.checkins.id)
    .all()
    .map((c) => c.id);
}

describe('a back-dated event with no scans and walk-ins typed into its report', () => {
  /** A request by the county's leadership. */
  function asLeadership(path: string) {
    return signedInRequest('leadership@demo.gonghui.cn', path);
  }

  const annual = () => annualReport({ request: asLeadership('/reports/annual'), params: {}, context: {} } as never);

  async function summaryCsv() {
    const response = await exportTable({
      request: asLeadership('/reports/export/summary'),
      params: { table: 'summary' },
      context: {},
    } as never);
    const [header, row] = (await response.text()).slice(1).split('\r\n');
    const cells = row!.split(',');
    return Object.fromEntries(header!.split(',').map((name, i) => [name, cells[i]]));
  }

  it('adds nothing to the annual report’s worker-visits until a union reviewer admits it, with a reason', async () => {
    await seedDemo();
    const owner = await viewerFor('hardship@demo.gonghui.cn');
    const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
    const reviewer = await viewerFor('reviewer@demo.gonghui.cn');
    const contract = db
      .select()
      .from(s.contracts)
      .where(eq(s.contracts.organizationId, owner.memberships[0]!.organizationId))
      .get()!;
    const before = (await annual()).report.totals;

    // Entered five hours after it started: nobody could scan; 21 people typed into the report.
    const eventId = scheduleEvent(owner, contract.id, {
      title: '困难职工“回头看”补录走访',
      startsAt: new Date(Date.now() - 5 * 3600_000),
      durationMinutes: 120,
      venueType: 'community',
      address: '象山县石浦镇',
      capacity: 30,
      expectedAttendance: 20,
    });
    await fileReport(owner, eventId, { walkIns: 21, summary: '入户走访 21 人。' });
    reviewReport(commissioner, eventId, 'accept');

    const pending = await annual();
    expect(pending.report.totals).toMatchObject({
      sessionsDelivered: before.sessionsDelivered,
      workerVisits: before.workerVisits,
      pendingSessions: before.pendingSessions + 1,
      pendingWalkIns: before.pendingWalkIns + 21,
    });
    expect(pending.pending).toContain(`${before.pendingWalkIns + 21} 名现场登记人员`);
    expect(pending.basis).toBe('按短信验证签到计：只计入手机号经短信验证的签到及其评价。');
    expect(await summaryCsv()).toMatchObject({
      服务人次: String(before.workerVisits),
      待复核场次: String(before.pendingSessions + 1),
      待复核现场登记人数: String(before.pendingWalkIns + 21),
      签到核验标准: '短信验证签到',
    });

    expect(refusal(() => reviewEventAttendance(reviewer, eventId, 'admitted', '  '))).toBe('errors.reasonRequired');
    reviewEventAttendance(reviewer, eventId, 'admitted', '走访台账与照片已核对');
    const admitted = (await annual()).report.totals;
    expect(admitted).toMatchObject({
      sessionsDelivered: before.sessionsDelivered + 1,
      workerVisits: before.workerVisits + 21,
      pendingSessions: before.pendingSessions,
      pendingWalkIns: before.pendingWalkIns,
    });
    expect((await annual()).sentence).toContain(`受益职工 ${(before.workerVisits + 21).toLocaleString('zh-CN')} 人次`);
    const [row] = auditRows('event.attendance_admit');
    expect(row).toMatchObject({
      actorId: reviewer.id,
      subjectType: 'event',
      subjectId: eventId,
      unionId: contract.unionId,
      data: { reason: '走访台账与照片已核对', walkIns: 21 },
      before: { attendanceReview: null },
      after: { attendanceReview: 'admitted' },
    });

    reviewEventAttendance(reviewer, eventId, 'excluded', '复查发现台账不实');
    expect((await annual()).report.totals).toMatchObject({
      sessionsDelivered: before.sessionsDelivered,
      workerVisits: before.workerVisits,
      pendingWalkIns: before.pendingWalkIns,
    });
    expect(auditRows('event.attendance_exclude')[0]).toMatchObject({ subjectId: eventId, actorId: reviewer.id });
  });
});

describe('reviewing attendance', () => {
  let world: Awaited<ReturnType<typeof deliveryWorld>>;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    world = await deliveryWorld();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** An accepted event of the world's contract where workers checked in with these verifications and rated 5. */
  async function acceptedEvent(verifications: ('sms' | 'code')[], walkIns = 0) {
    vi.setSystemTime(start);
    const eventId = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start);
    for (const verification of verifications) {
      rate(eventId, checkInWorker(eventId, null, verification), { score: 5, comment: '', tags: [], edit: false });
    }
    vi.setSystemTime(afterEnd);
    await fileReport(world.owner, eventId, { walkIns, summary: '顺利开展。' });
    reviewReport(world.commissioner, eventId, 'accept');
    return eventId;
  }

  it('counts screen-code check-ins only where the union’s standard is code, and a standard change recounts', async () => {
    await acceptedEvent(['code', 'code']);
    expect(contractFigures(world.contractId)).toMatchObject({
      sessionsDelivered: 0,
      workerVisits: 0,
      ratings: 0,
      pending: { sessions: 1, checkins: 2 },
    });

    const admin = await viewerFor(grantRole(world.unionId, 'admin'));
    expect(refusal(() => setAttendanceStandard(world.commissioner, world.unionId, 'code'))).toBe(403);
    setAttendanceStandard(admin, world.unionId, 'code');
    expect(contractFigures(world.contractId)).toMatchObject({
      sessionsDelivered: 1,
      workerVisits: 2,
      ratings: 2,
      satisfaction: 1,
      pending: { sessions: 0, walkIns: 0, checkins: 0 },
    });
    expect(auditRows('union.attendance_standard')[0]).toMatchObject({
      actorId: admin.id,
      subjectType: 'union',
      subjectId: world.unionId,
      before: { attendanceStandard: 'sms' },
      after: { attendanceStandard: 'code' },
    });

    setAttendanceStandard(admin, world.unionId, 'sms');
    expect(contractFigures(world.contractId)).toMatchObject({ sessionsDelivered: 0, workerVisits: 0 });
  });

  it('admits or excludes check-ins, one or all pending, moving every figure and auditing each', async () => {
    const eventId = await acceptedEvent(['sms', 'code', 'code', 'code']);
    const [verified, first, ...rest] = checkinIds(eventId);
    expect(contractFigures(world.contractId)).toMatchObject({
      sessionsDelivered: 1,
      workerVisits: 1,
      ratings: 1,
      pending: { checkins: 3 },
    });

    expect(reviewCheckins(world.reviewer, eventId, { checkinId: first! }, 'admitted', '现场核对了工牌')).toBe(1);
    expect(contractFigures(world.contractId)).toMatchObject({ workerVisits: 2, ratings: 2, pending: { checkins: 2 } });
    expect(auditRows('checkin.admit')[0]).toMatchObject({
      actorId: world.reviewer.id,
      subjectType: 'checkin',
      subjectId: first,
      unionId: world.unionId,
      data: { eventId, reason: '现场核对了工牌', verification: 'code' },
      after: { review: 'admitted' },
    });

    // A check-in that counts by itself needs no admitting; any check-in can be excluded.
    expect(refusal(() => reviewCheckins(world.reviewer, eventId, { checkinId: verified! }, 'admitted', '核对'))).toBe(
      'delivery.attendance.errors.alreadyDecided',
    );
    reviewCheckins(world.commissioner, eventId, { checkinId: verified! }, 'excluded', '同一人重复签到');
    expect(contractFigures(world.contractId)).toMatchObject({ workerVisits: 1, ratings: 1 });

    expect(reviewCheckins(world.reviewer, eventId, 'pending', 'excluded', '无法核实身份')).toBe(rest.length);
    expect(auditRows('checkin.exclude').map((r) => r.subjectId)).toEqual(expect.arrayContaining(rest));
    expect(contractFigures(world.contractId)).toMatchObject({ workerVisits: 1, pending: { checkins: 0 } });
    expect(refusal(() => reviewCheckins(world.reviewer, eventId, 'pending', 'admitted', '再议'))).toBe(
      'delivery.attendance.errors.nothingPending',
    );

    const review = attendanceReview(world.reviewer, eventId);
    expect(review.counts).toEqual({ pending: 0, admitted: 1, excluded: 3 });
    expect(review.checkins.map((c) => c.review)).toEqual(['excluded', 'admitted', 'excluded', 'excluded']);
  });

  it('is for the overseeing union’s commissioner and reviewer only', async () => {
    const eventId = await acceptedEvent(['code'], 4);
    const [checkinId] = checkinIds(eventId);
    for (const viewer of [world.owner, world.leadership]) {
      expect(refusal(() => reviewEventAttendance(viewer, eventId, 'admitted', '理由'))).toBe(403);
      expect(refusal(() => reviewCheckins(viewer, eventId, { checkinId: checkinId! }, 'admitted', '理由'))).toBe(403);
    }
    expect(attendanceReview(world.owner, eventId).canReview).toBe(false);
    expect(attendanceReview(world.leadership, eventId).canReview).toBe(false);
    expect(attendanceReview(world.reviewer, eventId).canReview).toBe(true);
    expect(eventFigures(eventId).pending).toEqual({ sessions: 1, walkIns: 4, checkins: 1 });
  });

  it('reviews asserted attendance only once the report is accepted, and only where something is asserted', async () => {
    const verifiedOnly = await acceptedEvent(['sms']);
    expect(refusal(() => reviewEventAttendance(world.reviewer, verifiedOnly, 'admitted', '理由'))).toBe(
      'delivery.attendance.errors.nothingAsserted',
    );

    vi.setSystemTime(start);
    const reported = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start);
    vi.setSystemTime(afterEnd);
    await fileReport(world.owner, reported, { walkIns: 9, summary: '完成。' });
    expect(refusal(() => reviewEventAttendance(world.reviewer, reported, 'admitted', '理由'))).toBe(
      'delivery.attendance.errors.notAccepted',
    );
    const review = attendanceReview(world.reviewer, reported);
    expect(review).toMatchObject({ accepted: false, assertions: ['walkIns', 'noCountedCheckins'], decision: null });
  });

  it('sends back a refused decision with the reason as typed', async () => {
    const eventId = await acceptedEvent(['sms']);
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.set(k, v);
      return data;
    };
    // The reply to the form it came from (its target), keyed `attendance`, with the reason kept.
    const reply = async (fields: Record<string, string>) => {
      const result = await submitAttendanceReview(world.reviewer, eventId, form(fields));
      if (result.ok) return null;
      const { data, init } = result.reply as unknown as {
        data: { attendance: { initialValue: Record<string, string>; error: Record<string, string[]> } };
        init: { status: number };
      };
      return { typed: data.attendance.initialValue, error: data.attendance.error, status: init.status };
    };
    expect(await reply({ target: 'event', decision: 'admitted', reason: '签到表在档案室' })).toEqual({
      typed: { target: 'event', decision: 'admitted', reason: '签到表在档案室' },
      error: { '': ['delivery.attendance.errors.nothingAsserted'] },
      status: 409,
    });
    expect(await reply({ target: 'pending', decision: 'admitted', reason: '' })).toMatchObject({
      typed: { target: 'pending' },
      error: { reason: ['errors.required'] },
      status: 400,
    });
    const [checkinId] = checkinIds(eventId);
    expect(await reply({ target: String(checkinId), decision: 'excluded', reason: '重复签到' })).toBeNull();
    expect(
      db
        .select({ review: s.checkins.review })
        .from(s.checkins)
        .where(and(eq(s.checkins.id, checkinId!), eq(s.checkins.eventId, eventId)))
        .get(),
    ).toEqual({ review: 'excluded' });
  });
});
