import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cancelCommission,
  decideCommission,
  requireCommissioningSettings,
  requestCommission,
  setDirectCommissionLimit,
} from './commissions.server';
import { commissionMachine, type CommissionState } from './machine';
import { viewerFor } from '../../tests/fixtures/accounts';
import { refusal } from '../../tests/support/refused';
import { commissions, contracts, ledgerEntries, milestones, notifications, offerings, unions } from '../../db/schema';
import { seedDemo } from '../../db/seed';
import type { Viewer } from '~/accounts/auth.server';
import { db } from '~/lib/db.server';
import { TransitionError } from '~/lib/machine';

/** The demo accounts these tests act as, signed in once the county is seeded. */
const people = new Map<string, Viewer>();
const person = (email: string) => people.get(email)!;
const commissioner = () => person('commissioner@demo.gonghui.cn');
const psychOwner = () => person('psych@demo.gonghui.cn');
let unionId: number;
let lecture: typeof offerings.$inferSelect; // 心理知识讲座, ¥2,500 a session

beforeAll(async () => {
  await seedDemo();
  for (const email of ['admin', 'commissioner', 'psych', 'rescue', 'reviewer'].map((a) => `${a}@demo.gonghui.cn`))
    people.set(email, await viewerFor(email));
  unionId = db.select().from(unions).where(eq(unions.name, '象山县总工会')).get()!.id;
  lecture = db.select().from(offerings).where(eq(offerings.title, '心理知识讲座')).get()!;
  db.update(unions).set({ directCommissionLimitFen: 1_000_000 }).where(eq(unions.id, unionId)).run();
});

const order = (sessions: number) =>
  requestCommission(commissioner(), lecture.id, {
    unionId,
    sessions,
    periodStart: '2030-03-01',
    periodEnd: '2030-06-30',
    note: '',
  });

describe('the threshold', () => {
  it('refuses a commission above the union limit with a message, writing nothing', () => {
    const before = db.select().from(commissions).all().length;
    // 5 × ¥2,500 = ¥12,500 > ¥10,000
    expect(refusal(() => order(5))).toBe('catalog.errors.aboveLimit');
    expect(db.select().from(commissions).all()).toHaveLength(before);
  });

  it('accepts one exactly at the limit', () => {
    const id = order(4); // 4 × ¥2,500 = ¥10,000
    expect(db.select().from(commissions).where(eq(commissions.id, id)).get()!.amountFen).toBe(1_000_000);
  });

  it('is set by the union admin only, and applies to the next order', () => {
    const admin = person('admin@demo.gonghui.cn');
    expect(refusal(() => setDirectCommissionLimit(commissioner(), unionId, 5_000_000))).toBe(403);
    expect(refusal(() => requireCommissioningSettings(commissioner(), unionId))).toBe(403);
    setDirectCommissionLimit(admin, unionId, 1_500_000);
    expect(requireCommissioningSettings(admin, unionId).limitFen).toBe(1_500_000);
    expect(() => order(6)).not.toThrow(); // ¥15,000
    expect(refusal(() => order(7))).toBe('catalog.errors.aboveLimit');
    setDirectCommissionLimit(admin, unionId, 1_000_000);
  });
});

