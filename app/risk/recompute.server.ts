import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { commissions } from '../../db/schema/catalog';
import { eventRollups } from '../../db/schema/delivery';
import { milestones } from '../../db/schema/payments';
import { bidScores, bids, contractAmendments, contracts, tenderAmendments, tenders } from '../../db/schema/procurement';
import { riskFlags } from '../../db/schema/risk';
import { unions } from '../../db/schema/unions';
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
  type Finding,
  type PricedBid,
} from './indicators';
import type { RiskIndicator, RiskSubject } from './indicators-list';
import { riskSettingKeys, type RiskSettings } from './settings';
import { contractFigures } from '~/delivery/figures.server';
import { now } from '~/lib/clock.server';
import type { DB } from '~/lib/db.server';
import { monthStart, shanghaiYear } from '~/lib/time';
import { paidMilestoneStates } from '~/payments/machine';
import { awardPublishedStates } from '~/procurement/machine';
import { unsealBid } from '~/procurement/seal.server';

// Recomputes a subject's red flags from its data, in the caller's transaction (docs/decisions/115):
// the commands that change a tender, a contract or a direct commission call these.

type Subject = {
  type: RiskSubject;
  id: number;
  unionId: number;
  departmentId: number | null;
  organizationId: number | null;
  year: number;
};
type Raised = Finding & { organizationId?: number | null };

/** The union's thresholds, with the two settings other capabilities own. */
export function riskSettingsOf(tx: DB, unionId: number) {
  const union = tx.select().from(unions).where(eq(unions.id, unionId)).get()!;
  const settings = Object.fromEntries(riskSettingKeys.map((k) => [k, union[k]])) as RiskSettings;
  return {
    ...settings,
    minBiddingDays: union.minBiddingDays,
    directCommissionLimitFen: union.directCommissionLimitFen,
  };
}

/**
 * Writes the subject's flags for `indicators`: raised ones are inserted or brought up to date
 * (a cleared one is raised again), the others cleared. A flag keeps its id and its responses.
 */
function writeFlags(
  tx: DB,
  subject: Subject,
  indicators: RiskIndicator[],
  found: Partial<Record<RiskIndicator, Raised | null>>,
) {
  const at = now();
  const existing = tx
    .select()
    .from(riskFlags)
    .where(
      and(
        eq(riskFlags.subjectType, subject.type),
        eq(riskFlags.subjectId, subject.id),
        inArray(riskFlags.indicator, indicators),
      ),
    )
    .all();
  for (const indicator of indicators) {
    const finding = found[indicator];
    const flag = existing.find((f) => f.indicator === indicator);
    if (!finding) {
      if (flag && !flag.clearedAt)
        tx.update(riskFlags).set({ clearedAt: at, updatedAt: at }).where(eq(riskFlags.id, flag.id)).run();
      continue;
    }
    const values = {
      unionId: subject.unionId,
      departmentId: subject.departmentId,
      organizationId: finding.organizationId ?? subject.organizationId,
      valueFen: finding.valueFen,
      facts: finding.facts,
      year: subject.year,
    };
    if (!flag) {
      tx.insert(riskFlags)
        .values({ ...values, subjectType: subject.type, subjectId: subject.id, indicator, raisedAt: at, updatedAt: at })
        .run();
      continue;
    }
    const same =
      !flag.clearedAt &&
      flag.valueFen === values.valueFen &&
      flag.organizationId === values.organizationId &&
      flag.year === values.year &&
      JSON.stringify(flag.facts) === JSON.stringify(values.facts);
    if (!same)
      tx.update(riskFlags)
        .set({ ...values, clearedAt: null, updatedAt: at, ...(flag.clearedAt ? { raisedAt: at } : {}) })
        .where(eq(riskFlags.id, flag.id))
        .run();
  }
}

const tenderIndicators: RiskIndicator[] = [
  'single_bid',
  'short_period',
  'price_at_ceiling',
  'lowest_passed_over',
  'late_bid_won',
  'disqualifications',
  'scoring_outlier',
  'concentration',
];

