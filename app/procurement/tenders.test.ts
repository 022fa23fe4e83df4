import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notifications, tenderAmendments } from '../../db/schema';
import { submitBid } from './bids.server';
import { tenderSchema } from './schemas';
import { cancelTender, createTender, requireTender, updateTender } from './tenders.server';
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
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

let commissioner: Viewer;
let legal: Viewer;
let psych: Viewer;

beforeAll(async () => {
  await seedCounty();
  commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  legal = await viewerFor('legal@demo.gonghui.cn');
  psych = await viewerFor('psych@demo.gonghui.cn');
});
afterEach(resetClock);

const bid = (viewer: Viewer, email: string, tenderId: number, priceFen = 4_000_000) =>
  submitBid(viewer, tenderId, organizationOf(email).id, { priceFen, plan: '每月两场讲座。', team: '' });

const notificationsFor = (userId: number, template: string) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.template, template)))
    .all();

describe('the clock', () => {
  it('closes a tender at its deadline without anyone acting', () => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2) }));
    bid(legal, 'legal@demo.gonghui.cn', id);
    runClock();
    expect(requireTender(id).state).toBe('published');
    advanceHours(3);
    runClock();
    expect(requireTender(id).state).toBe('closed');
    expect(notificationsFor(commissioner.id, 'deadline_passed').some((n) => n.data.path === `/tenders/${id}`)).toBe(
      true,
    );
  });

  it('makes a tender with fewer valid bids than its minimum unsuccessful', () => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2), minBids: 2 }));
    bid(legal, 'legal@demo.gonghui.cn', id);
    advanceHours(3);
    runClock();
    expect(requireTender(id).state).toBe('unsuccessful');
  });

  it('counts only submitted bids towards the minimum', () => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2), minBids: 2 }));
    bid(legal, 'legal@demo.gonghui.cn', id);
    bid(psych, 'psych@demo.gonghui.cn', id);
    advanceHours(3);
    runClock();
    expect(requireTender(id).state).toBe('closed');
  });
});

describe('the tender form', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    const base = {
      unionId: '2',
      title: '职工法律服务',
      category: 'legal_aid',
      budget: '50000',
      sessions: '4',
      deadline: '2099-01-01T12:00',
      weightPrice: '30',
      weightPlan: '40',
      weightTeam: '20',
      weightTrackRecord: '10',
    };
    for (const [k, v] of Object.entries({ ...base, ...fields })) data.set(k, v);
    return Object.fromEntries(data);
  };
  const issues = (fields: Record<string, string>) => {
    const result = tenderSchema(now()).safeParse(
      Object.fromEntries(
        Object.entries(form(fields)).map(([k, v]) => [
          k,
          /^(unionId|sessions|weight\w+|minBids)$/.test(k) ? Number(v) : v,
        ]),
      ),
    );
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it('requires the weights to add up to 100', () => {
    expect(issues({})).toEqual([]);
    expect(issues({ weightPlan: '50' })).toEqual(['procurement.errors.weightsSum']);
  });

  it('requires a grade when eligibility is by grade, and a question deadline before the bid deadline', () => {
    expect(issues({ eligibility: 'min_grade' })).toEqual(['errors.required']);
    expect(issues({ questionDeadline: '2099-01-02T12:00' })).toEqual(['procurement.errors.questionsAfterDeadline']);
  });
});

describe('amending a published tender', () => {
  it('records the change, tells bidders and keeps the deadline when it is far', () => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(10 * 24) }));
    bid(legal, 'legal@demo.gonghui.cn', id);
    const tender = requireTender(id);
    const result = updateTender(
      commissioner,
      id,
      tenderInput({ title: tender.title, deadline: tender.deadlineAt, sessions: 12, rationale: '增加两场。' }),
    );
    expect(result.extended).toBe(false);
    const [amendment] = db.select().from(tenderAmendments).where(eq(tenderAmendments.tenderId, id)).all();
    expect(amendment!.changes).toEqual({ sessions: { from: 10, to: 12 } });
    expect(amendment!.rationale).toBe('增加两场。');
    expect(notificationsFor(legal.id, 'tender_amended').some((n) => n.data.path === `/tenders/${id}`)).toBe(true);
  });

  it('extends a near deadline so that five days remain', () => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(24) }));
    const tender = requireTender(id);
    const result = updateTender(
      commissioner,
      id,
      tenderInput({ title: tender.title, deadline: tender.deadlineAt, budget: 6_000_000, rationale: '提高预算。' }),
    );
    expect(result.extended).toBe(true);
    expect(requireTender(id).deadlineAt.getTime()).toBeGreaterThanOrEqual(now().getTime() + 5 * 24 * 3600_000);
  });

  it('never moves the deadline earlier, and refuses an amendment that changes nothing', () => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(10 * 24) }));
    const tender = requireTender(id);
    const same = { title: tender.title, deadline: tender.deadlineAt, rationale: '无' };
    expect(() => updateTender(commissioner, id, tenderInput({ ...same, deadline: hoursFromNow(9 * 24) }))).toThrow(
      'procurement.errors.deadlineEarlier',
    );
    expect(() => updateTender(commissioner, id, tenderInput(same))).toThrow('procurement.errors.noChanges');
  });

  it('is refused once the deadline has passed', () => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(1) }));
    advanceHours(2);
    runClock();
    expect(() => updateTender(commissioner, id, tenderInput({ rationale: '晚了' }))).toThrow();
  });

  it('is only for the union’s commissioners', () => {
    const id = createTender(commissioner, tenderInput());
    expect(() => updateTender(legal, id, tenderInput({ rationale: 'x' }))).toThrow();
  });
});

describe('cancelling', () => {
  it('needs the commissioner, records the reason and tells bidders', () => {
    const id = createTender(commissioner, tenderInput());
    bid(legal, 'legal@demo.gonghui.cn', id);
    expect(() => cancelTender(legal, id, '不需要了')).toThrow();
    cancelTender(commissioner, id, '项目已纳入市总统一行动。');
    expect(requireTender(id)).toMatchObject({ state: 'cancelled', cancelReason: '项目已纳入市总统一行动。' });
    expect(notificationsFor(legal.id, 'tender_cancelled').length).toBeGreaterThan(0);
    expect(() => cancelTender(commissioner, id, '再取消')).toThrow('errors.illegalTransition');
  });
});

describe('publishing', () => {
  it('tells the members of organizations working in the category', () => {
    const id = createTender(commissioner, tenderInput({ category: 'legal_aid' }));
    expect(notificationsFor(legal.id, 'tender_published').some((n) => n.data.path === `/tenders/${id}`)).toBe(true);
    expect(notificationsFor(psych.id, 'tender_published').some((n) => n.data.path === `/tenders/${id}`)).toBe(false);
  });
});