describe('acceptance', () => {
  it('creates an active contract for sessions × price, with milestones and the committed ledger row', () => {
    const id = order(3);
    const owners = db.select().from(notifications).where(eq(notifications.template, 'commission_requested')).all();
    expect(owners.some((n) => n.userId === psychOwner().id && n.data.path === `/commissions/${id}`)).toBe(true);

    const contractId = decideCommission(psychOwner(), id, { accept: true })!;
    const contract = db.select().from(contracts).where(eq(contracts.id, contractId)).get()!;
    expect(contract).toMatchObject({
      amountFen: 3 * 250_000,
      sessions: 3,
      state: 'active',
      offeringId: lecture.id,
      organizationId: lecture.organizationId,
      unionId,
      title: '心理知识讲座',
      category: 'counselling',
      periodStart: '2030-03-01',
      periodEnd: '2030-06-30',
      tenderId: null,
    });
    expect(contract.signedAt).toBeInstanceOf(Date);
    const parts = db.select().from(milestones).where(eq(milestones.contractId, contractId)).all();
    expect(parts.map((m) => [m.condition, m.amountFen, m.state])).toEqual([
      ['signing', 225_000, 'due'],
      ['final', 525_000, 'pending'],
    ]);
    const ledger = db.select().from(ledgerEntries).where(eq(ledgerEntries.contractId, contractId)).all();
    expect(ledger.map((l) => [l.kind, l.amountFen])).toEqual([['committed', 750_000]]);
    const commission = db.select().from(commissions).where(eq(commissions.id, id)).get()!;
    expect(commission).toMatchObject({ state: 'accepted', contractId, decidedBy: psychOwner().id });
    const decided = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.template, 'commission_decided'), eq(notifications.userId, commissioner().id)))
      .all();
    expect(decided.at(-1)!.data).toMatchObject({ decision: 'accepted', path: `/contracts/${contractId}` });
  });

  it('keeps the price of the day it was ordered', () => {
    const id = order(2);
    db.update(offerings).set({ priceFen: 10 }).where(eq(offerings.id, lecture.id)).run();
    const contractId = decideCommission(psychOwner(), id, { accept: true })!;
    expect(db.select().from(contracts).where(eq(contracts.id, contractId)).get()!.amountFen).toBe(500_000);
    db.update(offerings).set({ priceFen: lecture.priceFen }).where(eq(offerings.id, lecture.id)).run();
  });

  it('declines with a reason and creates no contract', () => {
    const id = order(1);
    const before = db.select().from(contracts).all().length;
    expect(decideCommission(psychOwner(), id, { accept: false, reason: '档期已满' })).toBeNull();
    expect(db.select().from(contracts).all()).toHaveLength(before);
    expect(db.select().from(commissions).where(eq(commissions.id, id)).get()).toMatchObject({
      state: 'declined',
      declineReason: '档期已满',
      contractId: null,
    });
  });
});

describe('who may do what', () => {
  it('only commissioners order; only the organization owner decides; only the union cancels', () => {
    expect(
      refusal(() =>
        requestCommission(psychOwner(), lecture.id, {
          unionId,
          sessions: 1,
          periodStart: '2030-01-01',
          periodEnd: '2030-01-02',
          note: '',
        }),
      ),
    ).toBe(403);
    expect(
      refusal(() =>
        requestCommission(person('reviewer@demo.gonghui.cn'), lecture.id, {
          unionId,
          sessions: 1,
          periodStart: '2030-01-01',
          periodEnd: '2030-01-02',
          note: '',
        }),
      ),
    ).toBe(403);
    const id = order(1);
    expect(refusal(() => decideCommission(commissioner(), id, { accept: true }))).toBe(403);
    expect(refusal(() => decideCommission(person('rescue@demo.gonghui.cn'), id, { accept: true }))).toBe(403);
    expect(refusal(() => cancelCommission(psychOwner(), id))).toBe(403);
    cancelCommission(commissioner(), id);
    expect(db.select().from(commissions).where(eq(commissions.id, id)).get()!.state).toBe('cancelled');
  });

  it('refuses offerings that are not published', () => {
    db.update(offerings).set({ state: 'draft' }).where(eq(offerings.id, lecture.id)).run();
    expect(refusal(() => order(1))).toBe('catalog.errors.notCommissionable');
    db.update(offerings).set({ state: 'published' }).where(eq(offerings.id, lecture.id)).run();
  });
});

describe('the commission lifecycle follows its transition table', () => {
  const commands = {
    accept: (id: number) => decideCommission(psychOwner(), id, { accept: true }),
    decline: (id: number) => decideCommission(psychOwner(), id, { accept: false, reason: '不接' }),
    cancel: (id: number) => cancelCommission(commissioner(), id),
  } satisfies Record<keyof typeof commissionMachine.transitions, (id: number) => unknown>;

  for (const [name, t] of Object.entries(commissionMachine.transitions)) {
    for (const from of commissionMachine.states) {
      const allowed = (t.from as readonly CommissionState[]).includes(from);
      it(`${name} from ${from} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const id = order(1);
        db.update(commissions).set({ state: from }).where(eq(commissions.id, id)).run();
        const contractsBefore = db.select().from(contracts).all().length;
        if (allowed) {
          commands[name as keyof typeof commands](id);
          expect(db.select().from(commissions).where(eq(commissions.id, id)).get()!.state).toBe(t.to);
        } else {
          expect(() => commands[name as keyof typeof commands](id)).toThrow(TransitionError);
          expect(db.select().from(commissions).where(eq(commissions.id, id)).get()!.state).toBe(from);
          expect(db.select().from(contracts).all()).toHaveLength(contractsBefore);
        }
      });
    }
  }
});
