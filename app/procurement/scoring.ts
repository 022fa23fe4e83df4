import { scoredCriteria, type Criterion } from './machine';

export type ScoreRow = { bidId: number; reviewerId: number; criterion: Criterion; score: number };
type Scored = (typeof scoredCriteria)[number];

/** The lowest valid price earns the full price weight; others earn lowest/price × weight. */
export function priceScore(priceFen: number, lowestFen: number, weight: number) {
  return (lowestFen / priceFen) * weight;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function weightedParts(priceFen: number, lowest: number, weights: Record<Criterion, number>) {
  return { price: priceScore(priceFen, lowest, weights.price), plan: 0, team: 0, track_record: 0 };
}

/**
 * Ranks bids. Price is computed; each other criterion is a reviewer's 0–100 score scaled by the
 * criterion's weight. Every reviewer's own total is shown beside the mean, and the ranking uses
 * the mean: for each criterion, the mean of the reviewers who scored it (0 if nobody has).
 * Equal totals share a rank; the lower price is listed first.
 */
export function rankBids(
  bids: { id: number; priceFen: number }[],
  scores: ScoreRow[],
  weights: Record<Criterion, number>,
) {
  const lowest = Math.min(...bids.map((b) => b.priceFen));
  const reviewerIds = [...new Set(scores.map((s) => s.reviewerId))].sort((a, b) => a - b);
  const ranked = bids.map((bid) => {
    const mine = scores.filter((s) => s.bidId === bid.id);
    const parts = weightedParts(bid.priceFen, lowest, weights);
    const means: Record<Scored, number | null> = { plan: null, team: null, track_record: null };
    for (const criterion of scoredCriteria) {
      const given = mine.filter((s) => s.criterion === criterion).map((s) => s.score);
      if (!given.length) continue;
      means[criterion] = given.reduce((a, b) => a + b, 0) / given.length;
      parts[criterion] = (means[criterion] / 100) * weights[criterion];
    }
    const reviewers = reviewerIds
      .filter((reviewerId) => mine.some((s) => s.reviewerId === reviewerId))
      .map((reviewerId) => {
        const given = Object.fromEntries(
          scoredCriteria.map((c) => [
            c,
            mine.find((s) => s.reviewerId === reviewerId && s.criterion === c)?.score ?? null,
          ]),
        ) as Record<Scored, number | null>;
        const total = parts.price + scoredCriteria.reduce((sum, c) => sum + ((given[c] ?? 0) / 100) * weights[c], 0);
        return { reviewerId, scores: given, total: round2(total) };
      });
    const total = parts.price + parts.plan + parts.team + parts.track_record;
    return { bidId: bid.id, priceFen: bid.priceFen, parts, means, reviewers, total: round2(total), rank: 0 };
  });
  ranked.sort((a, b) => b.total - a.total || a.priceFen - b.priceFen);
  for (const r of ranked) r.rank = 1 + ranked.filter((other) => other.total > r.total).length;
  return ranked;
}
export type RankedBid = ReturnType<typeof rankBids>[number];
