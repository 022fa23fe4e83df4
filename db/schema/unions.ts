import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { unionLevels, unionRoles } from '../../app/accounts/roles';
import { users } from './accounts';
import { createdAt, fen, id, oneOf } from './columns';
import { checkinVerifications } from './delivery';

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
    attendanceStandard: text('attendance_standard')
      .$type<(typeof checkinVerifications)[number]>()
      .notNull()
      .default('sms'),
    /** The shortest time from publishing a tender to its bidding deadline, in days (decision 110). */
    minBiddingDays: integer('min_bidding_days').notNull().default(5),
    // Red-flag thresholds (docs/decisions/115; limits in app/risk/settings.ts).
    riskCeilingPercent: integer('risk_ceiling_percent').notNull().default(98),
    riskLateBidMinutes: integer('risk_late_bid_minutes').notNull().default(60),
    riskConcentrationPercent: integer('risk_concentration_percent').notNull().default(40),
    riskWinStreak: integer('risk_win_streak').notNull().default(3),
    riskSplitDays: integer('risk_split_days').notNull().default(90),
    riskGrowthPercent: integer('risk_growth_percent').notNull().default(20),
    riskScoreGap: integer('risk_score_gap').notNull().default(25),
    createdAt: createdAt(),
  },
  (t) => [
    check('unions_level', oneOf(t.level, unionLevels)),
    check('unions_attendance_standard', oneOf(t.attendanceStandard, checkinVerifications)),
    index('unions_parent_idx').on(t.parentId),
  ],
);

/**
 * Each union with itself and every union above it, kept by a trigger on `unions` (a union's parent
 * never changes): the rollup triggers add a contract's figures to each of its union's ancestors.
 */
export const unionAncestors = sqliteTable(
  'union_ancestors',
  {
    unionId: integer('union_id').notNull(),
    ancestorId: integer('ancestor_id').notNull(),
  },
  // Descendants of a union (a dashboard's subtree) by the second index, without a recursive walk.
  (t) => [
    primaryKey({ columns: [t.unionId, t.ancestorId] }),
    index('union_ancestors_descendants_idx').on(t.ancestorId, t.unionId),
  ],
);

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
