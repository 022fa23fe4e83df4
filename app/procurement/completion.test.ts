import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { completeContract, amendContract } from './contracts.server';
import { organizationTrackRecord } from '~/catalog/track-record.server';
import { reviewEventAttendance } from '~/delivery/attendance.server';
import { reviewReport } from '~/delivery/events.server';
import type { Viewer } from '~/accounts/auth.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import { recordBankTransfer } from '~/payments/bank-transfers.server';
import { approveMilestone } from '~/payments/milestones.server';
import { makeReportedEvent, milestonesOf, signedContract } from '../../tests/fixtures/payments';

beforeAll(() => {
  delete process.env.STRIPE_SECRET_KEY;
});

const contractOf = (id: number) => db.select().from(s.contracts).where(eq(s.contracts.id, id)).get()!;

const completions = (contractId: number) =>
  db
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.action, 'contract.complete'), eq(s.auditLog.subjectId, contractId)))
    .all();

const told = (userId: number) =>
  db
    .select({ data: s.notifications.data })
    .from(s.notifications)
    .where(and(eq(s.notifications.userId, userId), eq(s.notifications.template, 'contract_completed')))
    .all()
    .map((n) => n.data);

/** Finance approves the milestone and records the bank transfer that pays it. */
async function pay(finance: Viewer, milestoneId: number) {
  const milestone = db.select().from(s.milestones).where(eq(s.milestones.id, milestoneId)).get()!;
  approveMilestone(finance, milestoneId);
  await recordBankTransfer(finance, milestoneId, {
    paidOn: '2026-03-02',
    amountFen: milestone.amountFen,
    reference: `ICBC-${milestoneId}`,
    voucher: new File([Buffer.from('%PDF-1.7\n% 回单\n')], '回单.pdf', { type: 'application/pdf' }),
  });
}

const milestone = (contractId: number, condition: string) =>
  milestonesOf(contractId).find((m) => m.condition === condition)!;

/**
 * A contract whose every milestone is paid with one session still to deliver: a second session was
 * agreed (amount unchanged) after the final milestone fell due on the first.
 */
async function paidAheadOfDelivery() {
  const cast = await signedContract({ sessions: 1 });
  const { contractId, commissioner, finance } = cast;
  reviewReport(commissioner, makeReportedEvent(contractId), 'accept');
  const contract = contractOf(contractId);
  amendContract(commissioner, contractId, {
    amount: contract.amountFen,
    sessions: 2,
    minWorkerVisits: contract.minWorkerVisits,
    rationale: '增加一场驿站讲座',
  });
  await pay(finance, milestone(contractId, 'signing').id);
  await pay(finance, milestone(contractId, 'final').id);
  expect(contractOf(contractId).state).toBe('active');
  return cast;
}

