import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  milestoneConditions,
  milestoneMachine,
  paymentMachine,
  paymentMethods,
  paymentReasons,
  type MilestoneState,
  type PaymentReason,
  type PaymentState,
} from '../../app/payments/machine';
import { users } from './accounts';
import { at, createdAt, fen, id, oneOf } from './columns';
import { organizations } from './organizations';
import { contracts } from './procurement';
import { departments } from './unions';

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
    state: text('state').$type<MilestoneState>().notNull().default('pending'),
    dueAt: at('due_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('milestones_state', oneOf(t.state, milestoneMachine.states)),
    check('milestones_condition', oneOf(t.condition, milestoneConditions)),
    index('milestones_contract_idx').on(t.contractId),
  ],
);

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
    state: text('state').$type<PaymentState>().notNull().default('paid'),
    /** Why it was cancelled or needs attention (paymentReasons). */
    reason: text('reason').$type<PaymentReason>(),
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
