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
import { isOrgMember, hasUnionRole, type Standing, type UnionRole } from '~/accounts/roles';
import { canTransition } from '~/lib/machine';
import { refusal, type Refusal } from '~/lib/permission';

/**
 * Who may do what to a tender, bid, objection or contract, and when: the one place procurement's
 * rules live. Pure (no database, no clock): the caller passes the row, what it knows of the
 * viewer's relation to it, and `now`. Commands refuse with these answers; loaders return them for
 * buttons. Each rule asks the lifecycle machine about the row's real state, and answers like every
 * capability's rules (`~/lib/permission`): null when allowed, 'forbidden' for who is asking, or the
 * message key and status the command has always refused with.
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

/** The paying union's staff who read its contracts (every union role but the incubator manager's). */
export const contractReaders: readonly UnionRole[] = [
  'admin',
  'commissioner',
  'reviewer',
  'finance',
  'leadership',
  'auditor',
];

const isCommissioner = (who: Standing | null, tender: { unionId: number }) =>
  hasUnionRole(who, tender.unionId, ['commissioner']);

/** The command's machine refuses a transition from any other state with this answer. */
const illegal = refusal('errors.illegalTransition');

/** A commissioner's transition of the tender's machine. */
function commissionerTransition(
  who: Standing | null,
  tender: TenderRow,
  name: keyof typeof tenderMachine.transitions,
): Refusal | null {
  if (!isCommissioner(who, tender)) return 'forbidden';
  return canTransition(tenderMachine, tender.state, name, 'commissioner') ? null : illegal;
}

/** A draft is edited freely, and seen by the union's staff only. */
export function isDraft(tender: { state: TenderState }) {
  return tender.state === 'draft';
}

/** A union's commissioners open its tenders. */
export function mayCreateTender(who: Standing | null, unionId: number): Refusal | null {
  return hasUnionRole(who, unionId, ['commissioner']) ? null : 'forbidden';
}

