import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { viewerFor } from '../../tests/fixtures/accounts';
import { checkInWorker } from '../../tests/fixtures/delivery';
import { contracts, evaluations, organizations } from '../../db/schema';
import { seedDemo } from '../../db/seed';
import { sumsFromScratch } from '../../tests/support/counted';
import {
  contractEvaluations,
  lastEndedQuarter,
  organizationFacts,
  recordDuePeriodEvaluations,
} from './evaluations.server';
import { baseWeights, weightedScore } from './model';
import { organizationEvaluation } from './organization.server';
import { contractEvaluationView, recordComplaint, resolveComplaint, reviewContract } from './reviews.server';
import { fileReport, reviewReport, scheduleEvent } from '~/delivery/events.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import { refusal } from '../../tests/support/refused';

let hardship: typeof contracts.$inferSelect;

beforeAll(async () => {
  await seedDemo();
  const org = db.select().from(organizations).where(eq(organizations.name, '象山县同心爱心帮扶会')).get()!;
  hardship = db.select().from(contracts).where(eq(contracts.organizationId, org.id)).get()!;
});

const rowCount = () => db.get<{ n: number }>(sql`select count(*) as n from evaluations`)!.n;

/** A session scheduled ahead, shown by a worker's SMS-verified check-in, reported and accepted. */
async function deliverSession(contractId: number) {
  const owner = await viewerFor('hardship@demo.gonghui.cn');
  const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  const startsAt = new Date(now().getTime() + 3600_000);
  const eventId = scheduleEvent(owner, contractId, {
    title: `回头看走访 ${Math.random()}`,
    startsAt,
    durationMinutes: 60,
    venueType: 'community',
    address: '象山县丹东街道',
    capacity: 30,
    expectedAttendance: 10,
  });
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(startsAt);
    checkInWorker(eventId);
    vi.setSystemTime(startsAt.getTime() + 2 * 3600_000);
    await fileReport(owner, eventId, { walkIns: 12, summary: '走访顺利。' });
    reviewReport(commissioner, eventId, 'accept');
  } finally {
    vi.useRealTimers();
  }
}

/** The contract's or organization's sessions delivered, recounted from the base tables. */
const deliveredSessions = (where: string, id: number) =>
  sumsFromScratch(`e.state = 'accepted' and ${where}`, id).sessions;

describe('per contract', () => {
  it('the seed wrote each contract the evaluation its last acceptance would have', () => {
    const n = db.get<{ n: number }>(sql`select count(*) as n from contracts`)!.n;
    expect(db.get<{ n: number }>(sql`select count(distinct contract_id) as n from evaluations`)!.n).toBe(n);
  });

  it('accepting a session appends an evaluation and leaves the earlier ones as they were', async () => {
    const before = contractEvaluations(hardship.id);
    await deliverSession(hardship.id);
    const after = contractEvaluations(hardship.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(1)).toEqual(before);
    const delivered = deliveredSessions('e.contract_id = ?', hardship.id);
    expect(after[0]).toMatchObject({ basis: 'acceptance', createdBy: null, adjustment: 0 });
    expect(after[0]!.indicators.completion).toBeCloseTo(delivered / hardship.sessions);
    expect(after[0]!.model.weights).toEqual(baseWeights);
  });

  it('a reviewer’s adjustment needs a reason; with one it is a new row that later rows carry', async () => {
    const reviewer = await viewerFor('reviewer@demo.gonghui.cn');
    const count = rowCount();
    expect(refusal(() => reviewContract(reviewer, hardship.id, { adjustment: 5, reason: '  ' }))).toBe(
      'evaluation.errors.adjustmentReason',
    );
    expect(refusal(() => reviewContract(reviewer, hardship.id, { adjustment: 11, reason: '台风' }))).toBe(
      'evaluation.errors.adjustmentRange',
    );
    expect(rowCount()).toBe(count);

    const row = reviewContract(reviewer, hardship.id, { judgement: 80, adjustment: -4, reason: '两次走访记录不全' })!;
    expect(row).toMatchObject({ basis: 'review', createdBy: reviewer.id, adjustment: -4 });
    expect(row.indicators.judgement).toBe(0.8);
    const computed = weightedScore(row.indicators)!.score;
    expect(row.score).toBeCloseTo(computed - 4, 5);

    await deliverSession(hardship.id);
    const latest = contractEvaluations(hardship.id)[0]!;
    expect(latest).toMatchObject({ basis: 'acceptance', adjustment: -4, adjustmentReason: '两次走访记录不全' });
    expect(latest.indicators.judgement).toBe(0.8);
  });

  it('only the paying union’s reviewers review, and not for their own organization', async () => {
    const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
    expect(refusal(() => reviewContract(commissioner, hardship.id, { adjustment: 0, reason: '' }))).toBe(403);
    const township = await viewerFor('dandong@demo.gonghui.cn');
    expect(refusal(() => contractEvaluationView(township, hardship.id))).toBe(403);
    const otherOrganization = await viewerFor('psych@demo.gonghui.cn');
    expect(refusal(() => contractEvaluationView(otherOrganization, hardship.id))).toBe(403);
    const own = contractEvaluationView(await viewerFor('hardship@demo.gonghui.cn'), hardship.id);
    expect(own).toMatchObject({ canReview: false, canRecordComplaint: false });
    expect(contractEvaluationView(await viewerFor('leadership@demo.gonghui.cn'), hardship.id).canReview).toBe(false);
    expect(contractEvaluationView(await viewerFor('reviewer@demo.gonghui.cn'), hardship.id).canReview).toBe(true);
  });

  it('an upheld complaint counts against the organization and re-evaluates; a dismissed one does not', async () => {
    const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
    const reviewer = await viewerFor('reviewer@demo.gonghui.cn');
    recordComplaint(commissioner, hardship.id, { source: 'worker', summary: '约好的走访没有来。' });
    recordComplaint(commissioner, hardship.id, { source: 'public', summary: '走访时态度不好。' });
    const [second, first] = contractEvaluationView(reviewer, hardship.id).complaints;
    const count = rowCount();
    resolveComplaint(reviewer, hardship.id, {
      complaintId: second!.id,
      decision: 'dismiss',
      resolution: '经核实不属实。',
    });
    expect(rowCount()).toBe(count);
    resolveComplaint(reviewer, hardship.id, { complaintId: first!.id, decision: 'uphold', resolution: '已核实。' });
    const latest = contractEvaluations(hardship.id)[0]!;
    const delivered = deliveredSessions('e.contract_id = ?', hardship.id);
    expect(latest.basis).toBe('complaint');
    expect(latest.indicators.complaints).toBeCloseTo(1 - 1 / delivered);

    expect(
      refusal(() =>
        resolveComplaint(reviewer, hardship.id, { complaintId: first!.id, decision: 'dismiss', resolution: '再议' }),
      ),
    ).toBe('errors.illegalTransition');
  });
});

