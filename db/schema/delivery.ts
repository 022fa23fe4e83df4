import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { eventMachine, occupations, photoTypes, venueTypes, type EventState } from '../../app/delivery/machine';
import { users } from './accounts';
import { at, createdAt, id, oneOf } from './columns';
import { residencies } from './incubation';
import { organizations } from './organizations';
import { contracts } from './procurement';

/** How a check-in was made: by a phone whose number an SMS code confirmed, or by the screen's code alone. */
export const checkinVerifications = ['sms', 'code'] as const;
type CheckinVerification = (typeof checkinVerifications)[number];
/** A union reviewer's decision on what does not count by itself: admitted into the figures, or excluded. */
export const attendanceReviews = ['admitted', 'excluded'] as const;
type AttendanceReview = (typeof attendanceReviews)[number];

export const events = sqliteTable(
  'events',
  {
    id: id(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    contractId: integer('contract_id').references(() => contracts.id),
    /** A resident organization's own activity (no contract): the incubator's union oversees it. */
    residencyId: integer('residency_id').references(() => residencies.id),
    title: text('title').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    venueType: text('venue_type').notNull(),
    address: text('address').notNull().default(''),
    capacity: integer('capacity').notNull(),
    expectedAttendance: integer('expected_attendance').notNull().default(0),
    walkIns: integer('walk_ins').notNull().default(0),
    /**
     * What the organization only asserts (walk-ins, an event entered after it took place, no verified
     * check-ins) counts once a union reviewer admits it: the decision, its reason, who and when.
     */
    attendanceReview: text('attendance_review').$type<AttendanceReview>(),
    attendanceReviewReason: text('attendance_review_reason'),
    attendanceReviewedBy: integer('attendance_reviewed_by').references(() => users.id),
    attendanceReviewedAt: at('attendance_reviewed_at'),
    checkinSecret: text('checkin_secret').notNull(),
    state: text('state').$type<EventState>().notNull().default('scheduled'),
    reportSummary: text('report_summary'),
    reportedAt: at('reported_at'),
    returnReason: text('return_reason'),
    cancelReason: text('cancel_reason'),
    acceptedAt: at('accepted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('events_state', oneOf(t.state, eventMachine.states)),
    check('events_venue', oneOf(t.venueType, venueTypes)),
    check('events_span', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'events_attendance_review',
      sql`${t.attendanceReview} is null or ${oneOf(t.attendanceReview, attendanceReviews)}`,
    ),
    index('events_contract_idx').on(t.contractId, t.state),
    index('events_org_idx').on(t.organizationId, t.startsAt),
    index('events_residency_idx').on(t.residencyId),
    index('events_starts_idx').on(t.startsAt),
    index('events_state_ends_idx').on(t.state, t.endsAt),
  ],
);

/** Completion-report photos; the bytes live under data/uploads, never in public/. */
export const eventPhotos = sqliteTable(
  'event_photos',
  {
    id: id(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id),
    storageKey: text('storage_key').notNull().unique(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [check('event_photos_type', oneOf(t.contentType, photoTypes)), index('event_photos_event_idx').on(t.eventId)],
);

/** Calendar feed URLs carry an HMAC of (scope, id, version); bumping the version revokes the old URL. */
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    scope: text('scope').notNull(),
    scopeId: integer('scope_id').notNull(),
    version: integer('version').notNull().default(1),
    rotatedBy: integer('rotated_by').references(() => users.id),
    rotatedAt: at('rotated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.scopeId] }),
    check('calendar_feeds_scope', oneOf(t.scope, ['organization', 'union'])),
  ],
);

/**
 * A worker known by a mobile number confirmed with an SMS code. The number itself is never stored:
 * only an HMAC of it under a server secret, enough to tell the same number again (PIPL: the minimum).
 */
export const workers = sqliteTable('workers', {
  id: id(),
  phoneHash: text('phone_hash').notNull().unique(),
  createdAt: createdAt(),
});

/**
 * An SMS code sent to confirm a number, good for a few minutes and a few tries. Only keyed hashes
 * of the number and of the code are kept; the id travels in the form's hidden field.
 */
export const phoneChallenges = sqliteTable(
  'phone_challenges',
  {
    id: text('id').primaryKey(),
    phoneHash: text('phone_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** The salted hash of the sender's network, to limit codes per address (as checkins.network_hash). */
    networkHash: text('network_hash'),
    expiresAt: at('expires_at').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('phone_challenges_phone_idx').on(t.phoneHash, t.createdAt),
    index('phone_challenges_network_idx').on(t.networkHash, t.createdAt),
  ],
);

export const checkins = sqliteTable(
  'checkins',
  {
    id: id(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id),
    /** The verified worker; null for a check-in made in code-only mode. */
    workerId: integer('worker_id').references(() => workers.id),
    verification: text('verification').$type<CheckinVerification>().notNull().default('code'),
    review: text('review').$type<AttendanceReview>(),
    reviewReason: text('review_reason'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: at('reviewed_at'),
    deviceHash: text('device_hash').notNull(),
    occupation: text('occupation'),
    unionMember: integer('union_member', { mode: 'boolean' }),
    networkHash: text('network_hash'),
    /** The nonce of the ticket this check-in used: a ticket from one scan checks in one phone once. */
    ticket: text('ticket'),
    createdAt: createdAt(),
    /**
     * How the check-in counts (generated; the rollup triggers read it): 'verified' in every union
     * (SMS-verified, or admitted by a reviewer), 'code' only where the union's attendance standard is
     * 'code' (elsewhere it awaits review), 'excluded' nowhere. docs/decisions/091.
     */
    tally: text('tally').generatedAlwaysAs(
      sql`case when review = 'admitted' or (review is null and verification = 'sms') then 'verified' when review is null then 'code' else 'excluded' end`,
      { mode: 'virtual' },
    ),
  },
  (t) => [
    uniqueIndex('checkins_event_device').on(t.eventId, t.deviceHash),
    uniqueIndex('checkins_ticket')
      .on(t.ticket)
      .where(sql`${t.ticket} is not null`),
    uniqueIndex('checkins_event_worker').on(t.eventId, t.workerId),
    check('checkins_verification', oneOf(t.verification, checkinVerifications)),
    check('checkins_review', sql`${t.review} is null or ${oneOf(t.review, attendanceReviews)}`),
    index('checkins_event_network_idx').on(t.eventId, t.networkHash),
    check('checkins_occupation', sql`${t.occupation} is null or ${oneOf(t.occupation, occupations)}`),
  ],
);

export const ratings = sqliteTable(
  'ratings',
  {
    id: id(),
    checkinId: integer('checkin_id')
      .notNull()
      .unique()
      .references(() => checkins.id),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    tags: text('tags', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    excludedReason: text('excluded_reason'),
    excludedBy: integer('excluded_by').references(() => users.id),
    excludedAt: at('excluded_at'),
    createdAt: createdAt(),
    updatedAt: at('updated_at'),
  },
  (t) => [check('ratings_score', sql`${t.score} between 1 and 5`), index('ratings_event_idx').on(t.eventId)],
);

// Running totals of the delivery figures (app/delivery/figures.server.ts), kept by SQLite triggers
// (db/migrations, hand-written part) in the same transaction as every check-in, rating, rating
// exclusion/restore and event acceptance, so no page sums ratings or check-ins per request.
// No foreign keys: they are derived data. docs/decisions/081-rollups-and-indexes.md.

const figureColumns = () => ({
  checkins: integer('checkins').notNull().default(0),
  /** Ratings not excluded, how many of them are satisfied (score ≥ 4), and their score sum. */
  ratings: integer('ratings').notNull().default(0),
  satisfied: integer('satisfied').notNull().default(0),
  scoreSum: integer('score_sum').notNull().default(0),
});

/** What an event's figures leave apart until a union reviewer admits it (待复核). */
const pendingColumns = () => ({
  pendingSessions: integer('pending_sessions').notNull().default(0),
  pendingWalkIns: integer('pending_walk_ins').notNull().default(0),
  pendingCheckins: integer('pending_checkins').notNull().default(0),
});

/** The sums of accepted contracted events a coarser rollup keeps: what `Sums` in figures.server.ts reads. */
export const deliverySumColumns = () => ({
  sessions: integer('sessions').notNull().default(0),
  walkIns: integer('walk_ins').notNull().default(0),
  ...figureColumns(),
  ...pendingColumns(),
});

const virtual = (name: string, expression: string) =>
  integer(name).generatedAlwaysAs(sql.raw(expression), { mode: 'virtual' });

/**
 * Per event, whatever its state (docs/decisions/091). The triggers keep two kinds of columns: counts
 * of check-ins by their `tally` with their ratings not excluded (`checkins`… for 'verified',
 * `code_checkins`… for 'code'), and a copy of what the counting rules read from the event and its
 * union. The generated columns are the rules, written once: what counts and what awaits review.
 * The coarser rollups add up the generated columns of accepted contracted events.
 */
export const eventRollups = sqliteTable('event_rollups', {
  eventId: integer('event_id').primaryKey(),
  ...figureColumns(),
  codeCheckins: integer('code_checkins').notNull().default(0),
  codeRatings: integer('code_ratings').notNull().default(0),
  codeSatisfied: integer('code_satisfied').notNull().default(0),
  codeScoreSum: integer('code_score_sum').notNull().default(0),
  /** The attendance standard of the event's union ('sms' when it has none). */
  standard: text('standard').$type<CheckinVerification>().notNull().default('sms'),
  accepted: integer('accepted', { mode: 'boolean' }).notNull().default(false),
  contractId: integer('contract_id'),
  organizationId: integer('organization_id'),
  /** The Shanghai month (yyyymm) the event starts in. */
  month: integer('month'),
  walkIns: integer('walk_ins').notNull().default(0),
  /** Entered in the system more than 30 minutes after it started: its session is only asserted. */
  enteredLate: integer('entered_late', { mode: 'boolean' }).notNull().default(false),
  review: text('review').$type<AttendanceReview>(),
  countedCheckins: virtual('counted_checkins', `checkins + iif(standard = 'code', code_checkins, 0)`),
  countedRatings: virtual('counted_ratings', `ratings + iif(standard = 'code', code_ratings, 0)`),
  countedSatisfied: virtual('counted_satisfied', `satisfied + iif(standard = 'code', code_satisfied, 0)`),
  countedScoreSum: virtual('counted_score_sum', `score_sum + iif(standard = 'code', code_score_sum, 0)`),
  pendingCheckins: virtual('pending_checkins', `iif(standard = 'code', 0, code_checkins)`),
  /** A delivered session: accepted, and shown by counted check-ins at an event entered in time, or admitted. */
  sessions: virtual(
    'sessions',
    `accepted and (review is 'admitted' or (not entered_late and checkins + iif(standard = 'code', code_checkins, 0) > 0))`,
  ),
  pendingSessions: virtual(
    'pending_sessions',
    `accepted and review is null and (entered_late or checkins + iif(standard = 'code', code_checkins, 0) = 0)`,
  ),
  countedWalkIns: virtual('counted_walk_ins', `iif(accepted and review is 'admitted', walk_ins, 0)`),
  pendingWalkIns: virtual('pending_walk_ins', `iif(review is null, walk_ins, 0)`),
});

/** Accepted contracted events by contract and Shanghai month (yyyymm) of their start. */
export const contractMonthRollups = sqliteTable(
  'contract_month_rollups',
  {
    contractId: integer('contract_id').notNull(),
    month: integer('month').notNull(),
    ...deliverySumColumns(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.month] })],
);

/** Accepted contracted events by organization: `organizationFigures` and the catalog's satisfaction sort. */
export const organizationRollups = sqliteTable('organization_rollups', {
  organizationId: integer('organization_id').primaryKey(),
  ...deliverySumColumns(),
});
