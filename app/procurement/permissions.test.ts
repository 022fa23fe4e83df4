import { describe, expect, it } from 'vitest';
import { contractMachine, tenderMachine, type BidState, type ContractState, type TenderState } from './machine';
import * as rules from './permissions';
import { may, refusal } from '~/lib/permission';
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

const tender = (state: TenderState, values: Partial<Parameters<typeof rules.mayObject>[1]> = {}) => ({
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
    expect(allowed(tenderMachine.states, (who, s) => may(rules.mayPublishTender(who, tender(s))))).toEqual([
      'commissioner@draft',
    ]);
  });

  it('a draft is edited, a published tender amended before its deadline, nothing else', () => {
    expect(allowed(tenderMachine.states, (who, s) => may(rules.mayEditTender(who, tender(s), now)))).toEqual([
      'commissioner@draft',
      'commissioner@published',
    ]);
    expect(may(rules.mayEditTender(people.commissioner, tender('published', { deadlineAt: earlier }), now))).toBe(
      false,
    );
    expect(tenderMachine.states.map((s) => rules.editMode(tender(s)))).toEqual([
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
    expect(allowed(tenderMachine.states, (who, s) => may(rules.mayCancelTender(who, tender(s))))).toEqual(
      tenderMachine.transitions.cancel.from.map((s) => `commissioner@${s}`),
    );
  });

  it('the panel changes until an award is proposed; answers are published while bidders can use them', () => {
    expect(allowed(tenderMachine.states, (who, s) => may(rules.mayChangePanel(who, tender(s))))).toEqual([
      'commissioner@draft',
      'commissioner@published',
      'commissioner@closed',
      'commissioner@evaluating',
    ]);
    expect(allowed(tenderMachine.states, (who, s) => may(rules.mayAnswerQuestion(who, tender(s))))).toEqual([
      'commissioner@published',
      'commissioner@closed',
      'commissioner@evaluating',
    ]);
  });

  it('bidding is open while published and before the deadline, to the organization’s members if eligible', () => {
    const bidder = { organizationId, eligible: true };
    expect(allowed(tenderMachine.states, (who, s) => may(rules.mayBid(who, tender(s), bidder, now)))).toEqual([
      'owner@published',
      'member@published',
    ]);
    expect(may(rules.mayBid(people.owner, tender('published', { deadlineAt: now }), bidder, now))).toBe(false);
    expect(may(rules.mayBid(people.owner, tender('published'), { organizationId, eligible: false }, now))).toBe(false);
  });

  it('a submitted bid is withdrawn while bidding is open; a draft or withdrawn one is not', () => {
    const withdraw = (bidState: BidState, values = {}) =>
      may(rules.mayWithdrawBid(people.member, tender('published', values), { organizationId, state: bidState }, now));
    expect(withdraw('submitted')).toBe(true);
    expect(withdraw('draft')).toBe(false);
    expect(withdraw('withdrawn')).toBe(false);
    expect(withdraw('submitted', { deadlineAt: earlier })).toBe(false);
    expect(
      may(rules.mayWithdrawBid(people.otherOwner, tender('published'), { organizationId, state: 'submitted' }, now)),
    ).toBe(false);
    expect(may(rules.mayWithdrawBid(people.member, tender('published'), null, now))).toBe(false);
  });

  it('questions close at the question deadline, or the bid deadline without one', () => {
    expect(may(rules.mayAskQuestion(people.member, tender('published'), organizationId, now))).toBe(true);
    expect(
      may(
        rules.mayAskQuestion(people.member, tender('published', { questionDeadlineAt: earlier }), organizationId, now),
      ),
    ).toBe(false);
    expect(may(rules.mayAskQuestion(people.member, tender('closed'), organizationId, now))).toBe(false);
    expect(may(rules.mayAskQuestion(people.otherOwner, tender('published'), organizationId, now))).toBe(false);
  });

  it('bids are sealed until the deadline: before it nobody reads them, after it the commissioners and the panel', () => {
    const past = { deadlineAt: earlier };
    const panel = { member: false };
    expect(allowed(tenderMachine.states, (who, s) => may(rules.mayReadBids(who, tender(s, past), panel, now)))).toEqual(
      [
        'commissioner@closed',
        'commissioner@evaluating',
        'commissioner@award_proposed',
        'commissioner@awarded',
        'commissioner@contracted',
      ],
    );
    expect(may(rules.mayReadBids(people.reviewer, tender('evaluating', past), { member: true }, now))).toBe(true);
    expect(may(rules.mayReadBids(people.reviewer, tender('evaluating', past), panel, now))).toBe(false);
    // Before the deadline even a tender already closed by hand stays sealed; a cancelled one never opens.
    expect(may(rules.mayReadBids(people.commissioner, tender('evaluating'), panel, now))).toBe(false);
    expect(may(rules.mayReadBids(people.commissioner, tender('cancelled', past), panel, now))).toBe(false);
    expect(rules.biddingDisclosed({ deadlineAt: now }, now)).toBe(true);
  });

  it('conflicts are declared once, and bids scored, between the deadline and the proposal', () => {
    const states = tenderMachine.states;
    expect(states.filter((s) => may(rules.mayDeclareConflicts(tender(s), { declared: false })))).toEqual([
      'closed',
      'evaluating',
    ]);
    expect(states.filter((s) => may(rules.mayDeclareConflicts(tender(s), { declared: true })))).toEqual([]);
    expect(states.filter((s) => may(rules.mayScore(tender(s), { declared: true })))).toEqual(['closed', 'evaluating']);
    expect(may(rules.mayScore(tender('evaluating'), { declared: false }))).toBe(false);
    expect(may(rules.mayScore(tender('evaluating'), null))).toBe(false);
  });

  it('who may award a tender: its union’s commissioner, in evaluation, once the panel is done', () => {
    const done = { done: true };
    expect(allowed(tenderMachine.states, (who, s) => may(rules.mayProposeAward(who, tender(s), done)))).toEqual([
      'commissioner@evaluating',
    ]);
    expect(may(rules.mayProposeAward(people.commissioner, tender('evaluating'), { done: false }))).toBe(false);
  });

  it('a losing bidder objects during the objection period only', () => {
    const proposed = (values = {}) => tender('award_proposed', { objectionEndsAt: later, awardedBidId: 7, ...values });
    const losing = { id: 8, organizationId, state: 'submitted' as const };
    expect(may(rules.mayObject(people.member, proposed(), losing, now))).toBe(true);
    expect(may(rules.mayObject(people.member, proposed(), { ...losing, id: 7 }, now))).toBe(false);
    expect(may(rules.mayObject(people.member, proposed(), { ...losing, state: 'withdrawn' }, now))).toBe(false);
    expect(may(rules.mayObject(people.member, proposed({ objectionEndsAt: now }), losing, now))).toBe(false);
    expect(may(rules.mayObject(people.member, tender('awarded', { objectionEndsAt: later }), losing, now))).toBe(false);
    expect(may(rules.mayObject(people.otherOwner, proposed(), losing, now))).toBe(false);
    expect(may(rules.mayObject(people.member, proposed(), null, now))).toBe(false);
  });

  it('an objection is answered once, by the commissioner', () => {
    expect(may(rules.mayAnswerObjection(people.commissioner, tender('award_proposed'), { state: 'filed' }))).toBe(true);
    expect(may(rules.mayAnswerObjection(people.commissioner, tender('award_proposed'), { state: 'dismissed' }))).toBe(
      false,
    );
    expect(may(rules.mayAnswerObjection(people.reviewer, tender('award_proposed'), { state: 'filed' }))).toBe(false);
  });
});

