import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  responseKinds,
  riskIndicators,
  riskSubjects,
  type ResponseKind,
  type RiskIndicator,
  type RiskSubject,
} from '../../app/risk/indicators-list';
import type { Facts } from '../../app/risk/indicators';
import { users } from './accounts';
import { at, createdAt, fen, id, oneOf } from './columns';
import { organizations } from './organizations';
import { departments, unions } from './unions';

/**
 * Red flags (docs/decisions/115): at most one per subject and indicator, recomputed in the
 * transaction that changes the subject's data. A flag no longer raised is cleared, never deleted,
 * so its responses stay with it.
 */
export const riskFlags = sqliteTable(
  'risk_flags',
  {
    id: id(),
    unionId: integer('union_id')
      .notNull()
      .references(() => unions.id),
    departmentId: integer('department_id').references(() => departments.id),
    subjectType: text('subject_type').$type<RiskSubject>().notNull(),
    subjectId: integer('subject_id').notNull(),
    indicator: text('indicator').$type<RiskIndicator>().notNull(),
    /** The organization the flag concerns (the winner, the supplier), when there is one. */
    organizationId: integer('organization_id').references(() => organizations.id),
    /** The money of the purchase the flag is about, in fen. */
    valueFen: fen('value_fen').notNull(),
    /** What was seen, the threshold and the records behind it. */
    facts: text('facts', { mode: 'json' }).$type<Facts>().notNull(),
    /** The Shanghai year of the purchase: the period the pages and the rollup count it in. */
    year: integer('year').notNull(),
    raisedAt: at('raised_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    clearedAt: at('cleared_at'),
  },
  (t) => [
    check('risk_flags_subject', oneOf(t.subjectType, riskSubjects)),
    check('risk_flags_indicator', oneOf(t.indicator, riskIndicators)),
    check('risk_flags_value', sql`${t.valueFen} >= 0`),
    uniqueIndex('risk_flags_subject_indicator').on(t.subjectType, t.subjectId, t.indicator),
    index('risk_flags_union_idx').on(t.unionId, t.year, t.indicator),
  ],
);

export const riskResponses = sqliteTable(
  'risk_responses',
  {
    id: id(),
    flagId: integer('flag_id')
      .notNull()
      .references(() => riskFlags.id),
    kind: text('kind').$type<ResponseKind>().notNull(),
    text: text('text').notNull(),
    respondedBy: integer('responded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [check('risk_responses_kind', oneOf(t.kind, responseKinds)), index('risk_responses_flag_idx').on(t.flagId)],
);

/**
 * Open flags by union (the flag's and every union above it), Shanghai year and indicator: what the
 * province and city dashboards read, a few rows whatever the number of flags. Kept by triggers on
 * risk_flags (migration 0026_risk, hand-written part); no foreign keys: derived data.
 */
export const unionRiskRollups = sqliteTable(
  'union_risk_rollups',
  {
    unionId: integer('union_id').notNull(),
    year: integer('year').notNull(),
    indicator: text('indicator').notNull(),
    flags: integer('flags').notNull().default(0),
    valueFen: fen('value_fen').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unionId, t.year, t.indicator] })],
);
