import { describe, expect, it } from 'vitest';
import { milestoneMachine, paymentMachine } from './machine';
import * as rules from './permissions';
import { may, refusal } from '~/lib/permission';
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
      states.flatMap((s) =>
        who((w) => may(rules.mayApproveMilestone(w, { state: s }, contract()))).map((p) => `${p}@${s}`),
      ),
    ).toEqual(['finance@due']);
    expect(
      contractMachine.states.filter((c) =>
        may(rules.mayApproveMilestone(people.finance, { state: 'due' }, contract(c))),
      ),
    ).toEqual(['active', 'completed']);
  });

  it('finance pays an approved milestone under a signed contract, by transfer or online', () => {
    expect(states.filter((s) => may(rules.mayPayMilestone(people.finance, { state: s }, contract())))).toEqual([
      'approved',
    ]);
    expect(may(rules.mayPayMilestone(people.finance, { state: 'approved' }, contract('terminated')))).toBe(false);
    expect(who((w) => may(rules.mayPayMilestone(w, { state: 'approved' }, contract())))).toEqual(['finance']);
  });

  it('the organization’s owner confirms the money of a paid milestone arrived', () => {
    expect(states.filter((s) => may(rules.mayConfirmReceipt(people.owner, { state: s }, contract())))).toEqual([
      'paid',
    ]);
    expect(who((w) => may(rules.mayConfirmReceipt(w, { state: 'paid' }, contract())))).toEqual(['owner']);
  });

  it('finance cancels a Stripe attempt still pending', () => {
    expect(
      paymentMachine.states.filter((s) => may(rules.mayCancelPayment(people.finance, { state: s }, contract()))),
    ).toEqual(['pending']);
    expect(who((w) => may(rules.mayCancelPayment(w, { state: 'pending' }, contract())))).toEqual(['finance']);
  });

  it('the organization and the paying union’s staff see milestones; vouchers only finance, commissioners and the organization', () => {
    expect(who((w) => may(rules.maySeeMilestone(w, contract())))).toEqual([
      'finance',
      'commissioner',
      'leadership',
      'admin',
      'owner',
      'member',
    ]);
    expect(who((w) => may(rules.maySeeVouchers(w, contract())))).toEqual([
      'finance',
      'commissioner',
      'owner',
      'member',
    ]);
  });

  it('budgets are set by admins and finance; the owner connects Stripe', () => {
    expect(who((w) => may(rules.maySetBudget(w, unionId)))).toEqual(['finance', 'admin']);
    expect(who((w) => may(rules.mayConnectStripe(w, organizationId)))).toEqual(['owner']);
  });
});

describe('refusals say what the command says', () => {
  it('who is asking is forbidden; the wrong state is the machine’s refusal or a closed attempt', () => {
    expect(rules.mayApproveMilestone(people.commissioner, { state: 'due' }, contract())).toBe('forbidden');
    expect(rules.mayApproveMilestone(people.finance, { state: 'due' }, contract('terminated'))).toEqual(
      refusal('errors.illegalTransition', 409),
    );
    expect(rules.mayPayMilestone(people.finance, { state: 'due' }, contract())).toEqual(
      refusal('errors.illegalTransition', 409),
    );
    expect(rules.mayConfirmReceipt(people.member, { state: 'paid' }, contract())).toBe('forbidden');
    expect(rules.mayCancelPayment(people.finance, { state: 'paid' }, contract())).toEqual(
      refusal('payments.errors.attemptClosed', 409),
    );
    expect(rules.maySetBudget(people.commissioner, unionId)).toBe('forbidden');
  });
});
