import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { budgets } from '../../db/schema/payments';
import { contracts } from '../../db/schema/procurement';
import { departments } from '../../db/schema/unions';
import { ledgerTotals, type LedgerTotals } from './ledger.server';
import { requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { db, durably, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import '~/unions/audit-subjects.server';

export type DepartmentBudget = LedgerTotals & {
  departmentId: number;
  name: string;
  year: number;
  /** null when no budget is set for the year. */
  budgetFen: number | null;
  /** Awarded contracts the organization has not signed yet: promised, not yet committed. */
  reservedFen: number;
  remainingFen: number;
};

function reservedFen(tx: DB, departmentId: number, exceptContractId?: number) {
  return tx
    .select({ n: sql<number>`coalesce(sum(${contracts.amountFen}), 0)` })
    .from(contracts)
    .where(
      and(
        eq(contracts.departmentId, departmentId),
        eq(contracts.state, 'pending'),
        exceptContractId === undefined ? undefined : ne(contracts.id, exceptContractId),
      ),
    )
    .get()!.n;
}

function departmentBudget(tx: DB, department: { id: number; name: string }, year: number, exceptContractId?: number) {
  const budget = tx
    .select({ amountFen: budgets.amountFen })
    .from(budgets)
    .where(and(eq(budgets.departmentId, department.id), eq(budgets.year, year)))
    .get();
  const totals = ledgerTotals(sql`${contracts.departmentId} = ${department.id}`, year, tx);
  const reserved = reservedFen(tx, department.id, exceptContractId);
  return {
    ...totals,
    departmentId: department.id,
    name: department.name,
    year,
    budgetFen: budget?.amountFen ?? null,
    reservedFen: reserved,
    remainingFen: (budget?.amountFen ?? 0) - totals.committedFen - reserved,
  } satisfies DepartmentBudget;
}

/**
 * The one budget rule: a department may not award or commission more than what is left of its
 * annual service-purchase budget (budget − signed commitments that year − awards awaiting
 * signature). Call it inside the transaction that awards, commissions or signs; pass the contract
 * being signed as `exceptContractId` so its own reservation is not counted twice. Purchases with no
 * department are not charged to any budget.
 */
export function assertWithinBudget(
  tx: DB,
  departmentId: number | null,
  year: number,
  amountFen: number,
  exceptContractId?: number,
) {
  if (departmentId === null) return;
  const department = tx.select().from(departments).where(eq(departments.id, departmentId)).get();
  if (!department) throw new UserError('errors.notFound', 404);
  const budget = departmentBudget(tx, department, year, exceptContractId);
  if (budget.budgetFen === null) throw new UserError('payments.errors.noBudget', 409, { year });
  if (amountFen > budget.remainingFen)
    throw new UserError('payments.errors.overBudget', 409, { remainingFen: budget.remainingFen });
}

/** Budget, committed, paid and remaining per department of a union, for one year. */
export function unionBudgets(viewer: Viewer, unionId: number, year: number) {
  requireUnionRole(viewer, unionId, ['admin', 'finance', 'commissioner', 'leadership']);
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.unionId, unionId))
    .orderBy(asc(departments.id))
    .all()
    .map((department) => departmentBudget(db, department, year));
}

/** A budget may be raised freely but not set below what is already committed or awarded. */
export function setBudget(
  viewer: Viewer,
  unionId: number,
  input: { departmentId: number; year: number; amountFen: number },
) {
  requireUnionRole(viewer, unionId, ['admin', 'finance']);
  durably((tx) => {
    const department = tx
      .select()
      .from(departments)
      .where(and(eq(departments.id, input.departmentId), eq(departments.unionId, unionId)))
      .get();
    if (!department) throw new UserError('errors.notFound', 404);
    const current = departmentBudget(tx, department, input.year);
    if (input.amountFen < current.committedFen + current.reservedFen)
      throw new UserError('payments.errors.budgetBelowCommitted', 409);
    tx.insert(budgets)
      .values(input)
      .onConflictDoUpdate({ target: [budgets.departmentId, budgets.year], set: { amountFen: input.amountFen } })
      .run();
    audit(tx, {
      actorId: viewer.id,
      action: 'budget.set',
      subjectType: 'department',
      subjectId: department.id,
      data: { year: input.year, amountFen: input.amountFen, previousFen: current.budgetFen },
    });
  });
}
