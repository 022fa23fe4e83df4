import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contracts, evaluations, objections as objectionRows, organizationMembers } from '../../db/schema';
import { answerObjection, awardNotice, fileObjection, ownScores, proposeAward } from './award.server';
import { openBids, submitBid } from './bids.server';
import { assignReviewer, declareConflicts, evaluationView, removeReviewer, scoreBid } from './evaluation.server';
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
import { refusal } from '../../tests/support/refused';

let commissioner: Viewer;
let reviewer: Viewer;
const bidders: Record<'legal' | 'psych' | 'mediation', { viewer: Viewer; org: { id: number; name: string } }> =
  {} as never;

beforeAll(async () => {
  await seedCounty();
  commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  reviewer = await viewerFor('reviewer@demo.gonghui.cn');
  for (const key of ['legal', 'psych', 'mediation'] as const) {
    const email = `${key}@demo.gonghui.cn`;
    bidders[key] = { viewer: await viewerFor(email), org: organizationOf(email) };
  }
});
afterEach(resetClock);

const prices = { legal: 4_000_000, psych: 4_500_000, mediation: 4_800_000 };

/** A tender with bids from the three organizations, closed by the clock; the reviewer sits on the panel. */
function closedTender(objectionDays = 3) {
  const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2), objectionDays }));
  assignReviewer(commissioner, id, reviewer.id);
  for (const key of ['legal', 'psych', 'mediation'] as const)
    submitBid(bidders[key].viewer, id, bidders[key].org.id, { priceFen: prices[key], plan: `${key} 的方案`, team: '' });
  advanceHours(3);
  runClock();
  return id;
}

const bidOf = (tenderId: number, key: keyof typeof bidders) =>
  openBids(commissioner, requireTender(tenderId)).find((b) => b.organizationId === bidders[key].org.id)!;

const scores = (bidId: number, score: number) => ({
  bidId,
  plan: score,
  team: score,
  track_record: score,
  plan_comment: '方案清楚',
  team_comment: '',
  track_record_comment: '',
});

/** Both panel members declare no conflict and score all bids, legal best. */
function scoreAll(tenderId: number) {
  for (const member of [commissioner, reviewer]) {
    declareConflicts(member, tenderId, []);
    scoreBid(member, tenderId, scores(bidOf(tenderId, 'legal').id, 90));
    scoreBid(member, tenderId, scores(bidOf(tenderId, 'psych').id, 80));
    scoreBid(member, tenderId, scores(bidOf(tenderId, 'mediation').id, 70));
  }
}

