import { describe, expect, it } from 'vitest';
import { contractMachine, tenderMachine, type BidState, type ContractState, type TenderState } from './machine';
import * as may from './permissions';
import type { UnionRole, Standing } from '~/accounts/roles';

const unionId = 1;
const organizationId = 10;
const now = new Date('2026-06-01T04:00:00Z');
const later = new Date(now.getTime() + 3600_000);
const earlier = new Date(now.getTime() - 3600_000);

const staff = (role: UnionRole, union = unionId): Standing => ({ roles: [{ unionId: union, role }], memberships: [] });
const member = (role: 'owner' | 'member' = 'member', organization = organizationId): Standing => ({
  roles: [],
  memberships: [{ organizationId: organization, role }],
});
const people = {
  commissioner: staff('commissioner'),
  reviewer: staff('reviewer'),
  finance: staff('finance'),
  admin: staff('admin'),
  otherCommissioner: staff('commissioner', 2),
  owner: member('owner'),
  member: member(),
  otherOwner: member('owner', 11),
  anonymous: null,
} satisfies Record<string, Standing | null>;
type Person = keyof typeof people;
const everyone = Object.keys(people) as Person[];

const tender = (state: TenderState, values: Partial<Parameters<typeof may.canObject>[1]> = {}) => ({
  unionId,
  state,
  deadlineAt: later,
  questionDeadlineAt: null,
  objectionEndsAt: null,
  awardedBidId: null,
  ...values,
});
const contract = (state: ContractState) => ({ unionId, organizationId, state });

/** The states and people for which `rule` answers yes, over every state of the machine and everyone. */
function allowed<S extends string>(states: readonly S[], rule: (who: Standing | null, state: S) => boolean) {
  return states.flatMap((state) => everyone.filter((p) => rule(people[p], state)).map((p) => `${p}@${state}`));
}

