import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, contracts, offerings, riskFlags, staffRoles, unionRiskRollups, unions } from '../../db/schema';
import { requestCommission } from '~/catalog/commissions.server';
import { requireFlag, respondToFlag, setRiskSettings, subjectFlags } from './flags.server';
import { addUser, viewerFor } from '../../tests/fixtures/accounts';
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
import { shanghaiYear } from '~/lib/time';
import { now } from '~/lib/clock.server';
import { db, sqlite } from '~/lib/db.server';
import { getT } from '~/lib/i18n.server';
import { buildReport } from '~/reports/dashboard.server';
import { riskIndicators, type RiskIndicator } from './indicators-list';
import type { TFunction } from 'i18next';
import { proposeAward } from '~/procurement/award.server';
import { openBids, submitBid } from '~/procurement/bids.server';
import { amendContract, confirmContract, issueContract } from '~/procurement/contracts.server';
import { declareConflicts, scoreBid } from '~/procurement/evaluation.server';
import { createTender, requireTender } from '~/procurement/tenders.server';

let commissioner: Viewer;
let legal: Viewer;
let auditor: Viewer;
let leadership: Viewer;
let legalOrg: { id: number };
let unionId: number;

beforeAll(async () => {
  await seedCounty();
  unionId = db.select().from(unions).where(eq(unions.name, '象山县总工会')).get()!.id;
  commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  legal = await viewerFor('legal@demo.gonghui.cn');
  leadership = await viewerFor('leadership@demo.gonghui.cn');
  const auditorId = addUser('经审委员');
  db.insert(staffRoles).values({ unionId, userId: auditorId, role: 'auditor' }).run();
  auditor = await viewerFor(auditorId);
  legalOrg = organizationOf('legal@demo.gonghui.cn');
});
afterEach(resetClock);

const flagsOf = (subjectType: 'tender' | 'contract' | 'commission', subjectId: number) =>
  db
    .select()
    .from(riskFlags)
    .where(and(eq(riskFlags.subjectType, subjectType), eq(riskFlags.subjectId, subjectId)))
    .all()
    .filter((f) => !f.clearedAt)
    .map((f) => f.indicator)
    .sort();

const rollup = (id: number) =>
  db
    .select()
    .from(unionRiskRollups)
    .where(and(eq(unionRiskRollups.unionId, id), eq(unionRiskRollups.year, shanghaiYear(now()))))
    .all()
    .reduce((sum, r) => sum + r.flags, 0);

/** A tender with one bid at 99% of its ceiling, sent 30 minutes before the deadline, awarded. */
/** The commissioner, alone on the panel, scores the tender's one bid 80 on every criterion and proposes it. */
function awardTheOnlyBid(tenderId: number) {
  declareConflicts(commissioner, tenderId, []);
  const bid = openBids(commissioner, requireTender(tenderId))[0]!;
  const comments = { plan_comment: '', team_comment: '', track_record_comment: '' };
  scoreBid(commissioner, tenderId, { bidId: bid.id, plan: 80, team: 80, track_record: 80, ...comments });
  proposeAward(commissioner, tenderId, bid.id);
}

function lateSingleBidAtCeiling() {
  const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(0.5), objectionDays: 1 }));
  submitBid(legal, id, legalOrg.id, { priceFen: 4_950_000, plan: '方案', team: '' });
  expect(flagsOf('tender', id)).toEqual([]);
  advanceHours(1);
  runClock();
  return id;
}

describe('a tender’s flags', () => {
  it('are raised at the deadline and at the award, in the transactions that change it, and roll up', () => {
    const parent = db.select().from(unions).where(eq(unions.id, unionId)).get()!.parentId!;
    const before = { county: rollup(unionId), city: rollup(parent) };
    const id = lateSingleBidAtCeiling();
    expect(flagsOf('tender', id)).toEqual(['single_bid']);
    expect(subjectFlags(null, 'tender', id).flags).toEqual([]);
    awardTheOnlyBid(id);
    expect(flagsOf('tender', id)).toEqual(['late_bid_won', 'price_at_ceiling', 'single_bid']);
    const single = db.select().from(riskFlags).where(eq(riskFlags.subjectId, id)).all();
    respondToFlag(commissioner, single.find((f) => f.indicator === 'single_bid')!.id, {
      kind: 'explanation',
      text: '公告已在三个平台发布。',
    });
    const shown = subjectFlags(null, 'tender', id).flags;
    expect(shown.map((f) => [f.indicator, f.organizationId])).toContainEqual(['price_at_ceiling', legalOrg.id]);
    // After the award everyone reads the answer, but not who gave it: not even in the page's data.
    expect(shown.find((f) => f.indicator === 'single_bid')!.responses).toEqual([
      { id: expect.any(Number), kind: 'explanation', text: '公告已在三个平台发布。' },
    ]);
    expect(shown.find((f) => f.indicator === 'price_at_ceiling')!.facts.seen).toMatchObject({ percent: 99 });
    expect(rollup(unionId)).toBe(before.county + 3);
    expect(rollup(parent)).toBe(before.city + 3);
  });

  it('are recomputed when the union changes a threshold', async () => {
    const id = lateSingleBidAtCeiling();
    const admin = await viewerFor('admin@demo.gonghui.cn');
    const settings = {
      riskCeilingPercent: 98,
      riskLateBidMinutes: 60,
      riskConcentrationPercent: 40,
      riskWinStreak: 3,
      riskSplitDays: 90,
      riskGrowthPercent: 20,
      riskScoreGap: 25,
    };
    expect(() => setRiskSettings(commissioner, unionId, settings)).toThrow();
    db.update(unions).set({ minBiddingDays: 5 }).where(eq(unions.id, unionId)).run();
    setRiskSettings(admin, unionId, settings);
    expect(flagsOf('tender', id)).toEqual(['short_period', 'single_bid']);
    db.update(unions).set({ minBiddingDays: 0 }).where(eq(unions.id, unionId)).run();
    setRiskSettings(admin, unionId, settings);
    expect(flagsOf('tender', id)).toEqual(['single_bid']);
  });
});