describe('the review panel', () => {
  it('is assigned by the commissioner; only panel members and commissioners open the bids', async () => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2) }));
    submitBid(bidders.legal.viewer, id, bidders.legal.org.id, { priceFen: 1, plan: 'x', team: '' });
    advanceHours(3);
    runClock();
    const rights = await viewerFor('rights@demo.gonghui.cn');
    // The union's reviewer, not on the panel yet, is told who chooses it.
    expect(refusal(() => openBids(reviewer, requireTender(id)))).toBe('procurement.errors.notOnPanel');
    expect(await refusal(async () => openBids(await viewerFor('finance@demo.gonghui.cn'), requireTender(id)))).toBe(
      403,
    );
    expect(refusal(() => assignReviewer(reviewer, id, reviewer.id))).toBe(403);
    assignReviewer(commissioner, id, reviewer.id);
    expect(openBids(reviewer, requireTender(id))).toHaveLength(1);
    expect(openBids(rights, requireTender(id))).toHaveLength(1); // a commissioner of the union
    expect(refusal(() => assignReviewer(commissioner, id, bidders.legal.viewer.id))).toBe(
      'procurement.errors.notReviewer',
    );
  });

  it('declares conflicts before scoring, once', () => {
    const id = closedTender();
    expect(refusal(() => scoreBid(reviewer, id, scores(bidOf(id, 'legal').id, 80)))).toBe(
      'procurement.errors.declareFirst',
    );
    expect(evaluationView(reviewer, id).toScore).toEqual([]);
    expect(evaluationView(reviewer, id).ranking).toEqual([]);
    declareConflicts(reviewer, id, [bidders.psych.org.id]);
    expect(requireTender(id).state).toBe('evaluating');
    expect(refusal(() => declareConflicts(reviewer, id, []))).toBe('procurement.errors.alreadyDeclared');
  });

  it('refuses a reviewer who declared a conflict with the bidder, and hides that bid from them', () => {
    const id = closedTender();
    declareConflicts(reviewer, id, [bidders.psych.org.id]);
    expect(refusal(() => scoreBid(reviewer, id, scores(bidOf(id, 'psych').id, 80)))).toBe('errors.conflictOfInterest');
    expect(evaluationView(reviewer, id).toScore.map((b) => b.organizationId)).not.toContain(bidders.psych.org.id);
    scoreBid(reviewer, id, scores(bidOf(id, 'legal').id, 80));
  });

  it('refuses a reviewer who belongs to the bidding organization, declared or not', async () => {
    const id = closedTender();
    db.insert(organizationMembers)
      .values({ organizationId: bidders.mediation.org.id, userId: reviewer.id, role: 'member' })
      .run();
    try {
      const member = await viewerFor('reviewer@demo.gonghui.cn');
      declareConflicts(member, id, []);
      expect(refusal(() => scoreBid(member, id, scores(bidOf(id, 'mediation').id, 99)))).toBe(
        'errors.conflictOfInterest',
      );
    } finally {
      db.delete(organizationMembers).where(eq(organizationMembers.userId, reviewer.id)).run();
    }
  });

  it('keeps a reviewer who has scored', () => {
    const id = closedTender();
    declareConflicts(reviewer, id, []);
    scoreBid(reviewer, id, scores(bidOf(id, 'legal').id, 80));
    expect(refusal(() => removeReviewer(commissioner, id, reviewer.id))).toBe('procurement.errors.reviewerHasScored');
  });

  it('is proposed a track-record score from the organization’s latest platform evaluation', () => {
    db.insert(evaluations)
      .values({
        organizationId: bidders.legal.org.id,
        basis: 'review',
        model: { weights: {}, thresholds: [] },
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        score: 88,
        grade: 'good',
        indicators: { completion: 0.9 },
      })
      .run();
    const id = closedTender();
    declareConflicts(reviewer, id, []);
    const legal = evaluationView(reviewer, id).toScore.find((b) => b.organizationId === bidders.legal.org.id)!;
    expect(legal.proposedTrackRecord).toEqual({ score: 88, grade: 'good' });
  });

  it('ranks by the mean of the reviewers with per-reviewer totals', () => {
    const id = closedTender();
    scoreAll(id);
    const { ranking } = evaluationView(commissioner, id);
    expect(ranking.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(ranking[0]!.bidId).toBe(bidOf(id, 'legal').id);
    expect(ranking[0]!.reviewers).toHaveLength(2);
    // legal: lowest price (30) + 0.9 × 70
    expect(ranking[0]!.total).toBe(93);
  });
});

