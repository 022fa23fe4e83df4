import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Grade, PassingGrade } from '../../app/evaluation/grades';
import {
  applicationMachine,
  bookingMachine,
  exitDecisions,
  residencyEvaluationMachine,
  residencyMachine,
  type ApplicationState,
  type BookingState,
  type ResidencyEvaluationState,
  type ResidencyState,
} from '../../app/incubation/machine';
import { entryCriteria, indicators, type IncubatorSettings, type StoredSettings } from '../../app/incubation/settings';
import { users } from './accounts';
import { at, createdAt, id, oneOf } from './columns';
import { evaluations } from './evaluation';
import { organizations } from './organizations';
import { unions } from './unions';

export const incubators = sqliteTable(
  'incubators',
  {
    id: id(),
    unionId: integer('union_id')
      .notNull()
      .references(() => unions.id),
    name: text('name').notNull(),
    host: text('host').notNull(),
    address: text('address').notNull().default(''),
    description: text('description').notNull().default(''),
    /** Overrides of app/incubation/settings.ts `defaultSettings`; null means the defaults. */
    settings: text('settings', { mode: 'json' }).$type<StoredSettings>(),
    createdAt: createdAt(),
  },
  // The staff's queues start from their unions' incubators (app/incubation/queues.server.ts).
  (t) => [index('incubators_union_idx').on(t.unionId)],
);

