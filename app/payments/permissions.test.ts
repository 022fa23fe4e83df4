import { describe, expect, it } from 'vitest';
import { milestoneMachine, paymentMachine } from './machine';
import * as may from './permissions';
import type { UnionRole, Standing } from '~/accounts/roles';
import { contractMachine, type ContractState } from '~/procurement/machine';

const unionId = 1;
const organizationId = 10;
const staff = (role: UnionRole, union = unionId): Standing => ({ roles: [{ unionId: union, role }], memberships: [] });
const member = (role: 'owner' | 'member', organization = organizationId): Standing => ({
  roles: [],
  memberships: [{ organizationId: organization, role }],
});
const people = {
  finance: staff('finance'),
  commissioner: staff('commissioner'),
  leadership: staff('leadership'),
  admin: staff('admin'),
  otherFinance: staff('finance', 2),
  owner: member('owner'),
  member: member('member'),
  otherOwner: member('owner', 11),
  anonymous: null,
} satisfies Record<string, Standing | null>;
type Person = keyof typeof people;
const everyone = Object.keys(people) as Person[];

const contract = (state: ContractState = 'active') => ({ unionId, organizationId, state });
const who = (rule: (w: Standing | null) => boolean) => everyone.filter((p) => rule(people[p]));
const states = milestoneMachine.states;

describe('milestone rules', () => {
  it('finance approves a due milestone, under a signed contract only', () => {
    expect(
      states.flatMap((s) => who((w) => may.canApproveMilestone(w, { state: s }, contract())).map((p) => `${p}@${s}`)),
    ).toEqual(['finance@due']);
    expect(
      contractMachine.states.filter((c) => may.canApproveMilestone(people.finance, { state: 'due' }, contract(c))),
    ).toEqual(['active', 'completed']);
  });

  it('finance pays an approved milestone under a signed contract, by transfer or online', () => {
    expect(states.filter((s) => may.canPayMilestone(people.finance, { state: s }, contract()))).toEqual(['approved']);
    expect(may.canPayMilestone(people.finance, { state: 'approved' }, contract('terminated'))).toBe(false);
    expect(who((w) => may.canPayMilestone(w, { state: 'approved' }, contract()))).toEqual(['finance']);
  });

  it('the organization’s owner confirms the money of a paid milestone arrived', () => {
    expect(states.filter((s) => may.canConfirmReceipt(people.owner, { state: s }, contract()))).toEqual(['paid']);
    expect(who((w) => may.canConfirmReceipt(w, { state: 'paid' }, contract()))).toEqual(['owner']);
  });

  it('finance cancels a Stripe attempt still pending', () => {
    expect(paymentMachine.states.filter((s) => may.canCancelPayment(people.finance, { state: s }, contract()))).toEqual(
      ['pending'],
    );
    expect(who((w) => may.canCancelPayment(w, { state: 'pending' }, contract()))).toEqual(['finance']);
  });

  it('the organization and the paying union’s staff see milestones; vouchers only finance, commissioners and the organization', () => {
    expect(who((w) => may.canSeeMilestone(w, contract()))).toEqual([
      'finance',
      'commissioner',
      'leadership',
      'admin',
      'owner',
      'member',
    ]);
    expect(who((w) => may.canSeeVouchers(w, contract()))).toEqual(['finance', 'commissioner', 'owner', 'member']);
  });

  it('budgets are set by admins and finance; the queue is read by the union’s staff who handle money; the owner connects Stripe', () => {
    expect(who((w) => may.canSetBudget(w, unionId))).toEqual(['finance', 'admin']);
    expect(who((w) => may.canSeePaymentQueue(w, unionId))).toEqual(['finance', 'commissioner', 'leadership', 'admin']);
    expect(who((w) => may.canConnectStripe(w, organizationId))).toEqual(['owner']);
  });
});
