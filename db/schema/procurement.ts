import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { categories } from '../../app/catalog/taxonomy';
import { passingGrades, type PassingGrade } from '../../app/evaluation/grades';
import {
  bidMachine,
  contractMachine,
  criteria,
  eligibilities,
  objectionMachine,
  tenderMachine,
  type BidState,
  type ContractState,
  type ObjectionState,
  type TenderState,
} from '../../app/procurement/machine';
import { users } from './accounts';
import { offerings } from './catalog';
import { at, createdAt, fen, id, oneOf } from './columns';
import { organizations } from './organizations';
import { departments, unions } from './unions';

export const tenders = sqliteTable(
  'tenders',
  {
    id: id(),
    unionId: integer('union_id')
      .notNull()
      .references(() => unions.id),
    departmentId: integer('department_id').references(() => departments.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    category: text('category').notNull(),
    scope: text('scope').notNull().default(''),
    sessions: integer('sessions').notNull(),
    minWorkerVisits: integer('min_worker_visits').notNull().default(0),
    budgetFen: fen('budget_fen').notNull(),
    periodStart: text('period_start'),
    periodEnd: text('period_end'),
    eligibility: text('eligibility').notNull().default('anyone'),
    /** The lowest evaluation grade admitted when eligibility is 'min_grade'. */
    minGrade: text('min_grade').$type<PassingGrade>(),
    weights: text('weights', { mode: 'json' }).$type<Record<(typeof criteria)[number], number>>().notNull(),
    questionDeadlineAt: at('question_deadline_at'),
    deadlineAt: at('deadline_at').notNull(),
    minBids: integer('min_bids').notNull().default(1),
    objectionDays: integer('objection_days').notNull().default(5),
    state: text('state').$type<TenderState>().notNull().default('draft'),
    cancelReason: text('cancel_reason'),
    publishedAt: at('published_at'),
    awardedBidId: integer('awarded_bid_id'),
    awardProposedAt: at('award_proposed_at'),
    objectionEndsAt: at('objection_ends_at'),
    awardedAt: at('awarded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('tenders_state', oneOf(t.state, tenderMachine.states)),
    check('tenders_category', oneOf(t.category, categories)),
    check('tenders_eligibility', oneOf(t.eligibility, eligibilities)),
    check('tenders_min_grade', sql`${t.minGrade} is null or ${oneOf(t.minGrade, passingGrades)}`),
    check('tenders_min_grade_needed', sql`(${t.eligibility} = 'min_grade') = (${t.minGrade} is not null)`),
    check('tenders_min_bids', sql`${t.minBids} >= 1`),
    check('tenders_budget', sql`${t.budgetFen} > 0`),
    check('tenders_sessions', sql`${t.sessions} > 0`),
    index('tenders_union_idx').on(t.unionId, t.state),
    index('tenders_state_deadline_idx').on(t.state, t.deadlineAt),
    // The public tender list, newest deadline first, without drafts.
    index('tenders_listed_idx')
      .on(t.deadlineAt)
      .where(sql`state <> 'draft'`),
  ],
);

/** Tender documents: the file lives outside public/ under the data directory, named by `storageKey`. */
export const tenderAttachments = sqliteTable(
  'tender_attachments',
  {
    id: id(),
    tenderId: integer('tender_id')
      .notNull()
      .references(() => tenders.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('tender_attachments_tender_idx').on(t.tenderId)],
);

/** Every change to a published tender: what changed, why, and whether the deadline moved. */
export const tenderAmendments = sqliteTable(
  'tender_amendments',
  {
    id: id(),
    tenderId: integer('tender_id')
      .notNull()
      .references(() => tenders.id),
    rationale: text('rationale').notNull(),
    changes: text('changes', { mode: 'json' })
      .$type<Record<string, { from: string | number | null; to: string | number | null }>>()
      .notNull(),
    deadlineBefore: at('deadline_before').notNull(),
    deadlineAfter: at('deadline_after').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('tender_amendments_tender_idx').on(t.tenderId)],
);

/** Answers are published to everyone without the asking organization's name. */
export const tenderQuestions = sqliteTable(
  'tender_questions',
  {
    id: id(),
    tenderId: integer('tender_id')
      .notNull()
      .references(() => tenders.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    askedBy: integer('asked_by').references(() => users.id),
    question: text('question').notNull(),
    answer: text('answer'),
    answeredAt: at('answered_at'),
    answeredBy: integer('answered_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('tender_questions_tender_idx').on(t.tenderId)],
);

/**
 * Bid content (price, plan, team) is sealed: AES-256-GCM with a per-tender key, so neither a page
 * nor a copy of this file reveals it before the deadline. Nothing derived from the content is
 * stored: the bidder's receipt is a keyed hash computed from it when shown (decision 093).
 */
export const bids = sqliteTable(
  'bids',
  {
    id: id(),
    tenderId: integer('tender_id')
      .notNull()
      .references(() => tenders.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    sealed: text('sealed').notNull(),
    state: text('state').$type<BidState>().notNull().default('draft'),
    submittedAt: at('submitted_at'),
    submittedBy: integer('submitted_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('bids_state', oneOf(t.state, bidMachine.states)),
    uniqueIndex('bids_tender_org').on(t.tenderId, t.organizationId),
    index('bids_org_idx').on(t.organizationId),
  ],
);

export const tenderReviewers = sqliteTable(
  'tender_reviewers',
  {
    tenderId: integer('tender_id')
      .notNull()
      .references(() => tenders.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    conflictOrganizationIds: text('conflict_organization_ids', { mode: 'json' }).$type<number[]>(),
    declaredAt: at('declared_at'),
    assignedBy: integer('assigned_by').references(() => users.id),
  },
  // A reviewer's queue finds their seats by user (app/procurement/queues.server.ts).
  (t) => [primaryKey({ columns: [t.tenderId, t.userId] }), index('tender_reviewers_user_idx').on(t.userId)],
);

export const bidScores = sqliteTable(
  'bid_scores',
  {
    id: id(),
    bidId: integer('bid_id')
      .notNull()
      .references(() => bids.id),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    criterion: text('criterion').notNull(),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    check('bid_scores_criterion', oneOf(t.criterion, criteria)),
    check('bid_scores_range', sql`${t.score} between 0 and 100`),
    uniqueIndex('bid_scores_unique').on(t.bidId, t.reviewerId, t.criterion),
  ],
);

export const objections = sqliteTable(
  'objections',
  {
    id: id(),
    tenderId: integer('tender_id')
      .notNull()
      .references(() => tenders.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The bid whose proposed award is contested. */
    awardBidId: integer('award_bid_id').references(() => bids.id),
    filedBy: integer('filed_by').references(() => users.id),
    reason: text('reason').notNull(),
    state: text('state').$type<ObjectionState>().notNull().default('filed'),
    answer: text('answer'),
    answeredAt: at('answered_at'),
    answeredBy: integer('answered_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('objections_state', oneOf(t.state, objectionMachine.states)),
    check('objections_answer', sql`${t.state} = 'filed' or ${t.answer} is not null`),
    index('objections_tender_idx').on(t.tenderId, t.state),
  ],
);

export const contracts = sqliteTable(
  'contracts',
  {
    id: id(),
    unionId: integer('union_id')
      .notNull()
      .references(() => unions.id),
    departmentId: integer('department_id').references(() => departments.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    tenderId: integer('tender_id').references(() => tenders.id),
    bidId: integer('bid_id').references(() => bids.id),
    offeringId: integer('offering_id').references(() => offerings.id),
    title: text('title').notNull(),
    category: text('category').notNull(),
    amountFen: fen('amount_fen').notNull(),
    sessions: integer('sessions').notNull(),
    minWorkerVisits: integer('min_worker_visits').notNull().default(0),
    periodStart: text('period_start'),
    periodEnd: text('period_end'),
    state: text('state').$type<ContractState>().notNull().default('draft'),
    /** The union's confirmation (issuing the contract) and the organization's (signing it). */
    issuedAt: at('issued_at'),
    issuedBy: integer('issued_by').references(() => users.id),
    signedAt: at('signed_at'),
    signedBy: integer('signed_by').references(() => users.id),
    terminationReason: text('termination_reason'),
    terminatedAt: at('terminated_at'),
    /** Set when it completes; the reason only when the commissioner completed it before it was fulfilled. */
    completedAt: at('completed_at'),
    completionReason: text('completion_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    check('contracts_state', oneOf(t.state, contractMachine.states)),
    check('contracts_amount', sql`${t.amountFen} > 0`),
    index('contracts_union_idx').on(t.unionId, t.state),
    index('contracts_org_idx').on(t.organizationId),
    // The clock's quarterly evaluations find contracts still running.
    index('contracts_period_end_idx').on(t.periodEnd),
  ],
);

/** Contract amendments with their history: the old and new value of every changed term. */
export const contractAmendments = sqliteTable(
  'contract_amendments',
  {
    id: id(),
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id),
    rationale: text('rationale').notNull(),
    changes: text('changes', { mode: 'json' })
      .$type<Record<string, { from: string | number | null; to: string | number | null }>>()
      .notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('contract_amendments_contract_idx').on(t.contractId)],
);
