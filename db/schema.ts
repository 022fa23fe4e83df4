import { sql, type SQL } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { orgRoles, unionLevels, unionRoles } from '../app/accounts/roles';
import { commissionMachine } from '../app/catalog/machine';
import { categories, offeringFormats, offeringStates } from '../app/catalog/taxonomy';
import { eventMachine, occupations, photoTypes, venueTypes } from '../app/delivery/machine';
import { grades, passingGrades, type PassingGrade } from '../app/evaluation/grades';
import { complaintMachine, complaintSources, evaluationBases } from '../app/evaluation/machine';
import {
  applicationMachine,
  bookingMachine,
  exitDecisions,
  residencyEvaluationMachine,
  residencyMachine,
} from '../app/incubation/machine';
import { storedInvitationStates } from '../app/invitations/machine';
import { entryCriteria, indicators, type IncubatorSettings, type StoredSettings } from '../app/incubation/settings';
import { organizationStatuses, organizationTypes } from '../app/organizations/types';
import {
  milestoneConditions,
  milestoneMachine,
  paymentMachine,
  paymentMethods,
  paymentReasons,
} from '../app/payments/machine';
import {
  bidMachine,
  contractMachine,
  criteria,
  eligibilities,
  objectionMachine,
  tenderMachine,
} from '../app/procurement/machine';

function oneOf(column: AnySQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}

const id = () => integer('id').primaryKey({ autoIncrement: true });
const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);
const at = (name: string) => integer(name, { mode: 'timestamp_ms' });
const fen = (name: string) => integer(name);

/** How a check-in was made: by a phone whose number an SMS code confirmed, or by the screen's code alone. */
export const checkinVerifications = ['sms', 'code'] as const;
/** A union reviewer's decision on what does not count by itself: admitted into the figures, or excluded. */
export const attendanceReviews = ['admitted', 'excluded'] as const;

// ── accounts ────────────────────────────────────────────────────────────────

export const users = sqliteTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  locale: text('locale').notNull().default('zh-CN'),
  isPlatformAdmin: integer('is_platform_admin', { mode: 'boolean' }).notNull().default(false),
  emailVerifiedAt: at('email_verified_at'),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: at('expires_at').notNull(),
    createdAt: createdAt(),
    // issue 10 (accounts): idle timeout — touched at most once a minute (docs/decisions/071). Sessions
    // from before the column existed get 0, so they idle out: everyone signs in under the new rules.
    lastUsedAt: at('last_used_at')
      .notNull()
      .default(sql`0`),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// ── accounts: login throttling and two-factor (issue 10, docs/decisions/071) ──

/** One failed sign-in; `key` is a SHA-256 of the account's email or of the client address. */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: id(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    at: at('at').notNull(),
  },
  (t) => [
    check('login_failures_scope', oneOf(t.scope, ['account', 'address'])),
    index('login_failures_key_idx').on(t.scope, t.key, t.at),
  ],
);

/** A TOTP authenticator: the secret sealed with TOTP_SECRET; unconfirmed until a first code is given. */
export const totpCredentials = sqliteTable('totp_credentials', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  sealedSecret: text('sealed_secret').notNull(),
  confirmedAt: at('confirmed_at'),
  lastCounter: integer('last_counter').notNull().default(0),
  // SHA-256 of each unused recovery code (high-entropy random codes, so a plain hash suffices).
  recoveryCodeHashes: text('recovery_code_hashes', { mode: 'json' })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  createdAt: createdAt(),
});

/**
 * The server secrets this database has been used with (secrets.server.ts), each with a fingerprint
 * of its key (an HMAC under the key itself, which reveals nothing of it): a database whose key is
 * missing or different refuses to start instead of making a new key over data sealed with the old.
 * A null fingerprint: the key was in use before fingerprints (migration backfill), recorded at the
 * next start that has it.
 */
export const serverKeys = sqliteTable('server_keys', {
  name: text('name').primaryKey(),
  fingerprint: text('fingerprint'),
  createdAt: createdAt(),
});

