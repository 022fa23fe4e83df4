import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { deliverySumColumns } from './delivery';
import { fen } from './columns';

// The dashboards' rollups (docs/decisions/107): a row for the union holding the contract and for
// every union above it, so a province's figures are a few rows whatever the number of contracts.
// Kept by the rollup triggers (db/migrations, hand-written part) in the same transaction as the
// event, ledger and contract rows they sum; only the reports read them. No foreign keys: derived data.
// `category` '' is the row of every category together.

const money = () => ({
  /** Ledger `committed` less `released`, and `paid`. */
  committedFen: fen('committed_fen').notNull().default(0),
  paidFen: fen('paid_fen').notNull().default(0),
});

/** Accepted contracted events by Shanghai month of their start, and ledger money by month booked. */
export const unionMonthRollups = sqliteTable(
  'union_month_rollups',
  {
    unionId: integer('union_id').notNull(),
    category: text('category').notNull(),
    month: integer('month').notNull(),
    ...deliverySumColumns(),
    ...money(),
  },
  (t) => [primaryKey({ columns: [t.unionId, t.category, t.month] })],
);

/** The same by contracted organization and Shanghai year: the dashboard's organization table. */
export const unionOrganizationRollups = sqliteTable(
  'union_organization_rollups',
  {
    unionId: integer('union_id').notNull(),
    year: integer('year').notNull(),
    category: text('category').notNull(),
    organizationId: integer('organization_id').notNull(),
    ...deliverySumColumns(),
    ...money(),
    /** Worker-visits (人次), the table's order. */
    visits: integer('visits').generatedAlwaysAs(sql`walk_ins + checkins`, { mode: 'virtual' }),
  },
  (t) => [
    primaryKey({ columns: [t.unionId, t.year, t.category, t.organizationId] }),
    index('union_organization_rollups_visits_idx').on(t.unionId, t.year, t.category, t.visits),
  ],
);

/**
 * Contracts by state and the Shanghai years their service runs (from signing when no period is
 * set; `last_year` 9999 when open-ended): the dashboard's contracts table and its project count.
 */
export const unionContractRollups = sqliteTable(
  'union_contract_rollups',
  {
    unionId: integer('union_id').notNull(),
    category: text('category').notNull(),
    state: text('state').notNull(),
    firstYear: integer('first_year').notNull(),
    lastYear: integer('last_year').notNull(),
    contracts: integer('contracts').notNull().default(0),
    amountFen: fen('amount_fen').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unionId, t.category, t.state, t.firstYear, t.lastYear] })],
);