describe('a contract completing by itself', () => {
  it('completes when its last milestone is paid after every session was accepted, and tells the organization', async () => {
    const cast = await signedContract({ sessions: 2 });
    const { contractId, commissioner, finance } = cast;
    reviewReport(commissioner, makeReportedEvent(contractId), 'accept');
    await pay(finance, milestone(contractId, 'signing').id);
    expect(contractOf(contractId).state).toBe('active');
    reviewReport(commissioner, makeReportedEvent(contractId), 'accept');
    expect(contractOf(contractId).state).toBe('active');

    await pay(finance, milestone(contractId, 'final').id);
    expect(contractOf(contractId)).toMatchObject({ state: 'completed', completionReason: null });
    expect(contractOf(contractId).completedAt).toBeInstanceOf(Date);
    expect(completions(contractId)).toEqual([
      expect.objectContaining({
        actorId: null,
        before: { state: 'active' },
        after: expect.objectContaining({ state: 'completed' }),
      }),
    ]);
    const notice = { title: contractOf(contractId).title, path: `/contracts/${contractId}` };
    expect(told(cast.ids.ownerId)).toEqual([notice]);
    expect(told(cast.ids.memberId)).toEqual([notice]);
  });

  it('completes when the last report is accepted after every milestone was paid', async () => {
    const { contractId, commissioner } = await paidAheadOfDelivery();
    reviewReport(commissioner, makeReportedEvent(contractId), 'accept');
    expect(contractOf(contractId).state).toBe('completed');
    expect(completions(contractId)).toHaveLength(1);
  });

  it('completes when a reviewer admits the last session, which was only asserted', async () => {
    const { contractId, commissioner, organizationId } = await paidAheadOfDelivery();
    // Entered after it took place, nobody scanned: accepted, but its session counts only once admitted.
    const startsAt = new Date(now().getTime() - 5 * 3600_000);
    const late = db
      .insert(s.events)
      .values({
        organizationId,
        contractId,
        title: '入户走访',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3600_000),
        venueType: 'community',
        capacity: 20,
        walkIns: 12,
        checkinSecret: randomBytes(32).toString('hex'),
        state: 'reported',
        reportSummary: '走访 12 户。',
        reportedAt: now(),
      })
      .returning()
      .get().id;
    reviewReport(commissioner, late, 'accept');
    expect(contractOf(contractId).state).toBe('active');

    reviewEventAttendance(commissioner, late, 'admitted', '走访登记表已核对');
    expect(contractOf(contractId).state).toBe('completed');
  });

  it('counts in the organization’s track record once completed', async () => {
    const { contractId, commissioner, finance, organizationId } = await signedContract({ sessions: 1 });
    expect(organizationTrackRecord(organizationId).contractsCompleted).toBe(0);
    reviewReport(commissioner, makeReportedEvent(contractId), 'accept');
    await pay(finance, milestone(contractId, 'signing').id);
    await pay(finance, milestone(contractId, 'final').id);
    expect(organizationTrackRecord(organizationId).contractsCompleted).toBe(1);
  });
});

describe('completing a contract early', () => {
  it('is the commissioner’s, with a reason, from an active contract only; the final milestone falls due', async () => {
    const cast = await signedContract({ sessions: 4 });
    const { contractId, commissioner, finance, owner } = cast;
    reviewReport(commissioner, makeReportedEvent(contractId), 'accept');
    expect(() => completeContract(owner, contractId, '已完成')).toThrow(Response);
    expect(() => completeContract(finance, contractId, '已完成')).toThrow(Response);
    expect(() => completeContract(commissioner, contractId, '  ')).toThrow('errors.reasonRequired');
    expect(contractOf(contractId).state).toBe('active');

    completeContract(commissioner, contractId, ' 服务期已满，经双方协商按实际完成结项 ');
    expect(contractOf(contractId)).toMatchObject({
      state: 'completed',
      completionReason: '服务期已满，经双方协商按实际完成结项',
    });
    expect(milestone(contractId, 'final').state).toBe('due');
    expect(completions(contractId)).toEqual([
      expect.objectContaining({ actorId: commissioner.id, data: { reason: '服务期已满，经双方协商按实际完成结项' } }),
    ]);
    expect(told(cast.ids.ownerId)).toEqual([
      expect.objectContaining({ reason: '服务期已满，经双方协商按实际完成结项' }),
    ]);
    expect(organizationTrackRecord(cast.organizationId).contractsCompleted).toBe(1);

    expect(() => completeContract(commissioner, contractId, '再次确认')).toThrow('errors.illegalTransition');
    // The final payment is still made under the completed contract, which does not complete twice.
    await pay(finance, milestone(contractId, 'signing').id);
    await pay(finance, milestone(contractId, 'final').id);
    expect(completions(contractId)).toHaveLength(1);
  });

  it('is refused before the organization has confirmed the contract', async () => {
    const { contractId, commissioner } = await signedContract();
    db.update(s.contracts).set({ state: 'pending' }).where(eq(s.contracts.id, contractId)).run();
    expect(() => completeContract(commissioner, contractId, '提前结项')).toThrow('errors.illegalTransition');
    expect(completions(contractId)).toEqual([]);
  });
});