describe('contract rules', () => {
  const states = contractMachine.states;

  it('the commissioner issues a draft; the organization’s owner confirms the issued contract', () => {
    expect(allowed(states, (who, s) => may(rules.mayIssueContract(who, contract(s))))).toEqual(['commissioner@draft']);
    expect(allowed(states, (who, s) => may(rules.mayConfirmContract(who, contract(s))))).toEqual(['owner@pending']);
  });

  it('terms are amended once issued and until the contract ends', () => {
    expect(allowed(states, (who, s) => may(rules.mayAmendContract(who, contract(s))))).toEqual([
      'commissioner@pending',
      'commissioner@active',
    ]);
  });

  it('completion and termination follow the machine, by the commissioner', () => {
    expect(allowed(states, (who, s) => may(rules.mayCompleteContract(who, contract(s))))).toEqual([
      'commissioner@active',
    ]);
    expect(allowed(states, (who, s) => may(rules.mayTerminateContract(who, contract(s))))).toEqual(
      contractMachine.transitions.terminate.from.map((s) => `commissioner@${s}`),
    );
  });

  it('the organization delivers under an active contract; money moves under a signed one', () => {
    expect(allowed(states, (who, s) => may(rules.mayDeliverUnder(who, contract(s))))).toEqual([
      'owner@active',
      'member@active',
    ]);
    expect(states.filter((s) => rules.contractSigned(contract(s)))).toEqual(['active', 'completed']);
  });
});