/** The winners of the union's published awards up to this tender's, oldest first. */
function awardsUpTo(tx: DB, unionId: number, proposedAt: Date, limit: number) {
  return tx
    .select({ tenderId: tenders.id, organizationId: bids.organizationId })
    .from(tenders)
    .innerJoin(bids, eq(bids.id, tenders.awardedBidId))
    .where(
      and(
        eq(tenders.unionId, unionId),
        inArray(tenders.state, awardPublishedStates),
        lte(tenders.awardProposedAt, proposedAt),
      ),
    )
    .orderBy(desc(tenders.awardProposedAt), desc(tenders.id))
    .limit(limit)
    .all()
    .reverse();
}

/**
 * A tender's flags: nothing before the deadline (the bids are sealed); then the bidding indicators;
 * from a published award on, the award indicators too.
 */
export function recomputeTender(tx: DB, tenderId: number) {
  const tender = tx.select().from(tenders).where(eq(tenders.id, tenderId)).get();
  if (!tender || tender.state === 'draft' || tender.state === 'published') return;
  const settings = riskSettingsOf(tx, tender.unionId);
  const submitted = tx
    .select()
    .from(bids)
    .where(and(eq(bids.tenderId, tenderId), eq(bids.state, 'submitted')))
    .orderBy(asc(bids.id))
    .all();
  const scores = submitted.length
    ? tx
        .select()
        .from(bidScores)
        .where(
          inArray(
            bidScores.bidId,
            submitted.map((b) => b.id),
          ),
        )
        .all()
    : [];
  // The platform has no separate disqualification: a panel rejects a bid by scoring it 0 throughout.
  const priced: PricedBid[] = submitted.map((b) => {
    const own = scores.filter((s) => s.bidId === b.id);
    return {
      id: b.id,
      priceFen: unsealBid(tenderId, b.organizationId, b.sealed).priceFen,
      rejected: own.length > 0 && own.every((s) => s.score === 0),
    };
  });
  const moves = tx.select().from(tenderAmendments).where(eq(tenderAmendments.tenderId, tenderId)).all();
  const found: Partial<Record<RiskIndicator, Raised | null>> = {
    single_bid: singleBid({ bidIds: submitted.map((b) => b.id), budgetFen: tender.budgetFen }),
    short_period: shortPeriod({
      publishedAt: tender.publishedAt ?? tender.createdAt,
      deadlineAt: tender.deadlineAt,
      minDays: settings.minBiddingDays,
      budgetFen: tender.budgetFen,
      moves: moves.map((m) => ({ id: m.id, before: m.deadlineBefore, after: m.deadlineAfter })),
    }),
  };
  const winnerBid = awardPublishedStates.includes(tender.state)
    ? submitted.find((b) => b.id === tender.awardedBidId)
    : undefined;
  const winner = winnerBid && priced.find((b) => b.id === winnerBid.id)!;
  if (winnerBid && winner) {
    const organizationId = winnerBid.organizationId;
    const reviewers = [...new Set(scores.map((s) => s.reviewerId))].sort((a, b) => a - b);
    const award = (finding: Finding | null): Raised | null => finding && { ...finding, organizationId };
    Object.assign(found, {
      price_at_ceiling: award(
        priceAtCeiling({
          bidId: winner.id,
          priceFen: winner.priceFen,
          budgetFen: tender.budgetFen,
          percent: settings.riskCeilingPercent,
        }),
      ),
      lowest_passed_over: award(lowestPassedOver({ winnerId: winner.id, bids: priced })),
      late_bid_won: award(
        lateBidWon({
          bidId: winner.id,
          submittedAt: winnerBid.submittedAt ?? winnerBid.createdAt,
          deadlineAt: tender.deadlineAt,
          minutes: settings.riskLateBidMinutes,
          priceFen: winner.priceFen,
        }),
      ),
      disqualifications: award(disqualifications({ winnerId: winner.id, bids: priced })),
      scoring_outlier: award(
        scoringOutlier({
          bidId: winner.id,
          scores: scores
            .filter((s) => s.bidId === winner.id)
            .map((s) => ({ reviewer: reviewers.indexOf(s.reviewerId) + 1, criterion: s.criterion, score: s.score })),
          gap: settings.riskScoreGap,
          priceFen: winner.priceFen,
        }),
      ),
      concentration: award(
        winStreak({
          awards: awardsUpTo(tx, tender.unionId, tender.awardProposedAt ?? now(), settings.riskWinStreak + 1),
          limit: settings.riskWinStreak,
          valueFen: winner.priceFen,
        }),
      ),
    });
  }
  writeFlags(
    tx,
    {
      type: 'tender',
      id: tender.id,
      unionId: tender.unionId,
      departmentId: tender.departmentId,
      organizationId: null,
      year: shanghaiYear(tender.deadlineAt),
    },
    tenderIndicators,
    found,
  );
}

