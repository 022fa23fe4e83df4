import {
  awardPublishedStates,
  bidMachine,
  contractMachine,
  objectionMachine,
  tenderMachine,
  type BidState,
  type ContractState,
  type ObjectionState,
  type TenderState,
} from './machine';
import { isOrgMember, hasUnionRole, type Standing } from '~/accounts/roles';
import { canTransition } from '~/lib/machine';

/**
 * Standing may do what to a tender, bid, objection or contract, and when: the one place procurement's
 * rules live. Pure (no database, no clock): the caller passes the row, what it knows of the
 * viewer's relation to it, and `now`. Commands refuse with these answers; loaders return them for
 * buttons. Each rule asks the lifecycle machine about the row's real state.
 */

type TenderRow = {
  unionId: number;
  state: TenderState;
  deadlineAt: Date;
  questionDeadlineAt?: Date | null;
  objectionEndsAt?: Date | null;
  awardedBidId?: number | null;
};
type ContractRow = { unionId: number; organizationId: number; state: ContractState };

const isCommissioner = (who: Standing | null, tender: { unionId: number }) =>
  hasUnionRole(who, tender.unionId, ['commissioner']);

/** A draft is edited freely, and seen by the union's staff only. */
export function isDraft(tender: { state: TenderState }) {
  return tender.state === 'draft';
}

export function canPublishTender(who: Standing | null, tender: TenderRow) {
  return isCommissioner(who, tender) && canTransition(tenderMachine, tender.state, 'publish', 'commissioner');
}

/** Bids may be written, submitted and withdrawn while the tender is published and its deadline ahead. */
export function biddingOpen(tender: Pick<TenderRow, 'state' | 'deadlineAt'>, now: Date) {
  return tender.state === 'published' && now.getTime() < tender.deadlineAt.getTime();
}

/** Questions may be asked until the question deadline, or the bid deadline if none was set. */
export function questionsOpen(tender: Pick<TenderRow, 'state' | 'deadlineAt' | 'questionDeadlineAt'>, now: Date) {
  const until = tender.questionDeadlineAt ?? tender.deadlineAt;
  return biddingOpen(tender, now) && now.getTime() < until.getTime();
}

/** How the tender's form changes it: a draft is edited freely, a published tender amended; otherwise not at all. */
export function editMode(tender: { state: TenderState }): 'edit' | 'amend' | null {
  if (isDraft(tender)) return 'edit';
  return canTransition(tenderMachine, tender.state, 'amend') ? 'amend' : null;
}

/** A draft is edited; a published tender is amended, and only before its deadline. */
export function canEditTender(who: Standing | null, tender: TenderRow, now: Date) {
  const mode = editMode(tender);
  return isCommissioner(who, tender) && (mode === 'edit' || (mode === 'amend' && biddingOpen(tender, now)));
}

/** The tender's management page (panel, questions, objections, cancellation): its union's commissioners. */
export function canManageTender(who: Standing | null, tender: TenderRow) {
  return isCommissioner(who, tender);
}

export function canCancelTender(who: Standing | null, tender: TenderRow) {
  return isCommissioner(who, tender) && canTransition(tenderMachine, tender.state, 'cancel', 'commissioner');
}

/** Documents of a draft may be removed; once published, a tender's documents are part of the record. */
export function canRemoveAttachment(who: Standing | null, tender: TenderRow) {
  return isCommissioner(who, tender) && isDraft(tender);
}

/** Published answers go out while bidders can still use them: until the bids are scored. */
const questionAnswerStates: readonly TenderState[] = ['published', 'closed', 'evaluating'];

export function canAnswerQuestion(who: Standing | null, tender: TenderRow) {
  return isCommissioner(who, tender) && questionAnswerStates.includes(tender.state);
}

/** An organization's member bids for it while bidding is open, if the organization is eligible. */
export function canBid(
  who: Standing | null,
  tender: TenderRow,
  bidder: { organizationId: number; eligible: boolean },
  now: Date,
) {
  return isOrgMember(who, bidder.organizationId) && bidder.eligible && biddingOpen(tender, now);
}

export function canWithdrawBid(
  who: Standing | null,
  tender: TenderRow,
  bid: { organizationId: number; state: BidState } | null,
  now: Date,
) {
  return (
    bid !== null &&
    isOrgMember(who, bid.organizationId) &&
    biddingOpen(tender, now) &&
    canTransition(bidMachine, bid.state, 'withdraw', 'bidder')
  );
}

export function canAskQuestion(who: Standing | null, tender: TenderRow, organizationId: number, now: Date) {
  return isOrgMember(who, organizationId) && questionsOpen(tender, now);
}

/**
 * When a bid becomes readable. Bidding is sealed until the deadline by the server's clock: before
 * it nobody but the bidder learns who bid or anything derived from a bid (disclosure.server.ts
 * applies this in SQL to the audit trail and notifications; decision 093).
 */
export function biddingDisclosed(tender: { deadlineAt: Date }, now: Date) {
  return now.getTime() >= tender.deadlineAt.getTime();
}