export function mayPublishTender(who: Standing | null, tender: TenderRow) {
  return commissionerTransition(who, tender, 'publish');
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

/**
 * A draft is edited; a published tender is amended, and only before its deadline. After it, the
 * commissioner is told when bidding closed (also on the edit page, decision 111).
 */
export function mayEditTender(who: Standing | null, tender: TenderRow, now: Date): Refusal | null {
  if (!isCommissioner(who, tender)) return 'forbidden';
  const mode = editMode(tender);
  if (mode === 'edit' || (mode === 'amend' && biddingOpen(tender, now))) return null;
  return tender.state === 'cancelled'
    ? refusal('procurement.errors.cancelledNotEditable')
    : refusal('procurement.errors.editClosed', 409, { at: tender.deadlineAt });
}

/** The tender's management page (panel, questions, objections, cancellation): its union's commissioners. */
export function mayManageTender(who: Standing | null, tender: TenderRow): Refusal | null {
  return isCommissioner(who, tender) ? null : 'forbidden';
}

export function mayCancelTender(who: Standing | null, tender: TenderRow) {
  return commissionerTransition(who, tender, 'cancel');
}

/** Documents of a draft may be removed; once published, a tender's documents are part of the record. */
export function mayRemoveAttachment(who: Standing | null, tender: TenderRow): Refusal | null {
  if (!isCommissioner(who, tender)) return 'forbidden';
  return isDraft(tender) ? null : illegal;
}

/** Published answers go out while bidders can still use them: until the bids are scored. */
const questionAnswerStates: readonly TenderState[] = ['published', 'closed', 'evaluating'];

export function mayAnswerQuestion(who: Standing | null, tender: TenderRow): Refusal | null {
  if (!isCommissioner(who, tender)) return 'forbidden';
  return questionAnswerStates.includes(tender.state) ? null : illegal;
}

/** An organization's member bids for it while bidding is open, if the organization is eligible. */
export function mayBid(
  who: Standing | null,
  tender: TenderRow,
  bidder: { organizationId: number; eligible: boolean },
  now: Date,
): Refusal | null {
  if (!isOrgMember(who, bidder.organizationId)) return 'forbidden';
  if (!biddingOpen(tender, now)) return refusal('errors.biddingClosed');
  return bidder.eligible ? null : refusal('errors.notEligible', 403);
}

export function mayWithdrawBid(
  who: Standing | null,
  tender: TenderRow,
  bid: { organizationId: number; state: BidState } | null,
  now: Date,
): Refusal | null {
  if (bid === null) return refusal('errors.notFound', 404);
  if (!isOrgMember(who, bid.organizationId)) return 'forbidden';
  if (!biddingOpen(tender, now)) return refusal('errors.biddingClosed');
  return canTransition(bidMachine, bid.state, 'withdraw', 'bidder') ? null : illegal;
}

export function mayAskQuestion(
  who: Standing | null,
  tender: TenderRow,
  organizationId: number,
  now: Date,
): Refusal | null {
  if (!isOrgMember(who, organizationId)) return 'forbidden';
  return questionsOpen(tender, now) ? null : refusal('procurement.errors.questionsClosed');
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

/** Why the bids of a tender in this state are not read, for those who would read them. */
const unopenedBecause: Partial<Record<TenderState, Refusal>> = {
  draft: refusal('procurement.errors.bidsNotPublished', 403),
  cancelled: refusal('procurement.errors.cancelledUnopened', 403),
  unsuccessful: refusal('procurement.errors.unsuccessfulUnopened', 403),
};

/**
 * Bid content is read by the union's commissioners and the tender's review panel, once openable.
 * They are told why not before (when the bids open) or never (a draft, a cancelled or failed
 * tender); the union's reviewers not on the panel, that the commissioner chooses it (decision 111).
 */
export function mayReadBids(
  who: Standing | null,
  tender: TenderRow,
  panel: { member: boolean },
  now: Date,
): Refusal | null {
  if (!(isCommissioner(who, tender) || (who !== null && panel.member))) {
    return hasUnionRole(who, tender.unionId, ['reviewer'])
      ? refusal('procurement.errors.notOnPanel', 403)
      : 'forbidden';
  }
  if (tender.state === 'published' && !biddingDisclosed(tender, now)) {
    return refusal('procurement.errors.bidsOpenAt', 403, { at: tender.deadlineAt });
  }
  if (bidsOpenable(tender, now)) return null;
  return unopenedBecause[tender.state] ?? 'forbidden';
}

/** The award, its scores and each bidder's own scores are published from the proposal on. */
export function awardPublished(tender: { state: TenderState }) {
  return awardPublishedStates.includes(tender.state);
}

/** The panel may change until an award is proposed. */
const panelOpenStates: readonly TenderState[] = ['draft', 'published', 'closed', 'evaluating'];

export function mayChangePanel(who: Standing | null, tender: TenderRow): Refusal | null {
  if (!isCommissioner(who, tender)) return 'forbidden';
  return panelOpenStates.includes(tender.state) ? null : illegal;
}

/** Bids are scored (and conflicts declared) between the deadline and the award's proposal. */
const scoringStates: readonly TenderState[] = ['closed', 'evaluating'];

export function scoringOpen(tender: { state: TenderState }) {
  return scoringStates.includes(tender.state);
}

/** A panel member declares their conflicts once, before reading any bid. */
export function mayDeclareConflicts(tender: TenderRow, member: { declared: boolean } | null): Refusal | null {
  if (member === null) return 'forbidden';
  if (!scoringOpen(tender)) return illegal;
  return member.declared ? refusal('procurement.errors.alreadyDeclared') : null;
}

export function mayScore(tender: TenderRow, member: { declared: boolean } | null): Refusal | null {
  if (member === null) return 'forbidden';
  if (!member.declared) return refusal('procurement.errors.declareFirst');
  return scoringOpen(tender) ? null : illegal;
}

/** The commissioner proposes the award once every panel member has declared and scored. */
export function mayProposeAward(who: Standing | null, tender: TenderRow, panel: { done: boolean }): Refusal | null {
  if (!isCommissioner(who, tender)) return 'forbidden';
  if (!panel.done) return refusal('procurement.errors.panelNotDone');
  return commissionerTransition(who, tender, 'proposeAward');
}

/** The proposed award is open to objections until `objectionEndsAt`. */
export function objectionPeriodOpen(tender: TenderRow, now: Date) {
  return tender.state === 'award_proposed' && now.getTime() < (tender.objectionEndsAt?.getTime() ?? 0);
}

/** A bidder other than the proposed winner may object, with reasons, during the objection period. */
export function mayObject(
  who: Standing | null,
  tender: TenderRow,
  bid: { id: number; organizationId: number; state: BidState } | null,
  now: Date,
): Refusal | null {
  const notALosingBidder = refusal('procurement.errors.notALosingBidder', 403);
  if (bid === null) return notALosingBidder;
  if (!isOrgMember(who, bid.organizationId)) return 'forbidden';
  if (!objectionPeriodOpen(tender, now)) return refusal('procurement.errors.objectionPeriodOver');
  return bid.state === 'submitted' && bid.id !== tender.awardedBidId ? null : notALosingBidder;
}

export function mayAnswerObjection(
  who: Standing | null,
  tender: TenderRow,
  objection: { state: ObjectionState },
): Refusal | null {
  if (!isCommissioner(who, tender)) return 'forbidden';
  return canTransition(objectionMachine, objection.state, 'dismiss', 'commissioner') ? null : illegal;
}

/** A transition of the contract's machine, by the union's commissioner or the organization's owner. */
function contractTransition(
  who: Standing | null,
  contract: ContractRow,
  name: keyof typeof contractMachine.transitions,
  actor: 'commissioner' | 'organization',
): Refusal | null {
  const party =
    actor === 'commissioner'
      ? hasUnionRole(who, contract.unionId, ['commissioner'])
      : isOrgMember(who, contract.organizationId, ['owner']);
  if (!party) return 'forbidden';
  return canTransition(contractMachine, contract.state, name, actor) ? null : illegal;
}

/** The union's commissioner checks the drafted terms and issues the contract to the organization. */
export function mayIssueContract(who: Standing | null, contract: ContractRow) {
  return contractTransition(who, contract, 'issue', 'commissioner');
}

/** The organization's owner signs the issued contract. */
export function mayConfirmContract(who: Standing | null, contract: ContractRow) {
  return contractTransition(who, contract, 'confirm', 'organization');
}

/** Terms may be amended (with a recorded reason) once issued and until the contract ends. */
const amendableContractStates: readonly ContractState[] = ['pending', 'active'];

export function mayAmendContract(who: Standing | null, contract: ContractRow): Refusal | null {
  if (!hasUnionRole(who, contract.unionId, ['commissioner'])) return 'forbidden';
  return amendableContractStates.includes(contract.state) ? null : illegal;
}

export function mayCompleteContract(who: Standing | null, contract: ContractRow) {
  return contractTransition(who, contract, 'complete', 'commissioner');
}

export function mayTerminateContract(who: Standing | null, contract: ContractRow) {
  return contractTransition(who, contract, 'terminate', 'commissioner');
}

/** Signed and not terminated: the money is committed, and milestones may fall due and be paid. */
const signedContractStates: readonly ContractState[] = ['active', 'completed'];

export function contractSigned(contract: { state: ContractState }) {
  return signedContractStates.includes(contract.state);
}

/** The organization's members schedule and deliver events while the contract is active. */
export function mayDeliverUnder(who: Standing | null, contract: ContractRow): Refusal | null {
  if (!isOrgMember(who, contract.organizationId)) return 'forbidden';
  if (contract.state === 'active') return null;
  return ['completed', 'terminated'].includes(contract.state)
    ? refusal('errors.contractEnded')
    : refusal('errors.contractNotSigned');
}
