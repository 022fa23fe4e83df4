import { eq, isNotNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenders, unions } from '../../db/schema';
import { deadlineTooSoon } from './bidding-period';
import { setMinBiddingDays } from './bidding-period.server';
import { tenderSchema } from './schemas';
import { createTender } from './tenders.server';
import { viewerFor } from '../../tests/fixtures/accounts';
import { hoursFromNow, seedCounty, tenderInput } from '../../tests/fixtures/procurement';
import type { Viewer } from '~/accounts/auth.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import { UserError } from '~/lib/errors';

let commissioner: Viewer;
beforeAll(async () => {
  await seedCounty();
  db.update(unions).set({ minBiddingDays: 5 }).run();
  commissioner = await viewerFor('commissioner@demo.gonghui.cn');
});

describe('the minimum bidding period', () => {
  it('is kept by every tender the demo seed published (at the default, 5 days)', () => {
    const seeded = db
      .select({
        title: tenders.title,
        publishedAt: tenders.publishedAt,
        deadlineAt: tenders.deadlineAt,
        days: unions.minBiddingDays,
      })
      .from(tenders)
      .innerJoin(unions, eq(unions.id, tenders.unionId))
      .where(isNotNull(tenders.publishedAt))
      .all();
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded.filter((t) => deadlineTooSoon(t.deadlineAt, t.publishedAt!, t.days))).toEqual([]);
  });

  it('refuses to publish a tender closing sooner, naming the period, and allows it as a draft', () => {
    let refusal: unknown;
    try {
      createTender(commissioner, tenderInput({ deadline: hoursFromNow(2 * 24) }));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as UserError).messageKey).toBe('procurement.errors.deadlineTooSoon');
    expect((refusal as UserError).values.days).toBe(5);
    expect(
      createTender(commissioner, tenderInput({ deadline: hoursFromNow(2 * 24), intent: 'draft' })),
    ).toBeGreaterThan(0);
    expect(createTender(commissioner, tenderInput({ deadline: hoursFromNow(6 * 24) }))).toBeGreaterThan(0);
  });

  it('is the union admin’s to set', async () => {
    const unionId = tenderInput().unionId;
    expect(() => setMinBiddingDays(commissioner, unionId, 10)).toThrow();
    setMinBiddingDays(await viewerFor('admin@demo.gonghui.cn'), unionId, 10);
    expect(
      db
        .select({ days: unions.minBiddingDays })
        .from(unions)
        .all()
        .some((u) => u.days === 10),
    ).toBe(true);
  });

  it('is listed by the tender form with the other problems in one reply', () => {
    const result = tenderSchema(now(), 'create', () => 5).safeParse({
      unionId: 1,
      title: '',
      category: 'health',
      budget: '100000.999',
      sessions: 6,
      periodStart: '2020-01-01',
      weightPrice: 50,
      weightPlan: 30,
      weightTeam: 10,
      weightTrackRecord: 0,
      deadline: new Date(now().getTime() + 24 * 3600_000).toISOString().slice(0, 16),
    });
    const messages = result.error!.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'title errors.required',
        'budget errors.moneyDecimals',
        expect.stringMatching(/^periodStart errors\.periodStartPast\|/),
        'weightPrice procurement.errors.weightsSum',
      ]),
    );
  });
});
