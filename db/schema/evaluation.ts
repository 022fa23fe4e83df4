import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { grades, type Grade } from '../../app/evaluation/grades';
import { complaintMachine, complaintSources, evaluationBases, type ComplaintState } from '../../app/evaluation/machine';
import { users } from './accounts';
import { at, createdAt, id, oneOf } from './columns';
import { incubators } from './incubation';
import { organizations } from './organizations';
import { contracts } from './procurement';

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
    grade: text('grade').$type<Grade>().notNull(),
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
    state: text('state').$type<ComplaintState>().notNull().default('open'),
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
