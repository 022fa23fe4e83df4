import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { commissions, offerings, organizationMembers, unions } from '../../db/schema';
import { seedDemo } from '../../db/seed';
import { cancelCommission, decideCommission, requestCommission } from './commissions.server';
import { commissionsToAnswer } from './queues.server';
import { addUser, viewerFor } from '../../tests/fixtures/accounts';
import { db } from '~/lib/db.server';

let unionId: number;
let lecture: typeof offerings.$inferSelect;

beforeAll(async () => {
  await seedDemo();
  unionId = db.select().from(unions).where(eq(unions.name, '象山县总工会')).get()!.id;
  lecture = db.select().from(offerings).where(eq(offerings.title, '心理知识讲座')).get()!;
  db.update(unions).set({ directCommissionLimitFen: 10_000_000 }).where(eq(unions.id, unionId)).run();
});

it('lists the direct commissions the organization’s owner has not answered, oldest first, and to nobody else', async () => {
  const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  const order = () =>
    requestCommission(commissioner, lecture.id, {
      unionId,
      sessions: 1,
      periodStart: '2030-03-01',
      periodEnd: '2030-06-30',
      note: '',
    });
  const first = order();
  const second = order();
  const third = order();
  const memberId = addUser('成员');
  db.insert(organizationMembers)
    .values({ organizationId: lecture.organizationId, userId: memberId, role: 'member' })
    .run();
  const owner = await viewerFor('psych@demo.gonghui.cn');
  const mine = () =>
    commissionsToAnswer(owner)
      .map((c) => c.id)
      .filter((id) => [first, second, third].includes(id));

  expect(mine()).toEqual([first, second, third]);
  expect(commissionsToAnswer(owner)[0]).toMatchObject({ organizationId: lecture.organizationId, role: 'owner' });
  expect(commissionsToAnswer(await viewerFor(memberId))).toEqual([]); // a member may not answer
  expect(commissionsToAnswer(commissioner)).toEqual([]);
  expect(commissionsToAnswer(await viewerFor('legal@demo.gonghui.cn')).map((c) => c.id)).not.toContain(first);

  decideCommission(owner, first, { accept: false, reason: '档期已满。' });
  cancelCommission(commissioner, second);
  expect(mine()).toEqual([third]);
  expect(db.select().from(commissions).where(eq(commissions.id, third)).get()!.state).toBe('requested');
});
