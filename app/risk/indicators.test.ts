import { describe, expect, it } from 'vitest';
import {
  contractGrowth,
  deliveryGap,
  disqualifications,
  lateBidWon,
  lowestPassedOver,
  priceAtCeiling,
  purchaseShare,
  scoringOutlier,
  shortPeriod,
  singleBid,
  splitPurchase,
  winStreak,
} from './indicators';

// Each indicator just under and just over its threshold (docs/decisions/115).
const day = 24 * 3600_000;
const t0 = new Date('2026-06-01T02:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('1. single bid', () => {
  it('flags one submitted bid, not two or none', () => {
    expect(singleBid({ bidIds: [7], budgetFen: 100 })?.facts.records).toEqual([{ type: 'bid', id: 7 }]);
    expect(singleBid({ bidIds: [7, 8], budgetFen: 100 })).toBeNull();
    expect(singleBid({ bidIds: [], budgetFen: 100 })).toBeNull();
  });
});

describe('2. short bidding period', () => {
  const base = { publishedAt: t0, minDays: 5, budgetFen: 100, moves: [] };
  it('flags a period a minute shorter than the minimum, not the minimum itself', () => {
    expect(shortPeriod({ ...base, deadlineAt: later(5 * day - 60_000) })?.facts.variant).toBe('short');
    expect(shortPeriod({ ...base, deadlineAt: later(5 * day) })).toBeNull();
  });
  it('flags a deadline moved earlier by a minute, not one moved later', () => {
    const deadlineAt = later(10 * day);
    const moved = (after: Date) => [{ id: 3, before: later(11 * day), after }];
    expect(shortPeriod({ ...base, deadlineAt, moves: moved(later(11 * day - 60_000)) })?.facts).toMatchObject({
      variant: 'moved',
      records: [{ type: 'amendment', id: 3 }],
    });
    expect(shortPeriod({ ...base, deadlineAt, moves: moved(later(11 * day)) })).toBeNull();
  });
});

describe('3. price at the ceiling', () => {
  const at = (priceFen: number) => priceAtCeiling({ bidId: 1, priceFen, budgetFen: 100_000, percent: 98 });
  it('flags 98% of the budget and above, not a fen below', () => {
    expect(at(98_000)?.facts.seen.percent).toBe(98);
    expect(at(97_999)).toBeNull();
    expect(at(100_000)?.valueFen).toBe(100_000);
  });
});

describe('4. lowest price passed over', () => {
  it('flags a winner a fen above the lowest compliant price, not an equal price', () => {
    const bids = (other: number) => [
      { id: 1, priceFen: 50_000, rejected: false },
      { id: 2, priceFen: other, rejected: false },
    ];
    expect(lowestPassedOver({ winnerId: 1, bids: bids(49_999) })?.facts.seen.differenceFen).toBe(1);
    expect(lowestPassedOver({ winnerId: 1, bids: bids(50_000) })).toBeNull();
  });
  it('leaves out a lower bid the panel rejected', () => {
    const bids = [
      { id: 1, priceFen: 50_000, rejected: false },
      { id: 2, priceFen: 40_000, rejected: true },
    ];
    expect(lowestPassedOver({ winnerId: 1, bids })).toBeNull();
  });
});

describe('5. late bid won', () => {
  const at = (submittedAt: Date) =>
    lateBidWon({ bidId: 1, submittedAt, deadlineAt: later(day), minutes: 60, priceFen: 1 });
  it('flags a winning bid submitted 59 minutes before the deadline, not 60', () => {
    expect(at(later(day - 59 * 60_000))?.facts.seen.minutes).toBe(59);
    expect(at(later(day - 60 * 60_000))).toBeNull();
  });
});

describe('6. disqualifications', () => {
  it('flags every other bid rejected, not one of two others', () => {
    const bids = (second: boolean) => [
      { id: 1, priceFen: 50_000, rejected: false },
      { id: 2, priceFen: 60_000, rejected: true },
      { id: 3, priceFen: 70_000, rejected: second },
    ];
    expect(disqualifications({ winnerId: 1, bids: bids(true) })?.facts.variant).toBe('allOthers');
    expect(disqualifications({ winnerId: 1, bids: bids(false) })).toBeNull();
  });
  it('flags the lowest bid rejected', () => {
    const bids = [
      { id: 1, priceFen: 50_000, rejected: false },
      { id: 2, priceFen: 40_000, rejected: true },
      { id: 3, priceFen: 70_000, rejected: false },
    ];
    expect(disqualifications({ winnerId: 1, bids })?.facts.variant).toBe('lowest');
  });
  it('does not flag a single bid', () => {
    expect(disqualifications({ winnerId: 1, bids: [{ id: 1, priceFen: 1, rejected: false }] })).toBeNull();
  });
});

