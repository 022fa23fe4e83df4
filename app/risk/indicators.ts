// Each red-flag indicator as a pure function over plain inputs (docs/decisions/115): null when the
// flag is not raised, else the money at stake and the facts its message and its page show.

/** A record behind a flag, linked from its page. */
export type RecordRef = {
  type: 'tender' | 'bid' | 'contract' | 'commission' | 'milestone' | 'event' | 'amendment';
  id: number;
};

/**
 * What a flag shows: `seen` and `threshold` fill its message (keys ending in `Fen` are money, in
 * `At` instants); `variant` picks the message when an indicator has two ways of being raised.
 */
export type Facts = {
  variant?: string;
  seen: Record<string, number | string>;
  threshold: Record<string, number>;
  records: RecordRef[];
};
export type Finding = { valueFen: number; facts: Facts };

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** 1. One submitted bid at the deadline. */
export function singleBid(input: { bidIds: number[]; budgetFen: number }): Finding | null {
  if (input.bidIds.length !== 1) return null;
  return {
    valueFen: input.budgetFen,
    facts: { seen: { bids: 1 }, threshold: { bids: 2 }, records: [{ type: 'bid', id: input.bidIds[0]! }] },
  };
}

/** 2. Published less than the minimum bidding period before the deadline, or a deadline moved earlier. */
export function shortPeriod(input: {
  publishedAt: Date;
  deadlineAt: Date;
  minDays: number;
  budgetFen: number;
  moves: { id: number; before: Date; after: Date }[];
}): Finding | null {
  const span = input.deadlineAt.getTime() - input.publishedAt.getTime();
  const earlier = input.moves.filter((m) => m.after.getTime() < m.before.getTime());
  if (span >= input.minDays * dayMs && !earlier.length) return null;
  return {
    valueFen: input.budgetFen,
    facts: {
      variant: earlier.length ? 'moved' : 'short',
      seen: { days: oneDecimal(span / dayMs), moves: earlier.length },
      threshold: { days: input.minDays },
      records: earlier.map((m) => ({ type: 'amendment', id: m.id })),
    },
  };
}

/** 3. The awarded price is at least `percent`% of the budget ceiling. */
export function priceAtCeiling(input: {
  bidId: number;
  priceFen: number;
  budgetFen: number;
  percent: number;
}): Finding | null {
  if (input.priceFen * 100 < input.budgetFen * input.percent) return null;
  return {
    valueFen: input.priceFen,
    facts: {
      seen: {
        priceFen: input.priceFen,
        budgetFen: input.budgetFen,
        percent: oneDecimal((input.priceFen / input.budgetFen) * 100),
      },
      threshold: { percent: input.percent },
      records: [{ type: 'bid', id: input.bidId }],
    },
  };
}

/** A submitted bid as the award indicators see it: `rejected` when the panel scored it 0 on everything. */
export type PricedBid = { id: number; priceFen: number; rejected: boolean };

function lowestOf(bids: PricedBid[]) {
  return bids.reduce<PricedBid | null>((low, b) => (!low || b.priceFen < low.priceFen ? b : low), null);
}

/** 4. The winner is not the lowest price among the bids the panel did not reject. */
export function lowestPassedOver(input: { winnerId: number; bids: PricedBid[] }): Finding | null {
  const winner = input.bids.find((b) => b.id === input.winnerId);
  const lowest = lowestOf(input.bids.filter((b) => !b.rejected));
  if (!winner || !lowest || lowest.priceFen >= winner.priceFen) return null;
  return {
    valueFen: winner.priceFen,
    facts: {
      seen: {
        priceFen: winner.priceFen,
        lowestFen: lowest.priceFen,
        differenceFen: winner.priceFen - lowest.priceFen,
      },
      threshold: {},
      records: [
        { type: 'bid', id: winner.id },
        { type: 'bid', id: lowest.id },
      ],
    },
  };
}