export const incubationApplications = sqliteTable(
  'incubation_applications',
  {
    id: id(),
    incubatorId: integer('incubator_id')
      .notNull()
      .references(() => incubators.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    plan: text('plan').notNull().default(''),
    state: text('state').$type<ApplicationState>().notNull().default('draft'),
    decisionReason: text('decision_reason'),
    submittedAt: at('submitted_at'),
    decidedAt: at('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('incubation_applications_state', oneOf(t.state, applicationMachine.states)),
    index('incubation_applications_incubator_idx').on(t.incubatorId, t.state),
    index('incubation_applications_org_idx').on(t.organizationId),
  ],
);

/** Files attached to an application; the bytes live under the data directory, not in public/. */
export const applicationAttachments = sqliteTable(
  'application_attachments',
  {
    id: id(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => incubationApplications.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('application_attachments_type', oneOf(t.contentType, ['application/pdf', 'image/png', 'image/jpeg'])),
    index('application_attachments_application_idx').on(t.applicationId),
  ],
);

/** A reviewer's entry-rubric score for one criterion of an application. */
export const applicationScores = sqliteTable(
  'application_scores',
  {
    id: id(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => incubationApplications.id),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    criterion: text('criterion').notNull(),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    check('application_scores_criterion', oneOf(t.criterion, entryCriteria)),
    check('application_scores_range', sql`${t.score} between 0 and 100`),
    uniqueIndex('application_scores_unique').on(t.applicationId, t.reviewerId, t.criterion),
  ],
);

export const residencies = sqliteTable(
  'residencies',
  {
    id: id(),
    incubatorId: integer('incubator_id')
      .notNull()
      .references(() => incubators.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    applicationId: integer('application_id').references(() => incubationApplications.id),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    state: text('state').$type<ResidencyState>().notNull().default('active'),
    decisionReason: text('decision_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    check('residencies_state', oneOf(t.state, residencyMachine.states)),
    index('residencies_org_idx').on(t.organizationId),
    index('residencies_incubator_idx').on(t.incubatorId, t.state),
    // The clock's "whose exit review is due?" across every incubator (incubation/residencies.server.ts).
    index('residencies_active_ends_idx')
      .on(t.endsOn)
      .where(sql`state = 'active'`),
    uniqueIndex('residencies_one_active')
      .on(t.incubatorId, t.organizationId)
      .where(sql`state = 'active'`),
  ],
);

export const rooms = sqliteTable('rooms', {
  id: id(),
  incubatorId: integer('incubator_id')
    .notNull()
    .references(() => incubators.id),
  name: text('name').notNull(),
  capacity: integer('capacity').notNull(),
  opensAt: text('opens_at').notNull().default('09:00'),
  closesAt: text('closes_at').notNull().default('18:00'),
});

export const roomBookings = sqliteTable(
  'room_bookings',
  {
    id: id(),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    purpose: text('purpose').notNull().default(''),
    state: text('state').$type<BookingState>().notNull().default('booked'),
    createdBy: integer('created_by').references(() => users.id),
    cancelledBy: integer('cancelled_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('room_bookings_span', sql`${t.endsAt} > ${t.startsAt}`),
    check('room_bookings_state', oneOf(t.state, bookingMachine.states)),
    index('room_bookings_room_idx').on(t.roomId, t.startsAt),
  ],
);

export const mentoringRecords = sqliteTable('mentoring_records', {
  id: id(),
  residencyId: integer('residency_id')
    .notNull()
    .references(() => residencies.id),
  heldOn: text('held_on').notNull(),
  mentor: text('mentor').notNull(),
  topic: text('topic').notNull(),
  followUps: text('follow_ups').notNull().default(''),
  followUpDoneAt: at('follow_up_done_at'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
});

export const jointMeetings = sqliteTable('joint_meetings', {
  id: id(),
  incubatorId: integer('incubator_id')
    .notNull()
    .references(() => incubators.id),
  heldAt: at('held_at').notNull(),
  agenda: text('agenda').notNull(),
  minutes: text('minutes').notNull().default(''),
  attendeeOrganizationIds: text('attendee_organization_ids', { mode: 'json' })
    .$type<number[]>()
    .notNull()
    .default(sql`'[]'`),
  createdAt: createdAt(),
});

export const exitReviews = sqliteTable(
  'exit_reviews',
  {
    id: id(),
    residencyId: integer('residency_id')
      .notNull()
      .references(() => residencies.id),
    decision: text('decision').notNull(),
    reason: text('reason').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('exit_reviews_decision', oneOf(t.decision, exitDecisions)),
    index('exit_reviews_residency_idx').on(t.residencyId),
  ],
);

/**
 * A resident's periodic evaluation while it is being done: opened for a period, scored by
 * reviewers, and on publication written to `evaluations` (score rounded there; exact here).
 */
export const residencyEvaluations = sqliteTable(
  'residency_evaluations',
  {
    id: id(),
    residencyId: integer('residency_id')
      .notNull()
      .references(() => residencies.id),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    state: text('state').$type<ResidencyEvaluationState>().notNull().default('open'),
    /** What the platform measured, frozen at publication. */
    measured: text('measured', { mode: 'json' }).$type<Record<string, number | null>>(),
    /** The weights and the grade scale it was scored with, frozen at publication. */
    model: text('model', { mode: 'json' }).$type<{
      weights: IncubatorSettings['evaluation']['weights'];
      thresholds: Record<PassingGrade, number>;
    }>(),
    score: real('score'),
    grade: text('grade').$type<Grade>(),
    evaluationId: integer('evaluation_id').references(() => evaluations.id),
    openedBy: integer('opened_by').references(() => users.id),
    publishedAt: at('published_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('residency_evaluations_state', oneOf(t.state, residencyEvaluationMachine.states)),
    check('residency_evaluations_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    index('residency_evaluations_residency_idx').on(t.residencyId),
    uniqueIndex('residency_evaluations_one_open')
      .on(t.residencyId)
      .where(sql`state = 'open'`),
  ],
);

/** A reviewer's 0–100 score for one judged indicator of a residency evaluation. */
export const residencyEvaluationScores = sqliteTable(
  'residency_evaluation_scores',
  {
    id: id(),
    residencyEvaluationId: integer('residency_evaluation_id')
      .notNull()
      .references(() => residencyEvaluations.id),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    indicator: text('indicator').notNull(),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    check('residency_evaluation_scores_indicator', oneOf(t.indicator, indicators)),
    check('residency_evaluation_scores_range', sql`${t.score} between 0 and 100`),
    uniqueIndex('residency_evaluation_scores_unique').on(t.residencyEvaluationId, t.reviewerId, t.indicator),
  ],
);