/** Between a right password and a right code: not a session, only the right to enter a code. */
export const pendingLogins = sqliteTable('pending_logins', {
  id: text('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  redirectTo: text('redirect_to').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: at('expires_at').notNull(),
});

/** Single-use tokens for email verification and password reset; only the hash is stored. */
export const userTokens = sqliteTable(
  'user_tokens',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [check('user_tokens_purpose', oneOf(t.purpose, ['verify_email', 'reset_password']))],
);

// ── unions ──────────────────────────────────────────────────────────────────

export const unions = sqliteTable(
  'unions',
  {
    id: id(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => unions.id),
    regionCode: text('region_code'),
    directCommissionLimitFen: fen('direct_commission_limit_fen').notNull().default(5_000_000),
    /** Which check-ins count in the union's figures without review: SMS-verified only, or any screen code. */
    attendanceStandard: text('attendance_standard').notNull().default('sms'),
    createdAt: createdAt(),
  },
  (t) => [
    check('unions_level', oneOf(t.level, unionLevels)),
    check('unions_attendance_standard', oneOf(t.attendanceStandard, checkinVerifications)),
    index('unions_parent_idx').on(t.parentId),
  ],
);

// issue 10 (accounts): a union's security settings; no row means the defaults.
export const unionSecurity = sqliteTable('union_security', {
  unionId: integer('union_id')
    .primaryKey()
    .references(() => unions.id, { onDelete: 'cascade' }),
  financeTwoFactorRequired: integer('finance_two_factor_required', { mode: 'boolean' }).notNull().default(false),
});

export const departments = sqliteTable(
  'departments',
  {
    id: id(),
    unionId: integer('union_id')
      .notNull()
      .references(() => unions.id),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('departments_union_idx').on(t.unionId)],
);

export const budgets = sqliteTable(
  'budgets',
  {
    id: id(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    year: integer('year').notNull(),
    amountFen: fen('amount_fen').notNull(),
  },
  (t) => [
    uniqueIndex('budgets_department_year').on(t.departmentId, t.year),
    check('budgets_amount', sql`${t.amountFen} >= 0`),
  ],
);

export const staffRoles = sqliteTable(
  'staff_roles',
  {
    id: id(),
    unionId: integer('union_id')
      .notNull()
      .references(() => unions.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('staff_roles_role', oneOf(t.role, unionRoles)),
    uniqueIndex('staff_roles_unique').on(t.unionId, t.userId, t.role),
    index('staff_roles_user_idx').on(t.userId),
  ],
);

// ── organizations ───────────────────────────────────────────────────────────

export const organizations = sqliteTable(
  'organizations',
  {
    id: id(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    creditCode: text('credit_code').unique(),
    status: text('status').notNull().default('active'),
    fields: text('fields', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    description: text('description').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    teamSize: integer('team_size').notNull().default(0),
    volunteers: integer('volunteers').notNull().default(0),
    foundedOn: text('founded_on'),
    stripeAccountId: text('stripe_account_id'),
    createdAt: createdAt(),
  },
  (t) => [
    check('organizations_type', oneOf(t.type, organizationTypes)),
    check('organizations_status', oneOf(t.status, organizationStatuses)),
    check(
      'organizations_credit_code',
      sql`(${t.type} = 'grassroots' and ${t.creditCode} is null) or (${t.type} <> 'grassroots' and length(${t.creditCode}) = 18)`,
    ),
  ],
);

export const organizationMembers = sqliteTable(
  'organization_members',
  {
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    check('organization_members_role', oneOf(t.role, orgRoles)),
    index('organization_members_user_idx').on(t.userId),
  ],
);

/**
 * A union staff role (union_id, role, optional department) or an organization's membership
 * (organization_id, role 'member') offered to an email address. Only the SHA-256 of the emailed
 * token is stored; the role is granted when the verified account of that address accepts it
 * (docs/decisions/092). At most one open invitation per address and role.
 */
export const invitations = sqliteTable(
  'invitations',
  {
    id: id(),
    unionId: integer('union_id').references(() => unions.id),
    departmentId: integer('department_id').references(() => departments.id),
    organizationId: integer('organization_id').references(() => organizations.id),
    role: text('role').notNull(),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: at('expires_at').notNull(),
    state: text('state').notNull().default('pending'),
    invitedBy: integer('invited_by').references(() => users.id),
    /** When the current link was emailed: at creation, then at each resend. */
    sentAt: at('sent_at').notNull(),
    acceptedBy: integer('accepted_by').references(() => users.id),
    /** When it was accepted or withdrawn. */
    closedAt: at('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('invitations_state', oneOf(t.state, storedInvitationStates)),
    check(
      'invitations_target',
      sql`(${t.unionId} is not null and ${t.organizationId} is null and ${oneOf(t.role, unionRoles)})
        or (${t.organizationId} is not null and ${t.unionId} is null and ${t.departmentId} is null and ${t.role} = 'member')`,
    ),
    uniqueIndex('invitations_staff_open')
      .on(t.unionId, t.role, t.email)
      .where(sql`${t.state} = 'pending'`),
    uniqueIndex('invitations_organization_open')
      .on(t.organizationId, t.email)
      .where(sql`${t.state} = 'pending'`),
    index('invitations_email_idx').on(t.email),
  ],
);

// ── incubation ──────────────────────────────────────────────────────────────

export const incubators = sqliteTable('incubators', {
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
});

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
    state: text('state').notNull().default('draft'),
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
    state: text('state').notNull().default('active'),
    decisionReason: text('decision_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    check('residencies_state', oneOf(t.state, residencyMachine.states)),
    index('residencies_org_idx').on(t.organizationId),
    index('residencies_incubator_idx').on(t.incubatorId, t.state),
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
    state: text('state').notNull().default('booked'),
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

// ── catalog ─────────────────────────────────────────────────────────────────

export const offerings = sqliteTable(
  'offerings',
  {
    id: id(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull().default(''),
    format: text('format').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    capacity: integer('capacity').notNull(),
    priceFen: fen('price_fen').notNull(),
    areas: text('areas', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    state: text('state').notNull().default('draft'),
    publishedAt: at('published_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('offerings_category', oneOf(t.category, categories)),
    check('offerings_format', oneOf(t.format, offeringFormats)),
    check('offerings_state', oneOf(t.state, offeringStates)),
    check('offerings_price', sql`${t.priceFen} >= 0`),
    index('offerings_org_idx').on(t.organizationId),
    index('offerings_state_idx').on(t.state, t.category),
  ],
);

/** Files live under the data directory (see catalog/photos.server.ts), never under public/. */
export const offeringPhotos = sqliteTable(
  'offering_photos',
  {
    id: id(),
    offeringId: integer('offering_id')
      .notNull()
      .references(() => offerings.id),
    storedName: text('stored_name').notNull().unique(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('offering_photos_type', oneOf(t.contentType, ['image/jpeg', 'image/png', 'image/webp'])),
    index('offering_photos_offering_idx').on(t.offeringId),
  ],
);

/** A direct commission; the price per session is copied from the offering when it is requested. */
export const commissions = sqliteTable(
  'commissions',
  {
    id: id(),
    offeringId: integer('offering_id')
      .notNull()
      .references(() => offerings.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    unionId: integer('union_id')
      .notNull()
      .references(() => unions.id),
    departmentId: integer('department_id').references(() => departments.id),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    sessions: integer('sessions').notNull(),
    priceFen: fen('price_fen').notNull(),
    amountFen: fen('amount_fen').notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    note: text('note').notNull().default(''),
    state: text('state').notNull().default('requested'),
    declineReason: text('decline_reason'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: at('decided_at'),
    contractId: integer('contract_id').references((): AnySQLiteColumn => contracts.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('commissions_state', oneOf(t.state, commissionMachine.states)),
    check('commissions_sessions', sql`${t.sessions} > 0`),
    check('commissions_amount', sql`${t.amountFen} > 0 and ${t.amountFen} = ${t.sessions} * ${t.priceFen}`),
    check('commissions_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    index('commissions_org_idx').on(t.organizationId, t.state),
    index('commissions_union_idx').on(t.unionId, t.state),
  ],
);

// ── procurement ─────────────────────────────────────────────────────────────

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
    minGrade: text('min_grade'),
    weights: text('weights', { mode: 'json' }).$type<Record<(typeof criteria)[number], number>>().notNull(),
    questionDeadlineAt: at('question_deadline_at'),
    deadlineAt: at('deadline_at').notNull(),
    minBids: integer('min_bids').notNull().default(1),
    objectionDays: integer('objection_days').notNull().default(5),
    state: text('state').notNull().default('draft'),
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
    // Rollups block (issue 11): the public tender list, newest deadline first, without drafts.
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
    state: text('state').notNull().default('draft'),
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
  (t) => [primaryKey({ columns: [t.tenderId, t.userId] })],
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
    state: text('state').notNull().default('filed'),
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
    state: text('state').notNull().default('draft'),
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
    // Rollups block (issue 11): the clock's quarterly evaluations find contracts still running.
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

export const milestones = sqliteTable(
  'milestones',
  {
    id: id(),
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id),
    label: text('label').notNull(),
    amountFen: fen('amount_fen').notNull(),
    condition: text('condition').notNull(),
    conditionSessions: integer('condition_sessions'),
    state: text('state').notNull().default('pending'),
    dueAt: at('due_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('milestones_state', oneOf(t.state, milestoneMachine.states)),
    check('milestones_condition', oneOf(t.condition, milestoneConditions)),
    index('milestones_contract_idx').on(t.contractId),
  ],
);

// ── delivery ────────────────────────────────────────────────────────────────

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
    attendanceReview: text('attendance_review'),
    attendanceReviewReason: text('attendance_review_reason'),
    attendanceReviewedBy: integer('attendance_reviewed_by').references(() => users.id),
    attendanceReviewedAt: at('attendance_reviewed_at'),
    checkinSecret: text('checkin_secret').notNull(),
    state: text('state').notNull().default('scheduled'),
    reportSummary: text('report_summary'),
    reportedAt: at('reported_at'),
    returnReason: text('return_reason'),
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

/** Text messages of the `local` SMS provider (development, demo, tests): shown at /admin/outbox, never sent. */
export const localSms = sqliteTable('local_sms', {
  id: id(),
  /** The number with its middle digits hidden (138****5678): the full number is never stored. */
  toMasked: text('to_masked').notNull(),
  text: text('text').notNull(),
  createdAt: at('created_at').notNull(),
});

export const checkins = sqliteTable(
  'checkins',
  {
    id: id(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id),
    /** The verified worker; null for a check-in made in code-only mode. */
    workerId: integer('worker_id').references(() => workers.id),
    verification: text('verification').notNull().default('code'),
    review: text('review'),
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

// ── evaluation ──────────────────────────────────────────────────────────────

export const evaluations = sqliteTable(
  'evaluations',
  {
    id: id(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    contractId: integer('contract_id').references(() => contracts.id),
    incubatorId: integer('incubator_id').references(() => incubators.id),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    basis: text('basis').notNull(),
    /** The final score (0–100, one decimal): the weighted indicators plus the adjustment. */
    score: real('score').notNull(),
    grade: text('grade').notNull(),
    indicators: text('indicators', { mode: 'json' }).$type<Record<string, number | null>>().notNull(),
    /** The weights and thresholds the score was computed with, so old rows stay explainable. */
    model: text('model', { mode: 'json' })
      .$type<{ weights: Record<string, number>; thresholds: { grade: string; min: number }[] }>()
      .notNull(),
    adjustment: integer('adjustment').notNull().default(0),
    adjustmentReason: text('adjustment_reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('evaluations_grade', oneOf(t.grade, grades)),
    check('evaluations_basis', oneOf(t.basis, evaluationBases)),
    check('evaluations_adjustment_reason', sql`${t.adjustment} = 0 or ${t.adjustmentReason} is not null`),
    index('evaluations_org_idx').on(t.organizationId, t.createdAt),
    index('evaluations_contract_idx').on(t.contractId, t.id),
  ],
);

/** Complaints and objections about a contract's delivery, from workers, the union or the public. */
export const complaints = sqliteTable(
  'complaints',
  {
    id: id(),
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id),
    source: text('source').notNull(),
    summary: text('summary').notNull(),
    state: text('state').notNull().default('open'),
    resolution: text('resolution'),
    recordedBy: integer('recorded_by').references(() => users.id),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolvedAt: at('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('complaints_state', oneOf(t.state, complaintMachine.states)),
    check('complaints_source', oneOf(t.source, complaintSources)),
    check('complaints_resolution', sql`${t.state} = 'open' or ${t.resolution} is not null`),
    index('complaints_contract_idx').on(t.contractId, t.state),
  ],
);

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
    state: text('state').notNull().default('open'),
    /** What the platform measured, frozen at publication. */
    measured: text('measured', { mode: 'json' }).$type<Record<string, number | null>>(),
    /** The weights and the grade scale it was scored with, frozen at publication. */
    model: text('model', { mode: 'json' }).$type<{
      weights: IncubatorSettings['evaluation']['weights'];
      thresholds: Record<PassingGrade, number>;
    }>(),
    score: real('score'),
    grade: text('grade'),
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

// ── payments ────────────────────────────────────────────────────────────────

export const payments = sqliteTable(
  'payments',
  {
    id: id(),
    milestoneId: integer('milestone_id')
      .notNull()
      .references(() => milestones.id),
    method: text('method').notNull(),
    amountFen: fen('amount_fen').notNull(),
    reference: text('reference'),
    paidOn: text('paid_on'),
    stripeObjectId: text('stripe_object_id').unique(),
    idempotencyKey: text('idempotency_key').unique(),
    recordedBy: integer('recorded_by').references(() => users.id),
    confirmedAt: at('confirmed_at'),
    /** The bank voucher's file name under the data directory's vouchers/ folder, and its sniffed type. */
    voucherFile: text('voucher_file'),
    voucherType: text('voucher_type'),
    stripeTransferId: text('stripe_transfer_id'),
    /** A Stripe attempt that expired or failed: the milestone may be paid again with a new key. */
    failedAt: at('failed_at'),
    /** See paymentMachine: a recorded bank transfer is written paid, a Stripe attempt starts pending. */
    state: text('state').notNull().default('paid'),
    /** Why it was cancelled or needs attention (paymentReasons). */
    reason: text('reason'),
    /** Finance's own words when they cancel an attempt. */
    note: text('note'),
    cancelledAt: at('cancelled_at'),
    /** On cancel: true if Stripe expired the Checkout Session too, false if Stripe could not be told. */
    stripeCancelled: integer('stripe_cancelled', { mode: 'boolean' }),
    /** What Stripe reported it took, as the webhook said: compared with the milestone before paying it. */
    chargedAmountFen: fen('charged_amount_fen'),
    chargedCurrency: text('charged_currency'),
    createdAt: createdAt(),
  },
  (t) => [
    check('payments_method', oneOf(t.method, paymentMethods)),
    check('payments_state', oneOf(t.state, paymentMachine.states)),
    check('payments_reason', sql`${t.reason} is null or ${oneOf(t.reason, paymentReasons)}`),
    check('payments_amount', sql`${t.amountFen} > 0`),
    uniqueIndex('payments_stripe_transfer_id').on(t.stripeTransferId),
    index('payments_milestone_idx').on(t.milestoneId),
  ],
);

/** Append-only: every money movement is a row; totals are sums over it. */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: id(),
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id),
    milestoneId: integer('milestone_id').references(() => milestones.id),
    paymentId: integer('payment_id').references(() => payments.id),
    kind: text('kind').notNull(),
    amountFen: fen('amount_fen').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('ledger_kind', oneOf(t.kind, ['committed', 'released', 'approved', 'paid', 'confirmed'])),
    index('ledger_contract_idx').on(t.contractId),
    // A milestone is approved, paid and confirmed at most once (contract rows have no milestone).
    uniqueIndex('ledger_milestone_kind').on(t.milestoneId, t.kind),
  ],
);

export const stripeEvents = sqliteTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: createdAt(),
});

/** The last known Connect onboarding state of an organization's Stripe account. */
export const stripeAccounts = sqliteTable('stripe_accounts', {
  accountId: text('account_id').primaryKey(),
  organizationId: integer('organization_id')
    .notNull()
    .unique()
    .references(() => organizations.id),
  detailsSubmitted: integer('details_submitted', { mode: 'boolean' }).notNull().default(false),
  chargesEnabled: integer('charges_enabled', { mode: 'boolean' }).notNull().default(false),
  payoutsEnabled: integer('payouts_enabled', { mode: 'boolean' }).notNull().default(false),
  /** Stripe's time (seconds) of the snapshot applied last: an older one arriving late is ignored. */
  stateAt: integer('state_at').notNull().default(0),
});

// ── notifications & audit ───────────────────────────────────────────────────

/** The outbox: written in the transaction that causes it, delivered by a worker. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: id(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    toEmail: text('to_email'),
    template: text('template').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    locale: text('locale').notNull().default('zh-CN'),
    emailState: text('email_state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at'),
    /** While `sending`: the worker that claimed the row holds it until then (see docs/decisions). */
    leaseUntil: at('lease_until'),
    lastError: text('last_error'),
    sentAt: at('sent_at'),
    readAt: at('read_at'),
    /** The tender whose bidders (or askers) this tells of: kept out of the outbox until its deadline. */
    sealedTenderId: integer('sealed_tender_id').references(() => tenders.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('notifications_email_state', oneOf(t.emailState, ['pending', 'sending', 'sent', 'failed', 'skipped'])),
    index('notifications_user_idx').on(t.userId, t.readAt),
    index('notifications_outbox_idx').on(t.emailState, t.nextAttemptAt),
    // The clock asks "was this event's reminder sent?" every few seconds (delivery/reminders.server.ts).
    index('notifications_reminder_idx')
      .on(sql`json_extract(${t.data}, '$.path')`)
      .where(sql`template = 'event_reminder'`),
  ],
);

/** Optional emails a person has turned off; no row means the email is sent. */
export const notificationPreferences = sqliteTable(
  'notification_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    template: text('template').notNull(),
    email: integer('email', { mode: 'boolean' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.template] })],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: integer('subject_id').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    // ── audit chain (issue 10, branch audit): scope, before/after and the hash chain ──
    unionId: integer('union_id').references(() => unions.id),
    before: text('before', { mode: 'json' }).$type<Record<string, unknown>>(),
    after: text('after', { mode: 'json' }).$type<Record<string, unknown>>(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [index('audit_subject_idx').on(t.subjectType, t.subjectId), index('audit_union_idx').on(t.unionId, t.id)],
);

// ── rollups (issue 11: performance) ─────────────────────────────────────────
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
  standard: text('standard').notNull().default('sms'),
  accepted: integer('accepted', { mode: 'boolean' }).notNull().default(false),
  contractId: integer('contract_id'),
  organizationId: integer('organization_id'),
  /** The Shanghai month (yyyymm) the event starts in. */
  month: integer('month'),
  walkIns: integer('walk_ins').notNull().default(0),
  /** Entered in the system more than 30 minutes after it started: its session is only asserted. */
  enteredLate: integer('entered_late', { mode: 'boolean' }).notNull().default(false),
  review: text('review'),
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
    sessions: integer('sessions').notNull().default(0),
    walkIns: integer('walk_ins').notNull().default(0),
    ...figureColumns(),
    ...pendingColumns(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.month] })],
);

/** Accepted contracted events by organization: `organizationFigures` and the catalog's satisfaction sort. */
export const organizationRollups = sqliteTable('organization_rollups', {
  organizationId: integer('organization_id').primaryKey(),
  sessions: integer('sessions').notNull().default(0),
  walkIns: integer('walk_ins').notNull().default(0),
  ...figureColumns(),
  ...pendingColumns(),
});
