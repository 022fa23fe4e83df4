import { describe, expect, it } from 'vitest';
import { priceScore, rankBids, type ScoreRow } from './scoring';

const weights = { price: 30, plan: 40, team: 20, track_record: 10 };

describe('priceScore', () => {
  it('gives the lowest valid price the full weight', () => {
    expect(priceScore(40_000_00, 40_000_00, 30)).toBe(30);
  });

  it('gives others lowest / price × weight', () => {
    expect(priceScore(50_000_00, 40_000_00, 30)).toBeCloseTo(24);
    expect(priceScore(80_000_00, 40_000_00, 30)).toBeCloseTo(15);
    expect(priceScore(15_360_000, 15_360_000, 30) - priceScore(16_640_000, 15_360_000, 30)).toBeCloseTo(
      30 - (15_360_000 / 16_640_000) * 30,
    );
  });
});

describe('rankBids', () => {
  const scores: ScoreRow[] = [
    // Reviewer 7 and reviewer 8 score bid 1; only reviewer 7 scores bid 2.
    { bidId: 1, reviewerId: 7, criterion: 'plan', score: 90 },
    { bidId: 1, reviewerId: 7, criterion: 'team', score: 80 },
    { bidId: 1, reviewerId: 7, criterion: 'track_record', score: 70 },
    { bidId: 1, reviewerId: 8, criterion: 'plan', score: 70 },
    { bidId: 1, reviewerId: 8, criterion: 'team', score: 60 },
    { bidId: 1, reviewerId: 8, criterion: 'track_record', score: 50 },
    { bidId: 2, reviewerId: 7, criterion: 'plan', score: 100 },
    { bidId: 2, reviewerId: 7, criterion: 'team', score: 100 },
    { bidId: 2, reviewerId: 7, criterion: 'track_record', score: 100 },
  ];

  it('computes the price score and averages the reviewers per criterion', () => {
    const [first, second] = rankBids(
      [
        { id: 1, priceFen: 40_000_00 },
        { id: 2, priceFen: 50_000_00 },
      ],
      scores,
      weights,
    );
    // Bid 2: 24 (price) + 40 + 20 + 10 = 94; bid 1: 30 + 0.8×40 + 0.7×20 + 0.6×10 = 82.
    expect(first!.bidId).toBe(2);
    expect(first!.total).toBe(94);
    expect(second!.total).toBe(82);
    expect(second!.means).toEqual({ plan: 80, team: 70, track_record: 60 });
    expect(second!.rank).toBe(2);
  });

  it("shows each reviewer's own total beside the mean", () => {
    const bid1 = rankBids([{ id: 1, priceFen: 40_000_00 }], scores, weights)[0]!;
    expect(bid1.reviewers).toEqual([
      { reviewerId: 7, scores: { plan: 90, team: 80, track_record: 70 }, total: 30 + 36 + 16 + 7 },
      { reviewerId: 8, scores: { plan: 70, team: 60, track_record: 50 }, total: 30 + 28 + 12 + 5 },
    ]);
    expect(bid1.total).toBe((89 + 75) / 2);
  });

  it('gives equal totals the same rank and lists the lower price first', () => {
    const ranked = rankBids(
      [
        { id: 1, priceFen: 100 },
        { id: 2, priceFen: 100 },
      ],
      [],
      weights,
    );
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
  });
});