/** 5. The winning bid was (last) submitted within `minutes` before the deadline. */
export function lateBidWon(input: {
  bidId: number;
  submittedAt: Date;
  deadlineAt: Date;
  minutes: number;
  priceFen: number;
}): Finding | null {
  const before = input.deadlineAt.getTime() - input.submittedAt.getTime();
  if (before >= input.minutes * minuteMs) return null;
  return {
    valueFen: input.priceFen,
    facts: {
      seen: { minutes: Math.floor(before / minuteMs), submittedAt: input.submittedAt.toISOString() },
      threshold: { minutes: input.minutes },
      records: [{ type: 'bid', id: input.bidId }],
    },
  };
}

/** 6. Every bid but the winner rejected, or the lowest bid rejected. */
export function disqualifications(input: { winnerId: number; bids: PricedBid[] }): Finding | null {
  const winner = input.bids.find((b) => b.id === input.winnerId);
  const others = input.bids.filter((b) => b.id !== input.winnerId);
  const rejected = others.filter((b) => b.rejected);
  const lowest = lowestOf(input.bids);
  const allOthers = others.length > 0 && rejected.length === others.length;
  const lowestRejected = lowest !== null && lowest.rejected;
  if (!winner || (!allOthers && !lowestRejected)) return null;
  return {
    valueFen: winner.priceFen,
    facts: {
      variant: allOthers ? 'allOthers' : 'lowest',
      seen: { rejected: rejected.length, bids: input.bids.length, lowestFen: lowest!.priceFen },
      threshold: {},
      records: rejected.map((b) => ({ type: 'bid', id: b.id })),
    },
  };
}

/** 7a. One organization holds more than `percent`% of the union's purchased value in the year. */
export function purchaseShare(input: {
  organizationFen: number;
  totalFen: number;
  percent: number;
  contractIds: number[];
}): Finding | null {
  if (input.totalFen <= 0 || input.organizationFen * 100 <= input.totalFen * input.percent) return null;
  return {
    valueFen: input.organizationFen,
    facts: {
      variant: 'share',
      seen: {
        organizationFen: input.organizationFen,
        totalFen: input.totalFen,
        percent: oneDecimal((input.organizationFen / input.totalFen) * 100),
      },
      threshold: { percent: input.percent },
      records: input.contractIds.map((id) => ({ type: 'contract', id })),
    },
  };
}

/** 7b. The winner has won more than `limit` of the union's awarded tenders in a row (this one last). */
export function winStreak(input: {
  awards: { tenderId: number; organizationId: number }[];
  limit: number;
  valueFen: number;
}): Finding | null {
  const last = input.awards.at(-1);
  if (!last) return null;
  let streak = 0;
  for (let i = input.awards.length - 1; i >= 0 && input.awards[i]!.organizationId === last.organizationId; i--)
    streak++;
  if (streak <= input.limit) return null;
  return {
    valueFen: input.valueFen,
    facts: {
      variant: 'streak',
      seen: { wins: streak },
      threshold: { wins: input.limit },
      records: input.awards.slice(-streak).map((a) => ({ type: 'tender', id: a.tenderId })),
    },
  };
}

/** 8. Direct commissions to one organization within `days` before this one add up to more than the threshold. */
export function splitPurchase(input: {
  commissionId: number;
  commissions: { id: number; amountFen: number; at: Date }[];
  days: number;
  limitFen: number;
}): Finding | null {
  const subject = input.commissions.find((c) => c.id === input.commissionId);
  if (!subject) return null;
  const from = subject.at.getTime() - input.days * dayMs;
  const window = input.commissions.filter((c) => c.at.getTime() >= from && c.at.getTime() <= subject.at.getTime());
  const sumFen = window.reduce((sum, c) => sum + c.amountFen, 0);
  if (window.length < 2 || sumFen <= input.limitFen) return null;
  return {
    valueFen: sumFen,
    facts: {
      seen: { commissions: window.length, sumFen, days: input.days },
      threshold: { thresholdFen: input.limitFen, days: input.days },
      records: window.map((c) => ({ type: 'commission', id: c.id })),
    },
  };
}