describe('per organization and period', () => {
  it('the quarter just ended is the one before, in Asia/Shanghai', () => {
    expect(lastEndedQuarter(new Date('2026-11-23T10:00:00+08:00'))).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(lastEndedQuarter(new Date('2026-02-10T10:00:00+08:00'))).toEqual({ start: '2025-10-01', end: '2025-12-31' });
    // 00:30 on 1 April in Shanghai is still 31 March in UTC.
    expect(lastEndedQuarter(new Date('2026-03-31T16:30:00Z'))).toEqual({ start: '2026-01-01', end: '2026-03-31' });
  });

  it('the clock records each organization’s quarter once, over the contracts running in it, a slice a tick', () => {
    const period = lastEndedQuarter(now());
    const expected = db.all<{ organizationId: number }>(sql`
      select distinct organization_id as organizationId from contracts
      where state in ('active', 'completed', 'terminated')
        and coalesce(period_start, date(coalesce(signed_at, created_at) / 1000 + 28800, 'unixepoch')) <= ${period.end}
        and coalesce(period_end, '9999-12-31') >= ${period.start}`);
    expect(expected.length).toBeGreaterThan(1);
    // A quarter's end makes every organization due at once: each call records a slice of them.
    expect(recordDuePeriodEvaluations(1)).toBe(1);
    expect(recordDuePeriodEvaluations()).toBe(expected.length - 1);
    expect(recordDuePeriodEvaluations()).toBe(0);
    for (const { organizationId } of expected) {
      const row = db
        .select()
        .from(evaluations)
        .where(sql`organization_id = ${organizationId} and basis = 'period' and period_start = ${period.start}`)
        .get()!;
      expect(row.contractId).toBeNull();
      expect(row.periodEnd).toBe(period.end);
      expect(row.score).toBe(weightedScore(row.indicators)!.score);
    }
  });

  it('the live evaluation adds up the organization’s contracts', () => {
    const facts = organizationFacts(hardship.organizationId);
    const delivered = deliveredSessions(
      'e.contract_id in (select id from contracts where organization_id = ?)',
      hardship.organizationId,
    );
    expect(facts.deliveredSessions).toBe(delivered);
    const live = organizationEvaluation(hardship.organizationId);
    expect(live.result).toEqual(weightedScore(live.indicators));
    expect(live.improvements?.score).toBe(live.result?.score);
  });
});
