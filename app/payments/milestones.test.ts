import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { recordBankTransfer } from './bank-transfers.server';
import { unionBudgets } from './budget.server';
import { budgetYear, releaseCommitment } from './ledger.server';
import { approveMilestone, requireMilestoneFor, paymentQueue } from './milestones.server';
import { reviewReport } from '~/delivery/events.server';
import { now } from '~/lib/clock.server';
import { db, sqlite, transaction } from '~/lib/db.server';
import { ledgerOf, makeReportedEvent, milestonesOf, signedContract } from '../../tests/fixtures/payments';

function notifications(userId: number, template: string) {
  return db
    .select()
    .from(s.notifications)
    .where(and(eq(s.notifications.userId, userId), eq(s.notifications.template, template)))
    .all();
}

describe('milestones becoming due', () => {
  it('makes the signing milestone due on signature, commits the money and tells finance', async () => {
    const { contractId, ids } = await signedContract({ amountFen: 40_000_00 });
    const [signing, final] = milestonesOf(contractId);
    expect(signing).toMatchObject({ condition: 'signing', state: 'due', amountFen: 12_000_00 });
    expect(signing!.dueAt).toBeInstanceOf(Date);
    expect(final).toMatchObject({ condition: 'final', state: 'pending', amountFen: 28_000_00 });
    expect(ledgerOf(contractId).map((l) => [l.kind, l.amountFen])).toEqual([['committed', 40_000_00]]);
    expect(notifications(ids.financeId, 'milestone_due').map((n) => n.data)).toEqual([
      expect.objectContaining({ amountFen: 12_000_00, path: `/milestones/${signing!.id}` }),
    ]);
  });

  it('makes a sessions milestone due when accepted sessions reach its count, and the final one at the last', async () => {
    const { contractId, commissioner } = await signedContract({ amountFen: 30_000_00, sessions: 3 });
    const after2 = db
      .insert(s.milestones)
      .values({ contractId, label: 'sessions', amountFen: 1_000_00, condition: 'sessions', conditionSessions: 2 })
      .returning()
      .get();
    const state = (id: number) => milestonesOf(contractId).find((m) => m.id === id)!.state;
    const final = milestonesOf(contractId).find((m) => m.condition === 'final')!;

    const first = makeReportedEvent(contractId);
    reviewReport(commissioner, first, 'return', '照片不清楚');
    expect(state(after2.id)).toBe('pending');
    db.update(s.events).set({ state: 'reported' }).where(eq(s.events.id, first)).run();
    reviewReport(commissioner, first, 'accept');
    expect(state(after2.id)).toBe('pending');
    reviewReport(commissioner, makeReportedEvent(contractId), 'accept');
    expect(state(after2.id)).toBe('due');
    expect(state(final.id)).toBe('pending');
    reviewReport(commissioner, makeReportedEvent(contractId), 'accept');
    expect(state(final.id)).toBe('due');
  });
});

describe('approval', () => {
  it('lets only the union finance staff approve a due milestone, once', async () => {
    const { contractId, finance, commissioner, owner, unionId } = await signedContract();
    const signing = milestonesOf(contractId)[0]!;
    const final = milestonesOf(contractId)[1]!;

    await expect(async () => approveMilestone(commissioner, signing.id)).rejects.toMatchObject({ status: 403 });
    await expect(async () => approveMilestone(owner, signing.id)).rejects.toMatchObject({ status: 403 });
    await expect(async () => approveMilestone(finance, final.id)).rejects.toMatchObject({
      messageKey: 'errors.illegalTransition',
    });

    approveMilestone(finance, signing.id);
    expect(milestonesOf(contractId)[0]!.state).toBe('approved');
    await expect(async () => approveMilestone(finance, signing.id)).rejects.toMatchObject({
      messageKey: 'errors.illegalTransition',
    });
    expect(ledgerOf(contractId).map((l) => l.kind)).toEqual(['committed', 'approved']);

    const queue = paymentQueue(finance, unionId);
    expect(queue.groups.find((g) => g.state === 'approved')!.milestones.map((m) => m.id)).toEqual([signing.id]);
    expect(queue.totals).toMatchObject({ committedFen: 40_000_00, approvedFen: 12_000_00, paidFen: 0 });
  });

  it('shows a milestone to its organization and the paying union only', async () => {
    const { contractId, member } = await signedContract();
    const other = await signedContract();
    const signing = milestonesOf(contractId)[0]!;
    expect(requireMilestoneFor(member, signing.id).canApprove).toBe(false);
    expect(() => requireMilestoneFor(other.finance, signing.id)).toThrow(Response);
    expect(() => requireMilestoneFor(other.owner, signing.id)).toThrow(Response);
  });
});

describe('the ledger', () => {
  it('is append-only: rows can be neither edited nor deleted', async () => {
    const { contractId } = await signedContract();
    const [row] = ledgerOf(contractId);
    expect(() => sqlite.prepare('update ledger_entries set amount_fen = 1 where id = ?').run(row!.id)).toThrow(
      /append-only/,
    );
    expect(() => sqlite.prepare('delete from ledger_entries where id = ?').run(row!.id)).toThrow(/append-only/);
    expect(ledgerOf(contractId)).toEqual([row]);
  });

  it('returns what a terminated contract left unpaid to the budget, once', async () => {
    const { contractId, departmentId, unionId, finance } = await signedContract({
      amountFen: 40_000_00,
      budgetFen: 100_000_00,
    });
    const signing = milestonesOf(contractId)[0]!;
    approveMilestone(finance, signing.id);
    await recordBankTransfer(finance, signing.id, {
      paidOn: '2026-03-02',
      amountFen: signing.amountFen,
      reference: 'ABC-1',
      voucher: new File([Buffer.from('%PDF-1.4')], 'v.pdf'),
    });
    const remaining = () =>
      unionBudgets(finance, unionId, budgetYear(now())).find((d) => d.departmentId === departmentId)!;
    expect(remaining()).toMatchObject({ committedFen: 40_000_00, paidFen: 12_000_00, remainingFen: 60_000_00 });

    expect(transaction((tx) => releaseCommitment(tx, contractId))).toBe(28_000_00);
    expect(transaction((tx) => releaseCommitment(tx, contractId))).toBe(0);
    expect(remaining()).toMatchObject({ committedFen: 12_000_00, paidFen: 12_000_00, remainingFen: 88_000_00 });
  });
});