describe('refusals say what the command says', () => {
  const illegal = refusal('errors.illegalTransition', 409);

  it('who is asking is forbidden; the wrong state is the machine’s refusal', () => {
    expect(rules.mayPublishTender(people.reviewer, tender('draft'))).toBe('forbidden');
    expect(rules.mayPublishTender(people.commissioner, tender('published'))).toEqual(illegal);
    expect(rules.mayIssueContract(people.commissioner, contract('active'))).toEqual(illegal);
    expect(rules.mayConfirmContract(people.member, contract('pending'))).toBe('forbidden');
    expect(rules.mayRemoveAttachment(people.commissioner, tender('published'))).toEqual(illegal);
    expect(rules.mayReadBids(people.finance, tender('evaluating'), { member: false }, now)).toBe('forbidden');
  });

  it('tells the panel when the sealed bids open, or why they never will; the union’s reviewers, who chooses the panel', () => {
    const sealed = tender('published');
    const member = { member: true };
    expect(rules.mayReadBids(people.reviewer, sealed, member, now)).toEqual(
      refusal('procurement.errors.bidsOpenAt', 403, { at: sealed.deadlineAt }),
    );
    expect(rules.mayReadBids(people.commissioner, tender('draft'), { member: false }, now)).toEqual(
      refusal('procurement.errors.bidsNotPublished', 403),
    );
    const past = { deadlineAt: earlier };
    expect(rules.mayReadBids(people.reviewer, tender('cancelled', past), member, now)).toEqual(
      refusal('procurement.errors.cancelledUnopened', 403),
    );
    expect(rules.mayReadBids(people.commissioner, tender('unsuccessful', past), member, now)).toEqual(
      refusal('procurement.errors.unsuccessfulUnopened', 403),
    );
    expect(rules.mayReadBids(people.reviewer, tender('evaluating', past), { member: false }, now)).toEqual(
      refusal('procurement.errors.notOnPanel', 403),
    );
  });

  it('bidding, questions and objections refuse with their own messages', () => {
    const bidder = { organizationId, eligible: true };
    expect(rules.mayBid(people.owner, tender('published', { deadlineAt: earlier }), bidder, now)).toEqual(
      refusal('errors.biddingClosed', 409),
    );
    expect(rules.mayBid(people.owner, tender('published'), { organizationId, eligible: false }, now)).toEqual(
      refusal('errors.notEligible', 403),
    );
    const closed = tender('published', { deadlineAt: earlier });
    expect(rules.mayEditTender(people.commissioner, closed, now)).toEqual(
      refusal('procurement.errors.editClosed', 409, { at: closed.deadlineAt }),
    );
    expect(rules.mayEditTender(people.commissioner, tender('evaluating', { deadlineAt: earlier }), now)).toEqual(
      refusal('procurement.errors.editClosed', 409, { at: earlier }),
    );
    expect(rules.mayEditTender(people.commissioner, tender('cancelled'), now)).toEqual(
      refusal('procurement.errors.cancelledNotEditable', 409),
    );
    expect(rules.mayAskQuestion(people.member, tender('closed'), organizationId, now)).toEqual(
      refusal('procurement.errors.questionsClosed', 409),
    );
    const losing = { id: 8, organizationId, state: 'submitted' as const };
    expect(rules.mayObject(people.member, tender('awarded'), losing, now)).toEqual(
      refusal('procurement.errors.objectionPeriodOver', 409),
    );
    expect(
      rules.mayObject(
        people.member,
        tender('award_proposed', { objectionEndsAt: later, awardedBidId: 8 }),
        losing,
        now,
      ),
    ).toEqual(refusal('procurement.errors.notALosingBidder', 403));
  });

  it('the panel’s steps and the award refuse with theirs', () => {
    expect(rules.mayDeclareConflicts(tender('evaluating'), { declared: true })).toEqual(
      refusal('procurement.errors.alreadyDeclared', 409),
    );
    expect(rules.mayScore(tender('evaluating'), { declared: false })).toEqual(
      refusal('procurement.errors.declareFirst', 409),
    );
    expect(rules.mayScore(tender('evaluating'), null)).toBe('forbidden');
    expect(rules.mayProposeAward(people.commissioner, tender('evaluating'), { done: false })).toEqual(
      refusal('procurement.errors.panelNotDone', 409),
    );
    expect(rules.mayDeliverUnder(people.member, contract('completed'))).toEqual(refusal('errors.contractEnded', 409));
    expect(rules.mayDeliverUnder(people.member, contract('pending'))).toEqual(refusal('errors.contractNotSigned', 409));
  });
});