describe('the award', () => {
  it('waits for the whole panel and goes to the top-ranked bid', () => {
    const id = closedTender();
    declareConflicts(commissioner, id, []);
    for (const key of ['legal', 'psych', 'mediation'] as const)
      scoreBid(commissioner, id, scores(bidOf(id, key).id, 80));
    expect(refusal(() => proposeAward(commissioner, id, bidOf(id, 'legal').id))).toBe(
      'procurement.errors.panelNotDone',
    );
    declareConflicts(reviewer, id, []);
    for (const key of ['legal', 'psych', 'mediation'] as const) scoreBid(reviewer, id, scores(bidOf(id, key).id, 80));
    expect(refusal(() => proposeAward(commissioner, id, bidOf(id, 'psych').id))).toBe(
      'procurement.errors.notTopRanked',
    );
    expect(refusal(() => proposeAward(reviewer, id, bidOf(id, 'legal').id))).toBe(403);
    expect(proposeAward(commissioner, id, bidOf(id, 'legal').id)).toBeNull();
    expect(requireTender(id).state).toBe('award_proposed');
  });

  it('is published with its scores, and each losing bidder sees its own', () => {
    const id = closedTender();
    expect(ownScores(bidders.psych.viewer, requireTender(id), bidders.psych.org.id)).toBeNull();
    scoreAll(id);
    expect(ownScores(bidders.psych.viewer, requireTender(id), bidders.psych.org.id)).toBeNull();
    proposeAward(commissioner, id, bidOf(id, 'legal').id);
    const notice = awardNotice(requireTender(id))!;
    expect(notice).toMatchObject({ organizationName: bidders.legal.org.name, priceFen: prices.legal, total: 93 });
    const own = ownScores(bidders.psych.viewer, requireTender(id), bidders.psych.org.id)!;
    expect(own.rank).toBe(2);
    expect(own.reviewers.map((r) => r.number)).toEqual([1, 2]);
    expect(own.reviewers[0]!.scores).toContainEqual({ criterion: 'plan', score: 80, comment: '方案清楚' });
    expect(refusal(() => ownScores(bidders.legal.viewer, requireTender(id), bidders.psych.org.id))).toBe(403);
  });

  it('becomes final at the end of the objection period by the clock, drafting the contract', () => {
    const id = closedTender(3);
    scoreAll(id);
    proposeAward(commissioner, id, bidOf(id, 'legal').id);
    advanceHours(71);
    runClock();
    expect(requireTender(id).state).toBe('award_proposed');
    advanceHours(2);
    runClock();
    expect(requireTender(id).state).toBe('awarded');
    const contract = db.select().from(contracts).where(eq(contracts.tenderId, id)).get()!;
    expect(contract).toMatchObject({ state: 'draft', amountFen: prices.legal, organizationId: bidders.legal.org.id });
  });

  it('with no objection period is final at once and the contract issued', () => {
    const id = closedTender(0);
    scoreAll(id);
    const contractId = proposeAward(commissioner, id, bidOf(id, 'legal').id)!;
    expect(requireTender(id).state).toBe('awarded');
    expect(db.select().from(contracts).where(eq(contracts.id, contractId)).get()!.state).toBe('pending');
  });
});

describe('objections', () => {
  it('are filed by losing bidders during the period and hold the award until answered', () => {
    const id = closedTender(3);
    scoreAll(id);
    proposeAward(commissioner, id, bidOf(id, 'legal').id);
    expect(refusal(() => fileObjection(bidders.legal.viewer, id, bidders.legal.org.id, '我中标了'))).toBe(
      'procurement.errors.notALosingBidder',
    );
    fileObjection(bidders.psych.viewer, id, bidders.psych.org.id, '我方团队评分偏低，请复核。');
    advanceHours(80);
    runClock();
    expect(requireTender(id).state).toBe('award_proposed');
    expect(refusal(() => fileObjection(bidders.mediation.viewer, id, bidders.mediation.org.id, '太晚'))).toBe(
      'procurement.errors.objectionPeriodOver',
    );
    const objectionId = db.select().from(objectionRows).all().at(-1)!.id;
    expect(refusal(() => answerObjection(reviewer, objectionId, { decision: 'dismiss', answer: 'x' }))).toBe(403);
    const contractId = answerObjection(commissioner, objectionId, {
      decision: 'dismiss',
      answer: '经复核，评分无误。',
    });
    expect(contractId).toBeTypeOf('number');
    expect(requireTender(id).state).toBe('awarded');
  });

  it('when upheld withdraw the award and return the tender to evaluation', () => {
    const id = closedTender(3);
    scoreAll(id);
    proposeAward(commissioner, id, bidOf(id, 'legal').id);
    fileObjection(bidders.psych.viewer, id, bidders.psych.org.id, '中标单位资格存疑。');
    fileObjection(bidders.mediation.viewer, id, bidders.mediation.org.id, '同样存疑。');
    const [first, second] = db.select().from(objectionRows).all().slice(-2);
    answerObjection(commissioner, first!.id, { decision: 'uphold', answer: '异议成立，重新评审。' });
    expect(requireTender(id)).toMatchObject({ state: 'evaluating', awardedBidId: null });
    const closed = db.select().from(objectionRows).where(eq(objectionRows.id, second!.id)).get()!;
    expect(closed).toMatchObject({ state: 'upheld', answer: '异议成立，重新评审。' });
  });
});