type Contract = typeof contracts.$inferSelect;

const contractSubject = (contract: Contract): Subject => ({
  type: 'contract',
  id: contract.id,
  unionId: contract.unionId,
  departmentId: contract.departmentId,
  organizationId: contract.organizationId,
  year: shanghaiYear(contract.createdAt),
});

function growthOf(tx: DB, contract: Contract, percent: number) {
  const amendments = tx
    .select()
    .from(contractAmendments)
    .where(eq(contractAmendments.contractId, contract.id))
    .orderBy(asc(contractAmendments.id))
    .all();
  const firstAmount = amendments.find((a) => a.changes.amountFen)?.changes.amountFen?.from;
  const tender = contract.tenderId
    ? tx.select({ periodEnd: tenders.periodEnd }).from(tenders).where(eq(tenders.id, contract.tenderId)).get()
    : undefined;
  return contractGrowth({
    originalFen: typeof firstAmount === 'number' ? firstAmount : contract.amountFen,
    currentFen: contract.amountFen,
    percent,
    periodEnd: contract.periodEnd,
    tenderPeriodEnd: tender?.periodEnd ?? null,
    amendmentIds: amendments.map((a) => a.id),
  });
}

function deliveryGapOf(tx: DB, contract: Contract) {
  const planned = tx.select().from(milestones).where(eq(milestones.contractId, contract.id)).all();
  const paid = planned.filter((m) => (paidMilestoneStates as readonly string[]).includes(m.state));
  if (!paid.length) return null;
  const counted = paid.filter((m) => m.condition !== 'signing');
  // Sessions counted for the contract with no verified check-in behind them: walk-ins admitted.
  const unverified = counted.length
    ? tx
        .select({ eventId: eventRollups.eventId })
        .from(eventRollups)
        .where(
          and(eq(eventRollups.contractId, contract.id), sql`${eventRollups.sessions}`, eq(eventRollups.checkins, 0)),
        )
        .all()
        .map((e) => e.eventId)
    : [];
  const figures = contractFigures(contract.id);
  return deliveryGap({
    paidMilestoneIds: counted.map((m) => m.id),
    eventsWithoutCheckins: unverified,
    paidInFull: paid.length === planned.length,
    sessionsDelivered: figures.sessionsDelivered,
    sessions: contract.sessions,
    workerVisits: figures.workerVisits,
    minWorkerVisits: contract.minWorkerVisits,
    amountFen: contract.amountFen,
  });
}

/** The contracts that count as the union's purchases: issued or drafted, not terminated. */
const purchasedStates = ['draft', 'pending', 'active', 'completed'] as const;

