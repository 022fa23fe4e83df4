import { inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../db/schema';
import { proposeAward } from './award.server';
import { openBids, submitBid } from './bids.server';
import { declareConflicts, scoreBid } from './evaluation.server';
import { createTender, requireTender } from './tenders.server';
import { viewerFor } from '../../tests/fixtures/accounts';
import { advanceHours, hoursFromNow, organizationOf, seedCounty, tenderInput } from '../../tests/fixtures/procurement';
import { contender } from '../../tests/support/contender';
import { runClock } from '~/jobs/ticks.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

// The tender clock runs in every server process (a procurement page runs it before it reads) as well
// as in the schedule: several processes finalizing the same awards at once draft one contract each.

beforeAll(seedCounty);

/** A tender whose award is proposed to the legal aid organization, with a one-day objection period. */
async function proposedAward() {
  const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  const legal = await viewerFor('legal@demo.gonghui.cn');
  const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2), objectionDays: 1 }));
  submitBid(legal, id, organizationOf('legal@demo.gonghui.cn').id, { priceFen: 4_000_000, plan: '方案', team: '' });
  return id;
}

describe('the award clock in several processes at once', () => {
  it('finalizes each award once: one contract per tender', async () => {
    const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await proposedAward());
    advanceHours(3);
    runClock();
    for (const id of ids) {
      declareConflicts(commissioner, id, []);
      const bid = openBids(commissioner, requireTender(id))[0]!;
      const scores = {
        plan: 80,
        team: 80,
        track_record: 80,
        plan_comment: '',
        team_comment: '',
        track_record_comment: '',
      };
      scoreBid(commissioner, id, { bidId: bid.id, ...scores });
      proposeAward(commissioner, id, bid.id);
    }
    advanceHours(25);

    const offset = String(now().getTime() - Date.now());
    const clocks = Array.from({ length: 3 }, () => contender<[]>('tests/support/clock-worker.ts', [offset]));
    await Promise.all(clocks.map((c) => c.ready));
    for (const c of clocks) c.go();
    await Promise.all(clocks.map((c) => c.done));

    const drafted = db
      .select({ tenderId: contracts.tenderId, n: sql<number>`count(*)` })
      .from(contracts)
      .where(inArray(contracts.tenderId, ids))
      .groupBy(contracts.tenderId)
      .all();
    expect(drafted).toEqual(ids.map((tenderId) => ({ tenderId, n: 1 })));
    for (const id of ids) expect(requireTender(id).state).toBe('awarded');
  }, 120_000);
});