/** States in which the union may open the sealed bids: after the deadline, and never if the tender ended before it. */
const openedTenderStates: readonly TenderState[] = ['closed', 'evaluating', 'award_proposed', 'awarded', 'contracted'];

/** Whether the bids may be opened at all yet: disclosed, and the tender in an opened state. */
export function bidsOpenable(tender: Pick<TenderRow, 'state' | 'deadlineAt'>, now: Date) {
  return biddingDisclosed(tender, now) && openedTenderStates.includes(tender.state);
}

/** Bid content is read by the union's commissioners and the tender's review panel, once openable. */
export function canReadBids(who: Standing | null, tender: TenderRow, panel: { member: boolean }, now: Date) {
  return (isCommissioner(who, tender) || (who !== null && panel.member)) && bidsOpenable(tender, now);
}

/** The award, its scores and each bidder's own scores are published from the proposal on. */
export function awardPublished(tender: { state: TenderState }) {
  return awardPublishedStates.includes(tender.state);
}

/** The panel may change until an award is proposed. */
const panelOpenStates: readonly TenderState[] = ['draft', 'published', 'closed', 'evaluating'];

export function canChangePanel(who: Standing | null, tender: TenderRow) {
  return isCommissioner(who, tender) && panelOpenStates.includes(tender.state);
}

/** Bids are scored (and conflicts declared) between the deadline and the award's proposal. */
const scoringStates: readonly TenderState[] = ['closed', 'evaluating'];

export function scoringOpen(tender: { state: TenderState }) {
  return scoringStates.includes(tender.state);
}

/** A panel member declares their conflicts once, before reading any bid. */
export function canDeclareConflicts(tender: TenderRow, member: { declared: boolean } | null) {
  return member !== null && !member.declared && scoringOpen(tender);
}

export function canScore(tender: TenderRow, member: { declared: boolean } | null) {
  return member !== null && member.declared && scoringOpen(tender);
}

/** The commissioner proposes the award once every panel member has declared and scored. */
export function canProposeAward(who: Standing | null, tender: TenderRow, panel: { done: boolean }) {
  return (
    isCommissioner(who, tender) &&
    panel.done &&
    canTransition(tenderMachine, tender.state, 'proposeAward', 'commissioner')
  );
}

/** The proposed award is open to objections until `objectionEndsAt`. */
export function objectionPeriodOpen(tender: TenderRow, now: Date) {
  return tender.state === 'award_proposed' && now.getTime() < (tender.objectionEndsAt?.getTime() ?? 0);
}

/** A bidder other than the proposed winner may object, with reasons, during the objection period. */
export function canObject(
  who: Standing | null,
  tender: TenderRow,
  bid: { id: number; organizationId: number; state: BidState } | null,
  now: Date,
) {
  return (
    bid !== null &&
    isOrgMember(who, bid.organizationId) &&
    objectionPeriodOpen(tender, now) &&
    bid.state === 'submitted' &&
    bid.id !== tender.awardedBidId
  );
}

export function canAnswerObjection(who: Standing | null, tender: TenderRow, objection: { state: ObjectionState }) {
  return isCommissioner(who, tender) && canTransition(objectionMachine, objection.state, 'dismiss', 'commissioner');
}

const isContractCommissioner = (who: Standing | null, contract: ContractRow) =>
  hasUnionRole(who, contract.unionId, ['commissioner']);

/** The union's commissioner checks the drafted terms and issues the contract to the organization. */
export function canIssueContract(who: Standing | null, contract: ContractRow) {
  return (
    isContractCommissioner(who, contract) && canTransition(contractMachine, contract.state, 'issue', 'commissioner')
  );
}

/** The organization's owner signs the issued contract. */
export function canConfirmContract(who: Standing | null, contract: ContractRow) {
  return (
    isOrgMember(who, contract.organizationId, ['owner']) &&
    canTransition(contractMachine, contract.state, 'confirm', 'organization')
  );
}

/** Terms may be amended (with a recorded reason) once issued and until the contract ends. */
const amendableContractStates: readonly ContractState[] = ['pending', 'active'];

export function canAmendContract(who: Standing | null, contract: ContractRow) {
  return isContractCommissioner(who, contract) && amendableContractStates.includes(contract.state);
}

export function canCompleteContract(who: Standing | null, contract: ContractRow) {
  return (
    isContractCommissioner(who, contract) && canTransition(contractMachine, contract.state, 'complete', 'commissioner')
  );
}

export function canTerminateContract(who: Standing | null, contract: ContractRow) {
  return (
    isContractCommissioner(who, contract) && canTransition(contractMachine, contract.state, 'terminate', 'commissioner')
  );
}

/** Signed and not terminated: the money is committed, and milestones may fall due and be paid. */
const signedContractStates: readonly ContractState[] = ['active', 'completed'];

export function contractSigned(contract: { state: ContractState }) {
  return signedContractStates.includes(contract.state);
}

/** The organization's members schedule and deliver events while the contract is active. */
export function canDeliverUnder(who: Standing | null, contract: ContractRow) {
  return isOrgMember(who, contract.organizationId) && contract.state === 'active';
}