/** 7a over the union's year: each organization's share, flagged on its latest contract of the year. */
function recomputeConcentration(tx: DB, unionId: number, year: number, percent: number) {
  const yearContracts = tx
    .select()
    .from(contracts)
    .where(
      and(
        eq(contracts.unionId, unionId),
        inArray(contracts.state, purchasedStates),
        gte(contracts.createdAt, monthStart(year, 1)),
        lt(contracts.createdAt, monthStart(year + 1, 1)),
      ),
    )
    .orderBy(asc(contracts.id))
    .all();
  const totalFen = yearContracts.reduce((sum, c) => sum + c.amountFen, 0);
  const raisedOn = new Set<number>();
  for (const organizationId of new Set(yearContracts.map((c) => c.organizationId))) {
    const own = yearContracts.filter((c) => c.organizationId === organizationId);
    const finding = purchaseShare({
      organizationFen: own.reduce((sum, c) => sum + c.amountFen, 0),
      totalFen,
      percent,
      contractIds: own.map((c) => c.id),
    });
    if (!finding) continue;
    const latest = own.at(-1)!;
    raisedOn.add(latest.id);
    writeFlags(tx, contractSubject(latest), ['concentration'], { concentration: finding });
  }
  const stale = tx
    .select()
    .from(riskFlags)
    .where(
      and(
        eq(riskFlags.unionId, unionId),
        eq(riskFlags.year, year),
        eq(riskFlags.indicator, 'concentration'),
        eq(riskFlags.subjectType, 'contract'),
        isNull(riskFlags.clearedAt),
      ),
    )
    .all()
    .filter((f) => !raisedOn.has(f.subjectId));
  const at = now();
  for (const flag of stale)
    tx.update(riskFlags).set({ clearedAt: at, updatedAt: at }).where(eq(riskFlags.id, flag.id)).run();
}

/** A contract's flags (growth, delivery gaps), and the union's concentration in the contract's year. */
export function recomputeContract(tx: DB, contractId: number) {
  const contract = tx.select().from(contracts).where(eq(contracts.id, contractId)).get();
  if (!contract) return;
  const settings = riskSettingsOf(tx, contract.unionId);
  writeFlags(tx, contractSubject(contract), ['contract_growth', 'delivery_gap'], {
    contract_growth: growthOf(tx, contract, settings.riskGrowthPercent),
    delivery_gap: deliveryGapOf(tx, contract),
  });
  recomputeConcentration(tx, contract.unionId, shanghaiYear(contract.createdAt), settings.riskConcentrationPercent);
}

/** Split purchases: every direct commission of the union to the organization, each against the window before it. */
export function recomputeCommissions(tx: DB, unionId: number, organizationId: number) {
  const { riskSplitDays, directCommissionLimitFen } = riskSettingsOf(tx, unionId);
  const all = tx
    .select()
    .from(commissions)
    .where(and(eq(commissions.unionId, unionId), eq(commissions.organizationId, organizationId)))
    .orderBy(asc(commissions.createdAt), asc(commissions.id))
    .all();
  const live = all
    .filter((c) => c.state === 'requested' || c.state === 'accepted')
    .map((c) => ({ id: c.id, amountFen: c.amountFen, at: c.createdAt }));
  for (const commission of all) {
    const finding = live.some((c) => c.id === commission.id)
      ? splitPurchase({
          commissionId: commission.id,
          commissions: live,
          days: riskSplitDays,
          limitFen: directCommissionLimitFen,
        })
      : null;
    writeFlags(
      tx,
      {
        type: 'commission',
        id: commission.id,
        unionId,
        departmentId: commission.departmentId,
        organizationId,
        year: shanghaiYear(commission.createdAt),
      },
      ['split_purchase'],
      { split_purchase: finding },
    );
  }
}

/** Every subject of the union again: after its thresholds change, and for the demo seed. */
export function recomputeUnion(tx: DB, unionId: number) {
  for (const t of tx
    .select({ id: tenders.id })
    .from(tenders)
    .where(eq(tenders.unionId, unionId))
    .orderBy(asc(tenders.id))
    .all())
    recomputeTender(tx, t.id);
  for (const c of tx.select({ id: contracts.id }).from(contracts).where(eq(contracts.unionId, unionId)).all())
    recomputeContract(tx, c.id);
  const organizationIds = tx
    .selectDistinct({ organizationId: commissions.organizationId })
    .from(commissions)
    .where(eq(commissions.unionId, unionId))
    .all();
  for (const { organizationId } of organizationIds) recomputeCommissions(tx, unionId, organizationId);
}