describe('tender rules', () => {
  it('only the union’s commissioners publish, and only a draft', () => {
    expect(allowed(tenderMachine.states, (who, s) => may.canPublishTender(who, tender(s)))).toEqual([
      'commissioner@draft',
    ]);
  });

  it('a draft is edited, a published tender amended before its deadline, nothing else', () => {
    expect(allowed(tenderMachine.states, (who, s) => may.canEditTender(who, tender(s), now))).toEqual([
      'commissioner@draft',
      'commissioner@published',
    ]);
    expect(may.canEditTender(people.commissioner, tender('published', { deadlineAt: earlier }), now)).toBe(false);
    expect(tenderMachine.states.map((s) => may.editMode(tender(s)))).toEqual([
      'edit',
      'amend',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('cancellation follows the machine: before the award is final, by the commissioner', () => {
    expect(allowed(tenderMachine.states, (who, s) => may.canCancelTender(who, tender(s)))).toEqual(
      tenderMachine.transitions.cancel.from.map((s) => `commissioner@${s}`),
    );
  });

  it('the panel changes until an award is proposed; answers are published while bidders can use them', () => {
    expect(allowed(tenderMachine.states, (who, s) => may.canChangePanel(who, tender(s)))).toEqual([
      'commissioner@draft',
      'commissioner@published',
      'commissioner@closed',
      'commissioner@evaluating',
    ]);
    expect(allowed(tenderMachine.states, (who, s) => may.canAnswerQuestion(who, tender(s)))).toEqual([
      'commissioner@published',
      'commissioner@closed',
      'commissioner@evaluating',
    ]);
  });

  it('bidding is open while published and before the deadline, to the organization’s members if eligible', () => {
    const bidder = { organizationId, eligible: true };
    expect(allowed(tenderMachine.states, (who, s) => may.canBid(who, tender(s), bidder, now))).toEqual([
      'owner@published',
      'member@published',
    ]);
    expect(may.canBid(people.owner, tender('published', { deadlineAt: now }), bidder, now)).toBe(false);
    expect(may.canBid(people.owner, tender('published'), { organizationId, eligible: false }, now)).toBe(false);
  });

  it('a submitted bid is withdrawn while bidding is open; a draft or withdrawn one is not', () => {
    const withdraw = (bidState: BidState, values = {}) =>
      may.canWithdrawBid(people.member, tender('published', values), { organizationId, state: bidState }, now);
    expect(withdraw('submitted')).toBe(true);
    expect(withdraw('draft')).toBe(false);
    expect(withdraw('withdrawn')).toBe(false);
    expect(withdraw('submitted', { deadlineAt: earlier })).toBe(false);
    expect(
      may.canWithdrawBid(people.otherOwner, tender('published'), { organizationId, state: 'submitted' }, now),
    ).toBe(false);
    expect(may.canWithdrawBid(people.member, tender('published'), null, now)).toBe(false);
  });

  it('questions close at the question deadline, or the bid deadline without one', () => {
    expect(may.canAskQuestion(people.member, tender('published'), organizationId, now)).toBe(true);
    expect(
      may.canAskQuestion(people.member, tender('published', { questionDeadlineAt: earlier }), organizationId, now),
    ).toBe(false);
    expect(may.canAskQuestion(people.member, tender('closed'), organizationId, now)).toBe(false);
    expect(may.canAskQuestion(people.otherOwner, tender('published'), organizationId, now)).toBe(false);
  });

  it('bids are sealed until the deadline: before it nobody reads them, after it the commissioners and the panel', () => {
    const past = { deadlineAt: earlier };
    const panel = { member: false };
    expect(allowed(tenderMachine.states, (who, s) => may.canReadBids(who, tender(s, past), panel, now))).toEqual([
      'commissioner@closed',
      'commissioner@evaluating',
      'commissioner@award_proposed',
      'commissioner@awarded',
      'commissioner@contracted',
    ]);
    expect(may.canReadBids(people.reviewer, tender('evaluating', past), { member: true }, now)).toBe(true);
    expect(may.canReadBids(people.reviewer, tender('evaluating', past), panel, now)).toBe(false);
    // Before the deadline even a tender already closed by hand stays sealed; a cancelled one never opens.
    expect(may.canReadBids(people.commissioner, tender('evaluating'), panel, now)).toBe(false);
    expect(may.canReadBids(people.commissioner, tender('cancelled', past), panel, now)).toBe(false);
    expect(may.biddingDisclosed({ deadlineAt: now }, now)).toBe(true);
  });

  it('conflicts are declared once, and bids scored, between the deadline and the proposal', () => {
    const states = tenderMachine.states;
    expect(states.filter((s) => may.canDeclareConflicts(tender(s), { declared: false }))).toEqual([
      'closed',
      'evaluating',
    ]);
    expect(states.filter((s) => may.canDeclareConflicts(tender(s), { declared: true }))).toEqual([]);
    expect(states.filter((s) => may.canScore(tender(s), { declared: true }))).toEqual(['closed', 'evaluating']);
    expect(may.canScore(tender('evaluating'), { declared: false })).toBe(false);
    expect(may.canScore(tender('evaluating'), null)).toBe(false);
  });

  it('who may award a tender: its union’s commissioner, in evaluation, once the panel is done', () => {
    const done = { done: true };
    expect(allowed(tenderMachine.states, (who, s) => may.canProposeAward(who, tender(s), done))).toEqual([
      'commissioner@evaluating',
    ]);
    expect(may.canProposeAward(people.commissioner, tender('evaluating'), { done: false })).toBe(false);
  });

  it('a losing bidder objects during the objection period only', () => {
    const proposed = (values = {}) => tender('award_proposed', { objectionEndsAt: later, awardedBidId: 7, ...values });
    const losing = { id: 8, organizationId, state: 'submitted' as const };
    expect(may.canObject(people.member, proposed(), losing, now)).toBe(true);
    expect(may.canObject(people.member, proposed(), { ...losing, id: 7 }, now)).toBe(false);
    expect(may.canObject(people.member, proposed(), { ...losing, state: 'withdrawn' }, now)).toBe(false);
    expect(may.canObject(people.member, proposed({ objectionEndsAt: now }), losing, now)).toBe(false);
    expect(may.canObject(people.member, tender('awarded', { objectionEndsAt: later }), losing, now)).toBe(false);
    expect(may.canObject(people.otherOwner, proposed(), losing, now)).toBe(false);
    expect(may.canObject(people.member, proposed(), null, now)).toBe(false);
  });

  it('an objection is answered once, by the commissioner', () => {
    expect(may.canAnswerObjection(people.commissioner, tender('award_proposed'), { state: 'filed' })).toBe(true);
    expect(may.canAnswerObjection(people.commissioner, tender('award_proposed'), { state: 'dismissed' })).toBe(false);
    expect(may.canAnswerObjection(people.reviewer, tender('award_proposed'), { state: 'filed' })).toBe(false);
  });
});

describe('contract rules', () => {
  const states = contractMachine.states;

  it('the commissioner issues a draft; the organization’s owner confirms the issued contract', () => {
    expect(allowed(states, (who, s) => may.canIssueContract(who, contract(s)))).toEqual(['commissioner@draft']);
    expect(allowed(states, (who, s) => may.canConfirmContract(who, contract(s)))).toEqual(['owner@pending']);
  });

  it('terms are amended once issued and until the contract ends', () => {
    expect(allowed(states, (who, s) => may.canAmendContract(who, contract(s)))).toEqual([
      'commissioner@pending',
      'commissioner@active',
    ]);
  });

  it('completion and termination follow the machine, by the commissioner', () => {
    expect(allowed(states, (who, s) => may.canCompleteContract(who, contract(s)))).toEqual(['commissioner@active']);
    expect(allowed(states, (who, s) => may.canTerminateContract(who, contract(s)))).toEqual(
      contractMachine.transitions.terminate.from.map((s) => `commissioner@${s}`),
    );
  });

  it('the organization delivers under an active contract; money moves under a signed one', () => {
    expect(allowed(states, (who, s) => may.canDeliverUnder(who, contract(s)))).toEqual([
      'owner@active',
      'member@active',
    ]);
    expect(states.filter((s) => may.contractSigned(contract(s)))).toEqual(['active', 'completed']);
  });
});