describe('7. concentration', () => {
  it('flags a share a fen above 40%, not 40% itself', () => {
    const share = (organizationFen: number) =>
      purchaseShare({ organizationFen, totalFen: 1_000_000, percent: 40, contractIds: [1] });
    expect(share(400_001)?.facts.variant).toBe('share');
    expect(share(400_000)).toBeNull();
  });
  it('flags four wins in a row over a limit of three, not three', () => {
    const awards = (orgs: number[]) => orgs.map((organizationId, i) => ({ tenderId: i + 1, organizationId }));
    expect(winStreak({ awards: awards([2, 1, 1, 1, 1]), limit: 3, valueFen: 1 })?.facts.seen.wins).toBe(4);
    expect(winStreak({ awards: awards([2, 1, 1, 1]), limit: 3, valueFen: 1 })).toBeNull();
  });
});

describe('8. split purchases', () => {
  const commissions = (second: number, gapDays: number) => [
    { id: 1, amountFen: 3_000_000, at: t0 },
    { id: 2, amountFen: second, at: later(gapDays * day) },
  ];
  const split = (second: number, gapDays = 10) =>
    splitPurchase({ commissionId: 2, commissions: commissions(second, gapDays), days: 90, limitFen: 5_000_000 });
  it('flags a sum a fen above the threshold, not the threshold itself', () => {
    expect(split(2_000_001)?.facts.seen.sumFen).toBe(5_000_001);
    expect(split(2_000_000)).toBeNull();
  });
  it('counts commissions within the period only', () => {
    expect(split(3_000_000, 90)).not.toBeNull();
    expect(split(3_000_000, 90.001)).toBeNull();
  });
});

describe('9. contract growth', () => {
  const grown = (currentFen: number, periodEnd = '2026-12-31') =>
    contractGrowth({
      originalFen: 1_000_000,
      currentFen,
      percent: 20,
      periodEnd,
      tenderPeriodEnd: '2026-12-31',
      amendmentIds: [4],
    });
  it('flags growth a fen above 20%, not 20%', () => {
    expect(grown(1_200_001)?.facts.variant).toBe('value');
    expect(grown(1_200_000)).toBeNull();
  });
  it('flags an extension a day past the tender period', () => {
    expect(grown(1_000_000, '2027-01-01')?.facts.variant).toBe('period');
  });
});

describe('10. scoring outliers', () => {
  const scores = (third: number) => [
    { reviewer: 1, criterion: 'plan', score: 60 },
    { reviewer: 2, criterion: 'plan', score: 60 },
    { reviewer: 3, criterion: 'plan', score: third },
  ];
  const outlier = (third: number) => scoringOutlier({ bidId: 1, scores: scores(third), gap: 25, priceFen: 1 });
  it('flags a score 26 points from the others’ mean, not 25', () => {
    expect(outlier(86)?.facts.seen).toMatchObject({ reviewer: 3, criterion: 'plan', gap: 26 });
    expect(outlier(85)).toBeNull();
  });
  it('needs another reviewer to compare with', () => {
    expect(
      scoringOutlier({ bidId: 1, scores: [{ reviewer: 1, criterion: 'plan', score: 0 }], gap: 25, priceFen: 1 }),
    ).toBeNull();
  });
});

describe('11. delivery gaps', () => {
  const base = {
    paidMilestoneIds: [5],
    eventsWithoutCheckins: [],
    paidInFull: false,
    sessionsDelivered: 10,
    sessions: 10,
    workerVisits: 300,
    minWorkerVisits: 300,
    amountFen: 1,
  };
  it('flags a paid milestone over a session with no verified check-in', () => {
    expect(deliveryGap({ ...base, eventsWithoutCheckins: [9] })?.facts.variant).toBe('unverified');
    expect(deliveryGap(base)).toBeNull();
  });
  it('flags a contract paid in full one session or one worker-visit short, not at the contracted figures', () => {
    expect(deliveryGap({ ...base, paidInFull: true, sessionsDelivered: 9 })?.facts.variant).toBe('short');
    expect(deliveryGap({ ...base, paidInFull: true, workerVisits: 299 })?.facts.variant).toBe('short');
    expect(deliveryGap({ ...base, paidInFull: true })).toBeNull();
  });
});
