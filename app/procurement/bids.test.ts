import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bids, evaluations, notifications } from '../../db/schema';
import { requireOwnBid, openBids, saveBidDraft, submitBid, withdrawBid } from './bids.server';
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
import { databasePath, db, sqlite } from '~/lib/db.server';
import { refusal } from '../../tests/support/refused';

let commissioner: Viewer;
let legal: Viewer;
let legalOrg: { id: number; name: string };

beforeAll(async () => {
  await seedCounty();
  commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  legal = await viewerFor('legal@demo.gonghui.cn');
  legalOrg = organizationOf('legal@demo.gonghui.cn');
});
afterEach(resetClock);

const content = (plan: string, priceFen = 4_000_000) => ({ priceFen, plan, team: '律师 8 名' });

describe('sealed bids', () => {
  it('are drafted, submitted, withdrawn and resubmitted until the deadline', () => {
    const id = createTender(commissioner, tenderInput());
    saveBidDraft(legal, id, legalOrg.id, content('草稿方案'));
    expect(requireOwnBid(legal, id, legalOrg.id)).toMatchObject({ state: 'draft', content: { plan: '草稿方案' } });
    submitBid(legal, id, legalOrg.id, content('第一版方案'));
    withdrawBid(legal, id, legalOrg.id);
    expect(requireOwnBid(legal, id, legalOrg.id)!.state).toBe('withdrawn');
    const receipt = submitBid(legal, id, legalOrg.id, content('第二版方案'));
    const resubmitted = submitBid(legal, id, legalOrg.id, content('第三版方案'));
    expect(requireOwnBid(legal, id, legalOrg.id)).toMatchObject({
      state: 'submitted',
      content: { plan: '第三版方案' },
    });
    expect(resubmitted.receipt).not.toBe(receipt.receipt);
  });

  it('give the bidder a receipt: a keyed hash of the content and the server’s time, on its page and as a notification', () => {
    const id = createTender(commissioner, tenderInput());
    const receipt = submitBid(legal, id, legalOrg.id, content('收据方案'));
    const canonical = JSON.stringify({ priceFen: 4_000_000, plan: '收据方案', team: '律师 8 名' });
    expect(receipt.receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt.receipt).not.toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(requireOwnBid(legal, id, legalOrg.id)!.receipt).toBe(receipt.receipt);
    const notice = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, legal.id), eq(notifications.template, 'bid_receipt')))
      .all()
      .find((n) => n.data.receipt === receipt.receipt);
    expect(notice?.data.submittedAt).toBe(receipt.submittedAt.toISOString());
    expect(notice?.sealedTenderId).toBe(id);
  });

  it('are refused after the deadline by the server’s clock, even before the clock has closed the tender', () => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(1) }));
    advanceHours(2);
    expect(requireTender(id).state).toBe('published');
    expect(() => submitBid(legal, id, legalOrg.id, content('迟到的方案'))).toThrow('errors.biddingClosed');
    expect(() => saveBidDraft(legal, id, legalOrg.id, content('迟到的草稿'))).toThrow('errors.biddingClosed');
  });

  it('cannot exceed the budget ceiling', () => {
    const id = createTender(commissioner, tenderInput({ budget: 1_000_000 }));
    expect(() => submitBid(legal, id, legalOrg.id, content('太贵', 1_000_001))).toThrow(
      'procurement.errors.overBudget',
    );
  });

  it('are only for members of the bidding organization', async () => {
    const id = createTender(commissioner, tenderInput());
    const psych = await viewerFor('psych@demo.gonghui.cn');
    expect(refusal(() => submitBid(psych, id, legalOrg.id, content('冒名')))).toBe(403);
    expect(refusal(() => requireOwnBid(commissioner, id, legalOrg.id))).toBe(403);
  });

  it('cannot be opened by the union before the deadline, and can after it', () => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(1) }));
    submitBid(legal, id, legalOrg.id, content('开标前保密'));
    expect(refusal(() => openBids(commissioner, requireTender(id)))).toBe('procurement.errors.bidsOpenAt');
    advanceHours(2);
    expect(refusal(() => openBids(commissioner, requireTender(id)))).toBe(403); // not yet closed by the clock
    runClock();
    expect(openBids(commissioner, requireTender(id)).map((b) => b.content.plan)).toEqual(['开标前保密']);
  });

  it('are stored encrypted: the database file does not contain the plan text', () => {
    const plan = `只有投标人知道的方案 ${Math.random().toString(36).slice(2)}`;
    const id = createTender(commissioner, tenderInput());
    submitBid(legal, id, legalOrg.id, content(plan));
    const row = db.select().from(bids).where(eq(bids.tenderId, id)).get()!;
    expect(row.sealed).not.toContain(plan);
    const needle = Buffer.from(plan, 'utf8');
    for (const file of [databasePath(), `${databasePath()}-wal`].filter((f) => existsSync(f)))
      expect(readFileSync(file).includes(needle), file).toBe(false);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(databasePath()).includes(needle)).toBe(false);
    expect(readFileSync(databasePath()).includes(Buffer.from(row.sealed.slice(0, 40)))).toBe(true);
  });
});

describe('eligibility', () => {
  it('keeps grassroots teams out of tenders for registered organizations', async () => {
    const id = createTender(commissioner, tenderInput({ eligibility: 'registered' }));
    const volunteer = await viewerFor('community@demo.gonghui.cn');
    const team = organizationOf('community@demo.gonghui.cn');
    expect(() => submitBid(volunteer, id, team.id, content('基层团队'))).toThrow('errors.notEligible');
    expect(submitBid(legal, id, legalOrg.id, content('已登记')).receipt).toHaveLength(64);
  });

  it('admits only incubator residents to residents-only tenders', async () => {
    const id = createTender(commissioner, tenderInput({ eligibility: 'residents' }));
    const psych = await viewerFor('psych@demo.gonghui.cn');
    const psychOrg = organizationOf('psych@demo.gonghui.cn');
    const rescue = await viewerFor('rescue@demo.gonghui.cn');
    const rescueOrg = organizationOf('rescue@demo.gonghui.cn');
    expect(submitBid(psych, id, psychOrg.id, content('在孵')).receipt).toHaveLength(64);
    expect(() => submitBid(rescue, id, rescueOrg.id, content('未入驻'))).toThrow('errors.notEligible');
  });

  it('admits by the latest platform evaluation grade', () => {
    const id = createTender(commissioner, tenderInput({ eligibility: 'min_grade', minGrade: 'good' }));
    const record = (grade: 'excellent' | 'good' | 'pass', score: number) =>
      db
        .insert(evaluations)
        .values({
          organizationId: legalOrg.id,
          basis: 'review',
          model: { weights: {}, thresholds: [] },
          periodStart: '2026-01-01',
          periodEnd: '2026-06-30',
          score,
          grade,
          indicators: {},
          createdAt: new Date(Date.now() + score),
        })
        .run();
    record('pass', 65);
    expect(() => submitBid(legal, id, legalOrg.id, content('合格'))).toThrow('errors.notEligible');
    record('excellent', 92);
    expect(submitBid(legal, id, legalOrg.id, content('优秀')).receipt).toHaveLength(64);
  });
});
