import type { Criterion } from './machine';

export type ScoreRow = { bidId: number; reviewerId: number; criterion: Criterion; score: number };

/** The lowest valid price earns the full price weight; others earn lowest/price × weight. */
export function priceScore(priceFen: number, lowestFen: number, weight: number) {
  return (lowestFen / priceFen) * weight;
}

/**
 * Ranks bids: price is computed, the other criteria are the reviewers' mean (0–100) scaled by
 * the criterion's weight. Bids with no reviewer score for a criterion get 0 for it.
 */
export function rankBids(
  bids: { id: number; priceFen: number }[],
  scores: ScoreRow[],
  weights: Record<Criterion, number>,
) {
  const lowest = Math.min(...bids.map((b) => b.priceFen));
  const ranked = bids.map((bid) => {
    const parts: Record<Criterion, number> = {
      price: priceScore(bid.priceFen, lowest, weights.price),
      plan: 0,
      team: 0,
      track_record: 0,
    };
    for (const criterion of ['plan', 'team', 'track_record'] as const) {
      const given = scores.filter((s) => s.bidId === bid.id && s.criterion === criterion).map((s) => s.score);
      if (given.length) parts[criterion] = (given.reduce((a, b) => a + b, 0) / given.length / 100) * weights[criterion];
    }
    const total = parts.price + parts.plan + parts.team + parts.track_record;
    return { bidId: bid.id, parts, total: Math.round(total * 100) / 100 };
  });
  return ranked.sort((a, b) => b.total - a.total);
}