/** 9. Amendments raised the value by more than `percent`%, or extended it past its tender's service period. */
export function contractGrowth(input: {
  originalFen: number;
  currentFen: number;
  percent: number;
  periodEnd: string | null;
  tenderPeriodEnd: string | null;
  amendmentIds: number[];
}): Finding | null {
  const grew = (input.currentFen - input.originalFen) * 100 > input.originalFen * input.percent;
  const extended = !!input.periodEnd && !!input.tenderPeriodEnd && input.periodEnd > input.tenderPeriodEnd;
  if (!grew && !extended) return null;
  return {
    valueFen: input.currentFen,
    facts: {
      variant: grew ? 'value' : 'period',
      seen: {
        originalFen: input.originalFen,
        currentFen: input.currentFen,
        percent: oneDecimal(((input.currentFen - input.originalFen) / input.originalFen) * 100),
        periodEnd: input.periodEnd ?? '',
        tenderPeriodEnd: input.tenderPeriodEnd ?? '',
      },
      threshold: { percent: input.percent },
      records: input.amendmentIds.map((id) => ({ type: 'amendment', id })),
    },
  };
}

/**
 * 10. A reviewer's score of the winner on a criterion is more than `gap` points (of 100) from the
 * mean of the other reviewers' scores; the widest such gap is shown. Reviewers are numbered, not named.
 */
export function scoringOutlier(input: {
  bidId: number;
  scores: { reviewer: number; criterion: string; score: number }[];
  gap: number;
  priceFen: number;
}): Finding | null {
  let widest: { reviewer: number; criterion: string; score: number; othersMean: number; gap: number } | null = null;
  for (const s of input.scores) {
    const others = input.scores.filter((o) => o.criterion === s.criterion && o.reviewer !== s.reviewer);
    if (!others.length) continue;
    const othersMean = others.reduce((sum, o) => sum + o.score, 0) / others.length;
    const gap = Math.abs(s.score - othersMean);
    if (gap > input.gap && (!widest || gap > widest.gap)) widest = { ...s, othersMean, gap };
  }
  if (!widest) return null;
  return {
    valueFen: input.priceFen,
    facts: {
      seen: {
        reviewer: widest.reviewer,
        criterion: widest.criterion,
        score: widest.score,
        othersMean: oneDecimal(widest.othersMean),
        gap: oneDecimal(widest.gap),
      },
      threshold: { gap: input.gap },
      records: [{ type: 'bid', id: input.bidId }],
    },
  };
}

/**
 * 11. A paid milestone while sessions counted for the contract rest on no verified check-in, or the
 * contract paid in full with fewer sessions or worker-visits than contracted.
 */
export function deliveryGap(input: {
  paidMilestoneIds: number[];
  eventsWithoutCheckins: number[];
  paidInFull: boolean;
  sessionsDelivered: number;
  sessions: number;
  workerVisits: number;
  minWorkerVisits: number;
  amountFen: number;
}): Finding | null {
  const unverified = input.paidMilestoneIds.length > 0 && input.eventsWithoutCheckins.length > 0;
  const short =
    input.paidInFull && (input.sessionsDelivered < input.sessions || input.workerVisits < input.minWorkerVisits);
  if (!unverified && !short) return null;
  return {
    valueFen: input.amountFen,
    facts: {
      variant: short ? 'short' : 'unverified',
      seen: {
        events: input.eventsWithoutCheckins.length,
        sessionsDelivered: input.sessionsDelivered,
        workerVisits: input.workerVisits,
      },
      threshold: { sessions: input.sessions, workerVisits: input.minWorkerVisits },
      records: [
        ...input.paidMilestoneIds.map((id) => ({ type: 'milestone' as const, id })),
        ...input.eventsWithoutCheckins.map((id) => ({ type: 'event' as const, id })),
      ],
    },
  };
}
