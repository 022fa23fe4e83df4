import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { milestones } from '../../db/schema';
import { approveMilestone } from './milestones.server';
import { milestonesToPay, receiptsToConfirm } from './queues.server';
import { milestonesOf, signedContract } from '../../tests/fixtures/payments';
import { db } from '~/lib/db.server';

type Milestone = typeof milestones.$inferSelect;

it('lists due and approved milestones for the union’s finance, and paid ones for the organization’s owner to confirm', async () => {
  const world = await signedContract();
  const [signing, final] = milestonesOf(world.contractId) as [Milestone, Milestone];
  expect(signing.state).toBe('due');

  expect(milestonesToPay(world.finance).map((m) => m.id)).toEqual([signing.id]);
  expect(milestonesToPay(world.finance)[0]).toMatchObject({ unionId: world.unionId, role: 'finance' });
  expect(milestonesToPay(world.commissioner)).toEqual([]);
  expect(milestonesToPay(world.owner)).toEqual([]);

  approveMilestone(world.finance, signing.id);
  expect(milestonesToPay(world.finance).map((m) => m.id)).toEqual([signing.id]); // approved: to pay
  expect(receiptsToConfirm(world.owner)).toEqual([]);

  db.update(milestones).set({ state: 'paid' }).where(eq(milestones.id, signing.id)).run();
  expect(milestonesToPay(world.finance)).toEqual([]);
  expect(receiptsToConfirm(world.owner).map((m) => m.id)).toEqual([signing.id]);
  expect(receiptsToConfirm(world.member)).toEqual([]); // only the owner confirms
  expect(receiptsToConfirm(world.finance)).toEqual([]);
  expect(final.state).toBe('pending');
});