describe('the dashboards', () => {
  it('roll the open flags up to every union above, from a few rollup rows', async () => {
    const t = (await getT('zh-CN')) as unknown as TFunction;
    const year = shanghaiYear(now());
    const city = db.select().from(unions).where(eq(unions.id, unionId)).get()!.parentId!;
    for (const root of [unionId, city]) {
      const expected = sqlite
        .prepare(
          `select indicator, count(*) as flags, sum(value_fen) as valueFen from risk_flags
           where cleared_at is null and year = ? and union_id in
             (with recursive sub(id) as (select ? union select u.id from unions u join sub on u.parent_id = sub.id) select id from sub)
           group by indicator`,
        )
        .all(year, root) as { indicator: RiskIndicator; flags: number; valueFen: number }[];
      expect(expected.length).toBeGreaterThan(0);
      const report = buildReport({ id: root, name: '' }, { year, granularity: 'month' }, t);
      expect(report.tables.risk).toEqual(
        riskIndicators.flatMap((indicator) => {
          const row = expected.find((e) => e.indicator === indicator);
          return row ? [{ label: t(`risk.indicators.${indicator}`), flags: row.flags, valueFen: row.valueFen }] : [];
        }),
      );
    }
  });
});

describe('responses', () => {
  it('are recorded by a commissioner or an auditor, audited and shown with the flag', () => {
    const id = lateSingleBidAtCeiling();
    const flag = db.select().from(riskFlags).where(eq(riskFlags.subjectId, id)).get()!;
    expect(() => respondToFlag(leadership, flag.id, { kind: 'concern', text: '请说明' })).toThrow();
    respondToFlag(auditor, flag.id, { kind: 'concern', text: '仅一家投标，需说明公告范围。' });
    respondToFlag(commissioner, flag.id, { kind: 'explanation', text: '公告已在三个平台发布。' });
    const view = requireFlag(leadership, flag.id);
    expect(view.responses.map((r) => [r.kind, r.by])).toEqual([
      ['concern', '经审委员'],
      ['explanation', '陈雅琴'],
    ]);
    expect(view.canRespond).toBe(false);
    expect(requireFlag(auditor, flag.id).canRespond).toBe(true);
    const trail = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'risk_flag'), eq(auditLog.subjectId, flag.id)))
      .all();
    expect(trail.map((a) => [a.action, a.unionId])).toEqual([
      ['riskFlag.concern', unionId],
      ['riskFlag.explanation', unionId],
    ]);
  });
});

describe('a contract’s flags', () => {
  it('flag an amendment raising the value by more than the set share', () => {
    const id = lateSingleBidAtCeiling();
    awardTheOnlyBid(id);
    advanceHours(25);
    runClock();
    const row = db.select().from(contracts).where(eq(contracts.tenderId, id)).get()!;
    issueContract(commissioner, row.id, { signingPercent: 30, sessionsPercent: 0 });
    confirmContract(legal, row.id);
    const amend = (amount: number) =>
      amendContract(commissioner, row.id, { amount, sessions: 10, minWorkerVisits: 300, rationale: '增加场次。' });
    amend(5_940_000);
    expect(flagsOf('contract', row.id)).not.toContain('contract_growth');
    amend(5_940_001);
    expect(flagsOf('contract', row.id)).toContain('contract_growth');
  });
});

describe('direct commissions', () => {
  it('flag split purchases: two to one organization within the period above the threshold', async () => {
    const lecture = db.select().from(offerings).where(eq(offerings.title, '心理知识讲座')).get()!;
    db.update(unions).set({ directCommissionLimitFen: 1_000_000 }).where(eq(unions.id, unionId)).run();
    const order = () =>
      requestCommission(commissioner, lecture.id, {
        unionId,
        sessions: 3,
        periodStart: '2030-03-01',
        periodEnd: '2030-06-30',
        note: '',
      });
    order();
    const second = order();
    expect(flagsOf('commission', second)).toEqual(['split_purchase']);
  });
});
