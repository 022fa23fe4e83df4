import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contracts, ledgerEntries, milestones } from '../../db/schema';
import { proposeAward } from './award.server';
import { openBids, submitBid } from './bids.server';
import {
  amendContract,
  confirmContract,
  requireContractFor,
  issueContract,
  terminateContract,
} from './contracts.server';
import { declareConflicts, scoreBid } from './evaluation.server';
import { createTender, requireTender } from './tenders.server';
import { viewerFor } from '../../tests/fixtures/accounts';
import {
  advanceHours,
  hoursFromNow,
  organizationOf,
  resetClock,
  seedCounty,
  tenderInput,
} from '../../tests/fixtures/procurement';
import type { Viewer } from '~/accounts/auth.server';
import { runClock } from '~/jobs/ticks.server';
import { db } from '~/lib/db.server';

let commissioner: Viewer;
let legal: Viewer;
let legalOrg: { id: number };

beforeAll(async () => {
  await seedCounty();
  commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  legal = await viewerFor('legal@demo.gonghui.cn');
  legalOrg = organizationOf('legal@demo.gonghui.cn');
});
afterEach(resetClock);

/** A tender awarded to the legal aid organization at 40,000 yuan, its contract drafted by the clock. */
function draftedContract() {
  const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2), objectionDays: 1, sessions: 10 }));
  submitBid(legal, id, legalOrg.id, { priceFen: 4_000_000, plan: '方案', team: '' });
  advanceHours(3);
  runClock();
  declareConflicts(commissioner, id, []);
  const bid = openBids(commissioner, requireTender(id))[0]!;
  scoreBid(commissioner, id, {
    bidId: bid.id,
    plan: 80,
    team: 80,
    track_record: 80,
    plan_comment: '',
    team_comment: '',
    track_record_comment: '',
  });
  proposeAward(commissioner, id, bid.id);
  advanceHours(25);
  runClock();
  return { tenderId: id, contract: db.select().from(contracts).where(eq(contracts.tenderId, id)).get()! };
}

const plan = (contractId: number) =>
  db
    .select()
    .from(milestones)
    .where(eq(milestones.contractId, contractId))
    .all()
    .map((m) => [m.condition, m.amountFen, m.state]);

describe('a contract from an award', () => {
  it('is confirmed by both parties in turn: the union issues it, the organization confirms it', () => {
    const { tenderId, contract } = draftedContract();
    expect(() => confirmContract(legal, contract.id)).toThrow('errors.illegalTransition');
    expect(() => issueContract(legal, contract.id, { signingPercent: 30, sessionsPercent: 0 })).toThrow();
    issueContract(commissioner, contract.id, { signingPercent: 30, sessionsPercent: 30, sessionsThreshold: 5 });
    expect(plan(contract.id)).toEqual([
      ['signing', 1_200_000, 'pending'],
      ['sessions', 1_200_000, 'pending'],
      ['final', 1_600_000, 'pending'],
    ]);
    expect(() => confirmContract(commissioner, contract.id)).toThrow();
    confirmContract(legal, contract.id);
    expect(db.select().from(contracts).where(eq(contracts.id, contract.id)).get()).toMatchObject({
      state: 'active',
      signedBy: legal.id,
      issuedBy: commissioner.id,
    });
    expect(plan(contract.id)[0]).toEqual(['signing', 1_200_000, 'due']);
    expect(requireTender(tenderId).state).toBe('contracted');
  });

  it('keeps a history of amendments, moving the money through the last milestone not yet due', () => {
    const { contract } = draftedContract();
    issueContract(commissioner, contract.id, { signingPercent: 30, sessionsPercent: 0 });
    confirmContract(legal, contract.id);
    amendContract(commissioner, contract.id, {
      amount: 4_500_000,
      sessions: 12,
      minWorkerVisits: 300,
      periodEnd: undefined,
      rationale: '增加两场。',
    });
    const view = requireContractFor(commissioner, contract.id);
    expect(view.contract).toMatchObject({ amountFen: 4_500_000, sessions: 12 });
    expect(view.amendments).toHaveLength(1);
    expect(view.amendments[0]!.changes).toEqual({
      amountFen: { from: 4_000_000, to: 4_500_000 },
      sessions: { from: 10, to: 12 },
    });
    expect(plan(contract.id)).toEqual([
      ['signing', 1_200_000, 'due'],
      ['final', 3_300_000, 'pending'],
    ]);
    const ledger = db.select().from(ledgerEntries).where(eq(ledgerEntries.contractId, contract.id)).all();
    expect(ledger.map((l) => [l.kind, l.amountFen])).toEqual([
      ['committed', 4_000_000],
      ['committed', 500_000],
    ]);
    expect(() =>
      amendContract(commissioner, contract.id, {
        amount: 4_500_000,
        sessions: 12,
        minWorkerVisits: 300,
        rationale: '无',
      }),
    ).toThrow('procurement.errors.noChanges');
  });

  it('is terminated with a reason, releasing the money not yet paid', () => {
    const { contract } = draftedContract();
    issueContract(commissioner, contract.id, { signingPercent: 30, sessionsPercent: 0 });
    confirmContract(legal, contract.id);
    expect(() => terminateContract(legal, contract.id, '不做了')).toThrow();
    terminateContract(commissioner, contract.id, '服务组织无法继续履约。');
    expect(db.select().from(contracts).where(eq(contracts.id, contract.id)).get()).toMatchObject({
      state: 'terminated',
      terminationReason: '服务组织无法继续履约。',
    });
    const ledger = db.select().from(ledgerEntries).where(eq(ledgerEntries.contractId, contract.id)).all();
    expect(ledger.at(-1)).toMatchObject({ kind: 'released', amountFen: 4_000_000 });
  });

  it('is seen only by the organization and the union’s staff', async () => {
    const { contract } = draftedContract();
    const psych = await viewerFor('psych@demo.gonghui.cn');
    expect(() => requireContractFor(psych, contract.id)).toThrow();
    expect(requireContractFor(legal, contract.id).asOrganization).toBe(true);
  });
});
