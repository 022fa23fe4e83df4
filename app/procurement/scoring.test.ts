import { describe, expect, it } from 'vitest';
import { priceScore, rankBids } from './scoring';

const weights = { price: 30, plan: 40, team: 20, track_record: 10 };

describe('price score', () => {
  it('gives the lowest price the full weight and others lowest/price × weight', () => {
    expect(priceScore(40_000_00, 40_000_00, 30)).toBe(30);
    expect(priceScore(50_000_00, 40_000_00, 30)).toBe(24);
  });
});

describe('ranking', () => {
  it('adds the price score to reviewers’ mean scores scaled by weight', () => {
    const ranked = rankBids(
      [
        { id: 1, priceFen: 40_000_00 },
        { id: 2, priceFen: 50_000_00 },
      ],
      [
        { bidId: 1, reviewerId: 7, criterion: 'plan', score: 90 },
        { bidId: 1, reviewerId: 8, criterion: 'plan', score: 70 },
        { bidId: 1, reviewerId: 7, criterion: 'team', score: 85 },
        { bidId: 1, reviewerId: 7, criterion: 'track_record', score: 80 },
        { bidId: 2, reviewerId: 7, criterion: 'plan', score: 100 },
        { bidId: 2, reviewerId: 7, criterion: 'team', score: 100 },
        { bidId: 2, reviewerId: 7, criterion: 'track_record', score: 100 },
      ],
      weights,
    );
    // Bid 2: 24 + 40 + 20 + 10 = 94; bid 1: 30 + 0.8 × 40 + 0.85 × 20 + 0.8 × 10 = 87.
    expect(ranked.map((r) => [r.bidId, r.total])).toEqual([
      [2, 94],
      [1, 87],
    ]);
  });
});
