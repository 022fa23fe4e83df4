import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { assertWithinBudget, setBudget, unionBudgets } from './budget.server';
import { budgetYear } from './ledger.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { confirmContract } from '~/procurement/contracts.server';
import { proposeAward } from '~/procurement/award.server';
import { defaultWeights } from '~/procurement/machine';
import { sealBid } from '~/procurement/seal.server';
import { addUser, viewerFor } from '../../tests/fixtures/accounts';
import { grantRole, ledgerOf, makeContract, makeOrganization, makeUnion } from '../../tests/fixtures/payments';
import { refusal } from '../../tests/support/refused';

const year = budgetYear(now());

async function cast(budgetFen: number | null) {
  const { unionId, departmentId } = makeUnion(budgetFen);
  const ownerId = addUser('owner');
  const organizationId = makeOrganization(ownerId);
  return { unionId, departmentId, organizationId, owner: await viewerFor(ownerId) };
}

describe('department budgets', () => {
  it('refuses a commitment beyond what remains after signed contracts and pending awards', async () => {
    const { unionId, departmentId, organizationId, owner } = await cast(100_000_00);
    const signed = makeContract({ unionId, departmentId, organizationId, amountFen: 60_000_00 });
    confirmContract(owner, signed);
    makeContract({ unionId, departmentId, organizationId, amountFen: 30_000_00 }); // awarded, not signed

    const check = (amountFen: number) =>
      refusal(() => transaction((tx) => assertWithinBudget(tx, departmentId, year, amountFen)));
    expect(check(10_000_00)).toBeNull();
    expect(check(10_000_01)).toBe('payments.errors.overBudget');
    // Next year's budget is not set, so nothing may be committed against it.
    expect(refusal(() => transaction((tx) => assertWithinBudget(tx, departmentId, year + 1, 1)))).toBe(
      'payments.errors.noBudget',
    );
    // A purchase with no department is charged to no budget.
    expect(refusal(() => transaction((tx) => assertWithinBudget(tx, null, year, 10 ** 12)))).toBeNull();
  });

  it('refuses to sign a contract the budget cannot cover, and writes nothing', async () => {
    const { unionId, departmentId, organizationId, owner } = await cast(50_000_00);
    const contractId = makeContract({ unionId, departmentId, organizationId, amountFen: 50_000_01 });
    expect(refusal(() => confirmContract(owner, contractId))).toBe('payments.errors.overBudget');
    const contract = db.select().from(s.contracts).where(eq(s.contracts.id, contractId)).get()!;
    expect(contract.state).toBe('pending');
    expect(ledgerOf(contractId)).toEqual([]);

    // The contract's own reservation is not counted against itself: exactly the budget signs.
    const fits = makeContract({ unionId, departmentId, organizationId, amountFen: 50_000_00 });
    db.update(s.contracts).set({ state: 'terminated' }).where(eq(s.contracts.id, contractId)).run();
    confirmContract(owner, fits);
    expect(ledgerOf(fits).map((l) => [l.kind, l.amountFen])).toEqual([['committed', 50_000_00]]);
  });

  it('refuses an award beyond the remaining budget before anything is published', async () => {
    const { unionId, departmentId, organizationId } = await cast(30_000_00);
    const commissionerId = addUser('commissioner');
    grantRole(unionId, commissionerId, 'commissioner', departmentId);
    const commissioner = await viewerFor(commissionerId);
    const tender = db
      .insert(s.tenders)
      .values({
        unionId,
        departmentId,
        createdBy: commissionerId,
        title: '困难职工回访服务',
        category: 'hardship_followup',
        sessions: 4,
        budgetFen: 50_000_00,
        weights: defaultWeights,
        deadlineAt: new Date(now().getTime() - 3600_000),
        objectionDays: 0,
        state: 'evaluating',
      })
      .returning()
      .get();
    const content = { priceFen: 40_000_00, plan: '每季度回访一次。', team: '' };
    const bid = db
      .insert(s.bids)
      .values({
        tenderId: tender.id,
        organizationId,
        sealed: sealBid(tender.id, organizationId, content),
        state: 'submitted',
        submittedAt: new Date(now().getTime() - 7200_000),
      })
      .returning()
      .get();
    // The panel (the commissioner alone) has declared and scored, so only the budget stands in the way.
    db.insert(s.tenderReviewers)
      .values({ tenderId: tender.id, userId: commissionerId, conflictOrganizationIds: [], declaredAt: now() })
      .run();
    for (const criterion of ['plan', 'team', 'track_record'] as const)
      db.insert(s.bidScores).values({ bidId: bid.id, reviewerId: commissionerId, criterion, score: 80 }).run();

    expect(refusal(() => proposeAward(commissioner, tender.id, bid.id))).toBe('payments.errors.overBudget');
    const after = db.select().from(s.tenders).where(eq(s.tenders.id, tender.id)).get()!;
    expect(after.state).toBe('evaluating');
    expect(db.select().from(s.contracts).where(eq(s.contracts.tenderId, tender.id)).all()).toEqual([]);

    setBudget(await viewerFor(grantFinance(unionId)), unionId, {
      departmentId,
      year,
      amountFen: 40_000_00,
    });
    const contractId = proposeAward(commissioner, tender.id, bid.id);
    expect(contractId).toBeTypeOf('number');
  });

  it('shows budget, committed, paid and remaining from the ledger, and keeps a budget above commitments', async () => {
    const { unionId, departmentId, organizationId, owner } = await cast(100_000_00);
    const contractId = makeContract({ unionId, departmentId, organizationId, amountFen: 70_000_00 });
    confirmContract(owner, contractId);
    const finance = await viewerFor(grantFinance(unionId));

    const [row] = unionBudgets(finance, unionId, year);
    expect(row).toMatchObject({
      budgetFen: 100_000_00,
      committedFen: 70_000_00,
      paidFen: 0,
      reservedFen: 0,
      remainingFen: 30_000_00,
    });
    expect(refusal(() => setBudget(finance, unionId, { departmentId, year, amountFen: 69_999_99 }))).toBe(
      'payments.errors.budgetBelowCommitted',
    );
    setBudget(finance, unionId, { departmentId, year, amountFen: 120_000_00 });
    expect(unionBudgets(finance, unionId, year)[0]!.remainingFen).toBe(50_000_00);
    // Only the union's admin and finance set budgets.
    await expect(async () => setBudget(owner, unionId, { departmentId, year, amountFen: 1 })).rejects.toMatchObject({
      status: 403,
    });
  });
});

function grantFinance(unionId: number) {
  const financeId = addUser('finance');
  grantRole(unionId, financeId, 'finance');
  return financeId;
}
