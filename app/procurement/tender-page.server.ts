import { listAttachments } from './tender-attachments.server';
import { awardNotice, listObjections, ownScores } from './award.server';
import { isPanelMember, requireOwnBid } from './bids.server';
import * as rules from './permissions';
import { may } from '~/lib/permission';
import { ownQuestions, publishedAnswers } from './questions.server';
import { listAmendments, requireVisibleTender, type Tender } from './tenders.server';
import { isEligible } from './eligibility.server';
import type { Viewer } from '~/accounts/auth.server';
import { now } from '~/lib/clock.server';
import { fenToYuanInput } from '~/lib/money';
import { viewerOrganizations } from '~/organizations/organizations.server';

/** The viewer's organization as a bidder: its own bid, questions, scores and objections, and what it may do now. */
function bidderView(viewer: Viewer, tender: Tender, organization: { id: number; name: string }, at: Date) {
  const bid = requireOwnBid(viewer, tender.id, organization.id);
  const eligible = isEligible(tender, organization.id);
  return {
    ...organization,
    eligible,
    bid: bid && {
      state: bid.state,
      receipt: bid.state === 'submitted' ? bid.receipt : null,
      submittedAt: bid.submittedAt,
      price: fenToYuanInput(bid.content.priceFen),
      plan: bid.content.plan,
      team: bid.content.team,
    },
    questions: ownQuestions(viewer, tender.id, organization.id),
    scores: ownScores(viewer, tender, organization.id),
    objections: listObjections(viewer, tender, organization.id).map(({ objection }) => ({
      id: objection.id,
      reason: objection.reason,
      state: objection.state,
      answer: objection.answer,
    })),
    canBid: may(rules.mayBid(viewer, tender, { organizationId: organization.id, eligible }, at)),
    canWithdraw: may(rules.mayWithdrawBid(viewer, tender, bid, at)),
    canAsk: may(rules.mayAskQuestion(viewer, tender, organization.id, at)),
    canObject: may(rules.mayObject(viewer, tender, bid, at)),
  };
}
export type Bidder = ReturnType<typeof bidderView>;

/** What a tender's page shows this viewer (anyone, signed in or not), and what they may do on it now. */
export function tenderPage(viewer: Viewer | null, tenderId: number) {
  const tender = requireVisibleTender(viewer, tenderId);
  const at = now();
  const organization = viewer ? viewerOrganizations(viewer)[0] : undefined;
  const panel = { member: viewer !== null && isPanelMember(viewer, tender.id) };
  return {
    tender: {
      id: tender.id,
      title: tender.title,
      unionName: tender.unionName,
      category: tender.category,
      scope: tender.scope,
      budgetFen: tender.budgetFen,
      sessions: tender.sessions,
      minWorkerVisits: tender.minWorkerVisits,
      periodStart: tender.periodStart,
      periodEnd: tender.periodEnd,
      eligibility: tender.eligibility,
      minGrade: tender.minGrade,
      questionDeadlineAt: tender.questionDeadlineAt,
      deadlineAt: tender.deadlineAt,
      minBids: tender.minBids,
      state: tender.state,
      objectionDays: tender.objectionDays,
      weights: tender.weights,
      cancelReason: tender.cancelReason,
    },
    attachments: listAttachments(tender.id).map((a) => ({ id: a.id, fileName: a.fileName, sizeBytes: a.sizeBytes })),
    amendments: listAmendments(tender.id),
    answers: publishedAnswers(tender.id),
    award: awardNotice(tender),
    open: rules.biddingOpen(tender, at),
    closed: !rules.biddingOpen(tender, at) && !rules.isDraft(tender),
    questionsOpen: rules.questionsOpen(tender, at),
    staff: {
      canPublish: may(rules.mayPublishTender(viewer, tender)),
      canEdit: may(rules.mayEditTender(viewer, tender, at)),
      canManage: may(rules.mayManageTender(viewer, tender)),
      canEvaluate: may(rules.mayReadBids(viewer, tender, panel, at)),
    },
    organization: viewer && organization ? bidderView(viewer, tender, organization, at) : null,
  };
}
export type TenderPage = ReturnType<typeof tenderPage>;
