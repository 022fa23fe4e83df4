import { and, eq, gt, sql, type SQL } from 'drizzle-orm';
import { unionRiskRollups } from '../../db/schema/risk';
import type { Granularity } from './filters';
import { categories } from '~/catalog/taxonomy';
import {
  figuresFromSums,
  noSums as noDelivery,
  rollupColumns,
  shanghaiMonth,
  type Pending,
  type Sums,
} from '~/delivery/figures.server';
import { contractOverlaps } from '~/evaluation/evaluations.server';
import { db } from '~/lib/db.server';
import { monthStart, shanghaiDate, shanghaiSeconds } from '~/lib/time';
import { contractMachine } from '~/procurement/machine';

/**
 * What a set of figures covers: contracts of a union and every union below it (optionally one
 * category or one organization) in a Shanghai year. Definitions: docs/decisions/061-report-figures.md.
 * The figures come from the union rollups (docs/decisions/107): a few rows per union whatever the
 * number of contracts; filtered to one organization, from that organization's contracts.
 */
export type Scope = {
  unionId: number;
  year: number;
  category?: string;
  organizationId?: number;
};

export type Activity = {
  sessionsDelivered: number;
  workerVisits: number;
  ratings: number;
  satisfiedRatings: number;
  satisfaction: number | null;
  committedFen: number;
  paidFen: number;
  /** Not counted yet: awaiting a union reviewer (待复核). */
  pendingSessions: Pending['sessions'];
  pendingWalkIns: Pending['walkIns'];
  pendingCheckins: Pending['checkins'];
};

export function yearSpan(year: number) {
  return { from: monthStart(year, 1), to: monthStart(year + 1, 1) };
}

/** The trend's buckets: the year's months or quarters, or the five years up to it. */
export function periodBuckets(year: number, granularity: Granularity) {
  if (granularity === 'year')
    return [4, 3, 2, 1, 0].map((back) => ({ year: year - back, part: 0, ...yearSpan(year - back) }));
  const size = granularity === 'month' ? 1 : 3;
  return Array.from({ length: 12 / size }, (_, i) => ({
    year,
    part: i + 1,
    from: monthStart(year, i * size + 1),
    to: monthStart(year, (i + 1) * size + 1),
  }));
}

/** Delivery sums and money: what every figure of a dashboard is computed from. */
export type Cell = Sums & { committedFen: number; paidFen: number };

const noSums: Cell = { ...noDelivery, committedFen: 0, paidFen: 0 };
const columns: Record<keyof Cell, string> = { ...rollupColumns, committedFen: 'committed_fen', paidFen: 'paid_fen' };
const summed = sql.raw(
  Object.entries(columns)
    .map(([key, column]) => `coalesce(sum(m.${column}), 0) as ${key}`)
    .join(', '),
);
const each = sql.raw(
  Object.entries(columns)
    .map(([key, column]) => `m.${column} as ${key}`)
    .join(', '),
);
/** What `isEmpty` says of a row, in SQL. */
const notEmpty = sql.raw(
  '(m.sessions <> 0 or m.ratings <> 0 or m.committed_fen <> 0 or m.paid_fen <> 0 or m.pending_sessions <> 0 or m.pending_walk_ins <> 0)',
);

const monthOf = (millis: SQL) => sql`cast(strftime('%Y%m', ${shanghaiSeconds(millis)}, 'unixepoch') as integer)`;

/**
 * One organization's rows in the union rollup's shape (union, category, month): its contracts'
 * months and ledger entries, once for each union the contract's union lies in.
 */
function organizationRows(organizationId: number) {
  const zero = (keys: (keyof Cell)[]) => sql.raw(keys.map((key) => `0 as ${columns[key]}`).join(', '));
  const delivery = Object.keys(rollupColumns) as (keyof Sums)[];
  return sql`(
    select a.ancestor_id as union_id, c.category as category, r.month as month,
      ${sql.raw(delivery.map((key) => `r.${columns[key]} as ${columns[key]}`).join(', '))}, ${zero(['committedFen', 'paidFen'])}
    from contracts c join union_ancestors a on a.union_id = c.union_id join contract_month_rollups r on r.contract_id = c.id
    where c.organization_id = ${organizationId}
    union all
    select a.ancestor_id, c.category, ${monthOf(sql`l.created_at`)}, ${zero(delivery)},
      case l.kind when 'committed' then l.amount_fen when 'released' then -l.amount_fen else 0 end,
      case l.kind when 'paid' then l.amount_fen else 0 end
    from contracts c join union_ancestors a on a.union_id = c.union_id join ledger_entries l on l.contract_id = c.id
    where c.organization_id = ${organizationId}) m`;
}

/**
 * The rows a scope's figures add up, aliased `m`, and which of them to read for all categories
 * together or for each one: the union rollup keeps a row of every category ('') beside each
 * category's; an organization's own rows are per category only.
 */
function source(scope: Scope, by: 'together' | 'each') {
  const category = scope.category ? sql`m.category = ${scope.category}` : undefined;
  if (scope.organizationId) return { rows: organizationRows(scope.organizationId), category: category ?? sql`true` };
  const all = by === 'together' ? sql`m.category = ''` : sql`m.category in ${categories}`;
  return { rows: sql`union_month_rollups m`, category: category ?? all };
}

/** The scope's figures by Shanghai month (yyyymm) for months in [from, to), Shanghai month boundaries. */
export function activityByMonth(scope: Scope, from: Date, to: Date) {
  const { rows, category } = source(scope, 'together');
  return db.all<Cell & { month: number }>(sql`
    select m.month as month, ${summed} from ${rows}
    where m.union_id = ${scope.unionId} and ${category}
      and m.month >= ${shanghaiMonth(from)} and m.month < ${shanghaiMonth(to)}
    group by m.month`);
}

const yearMonths = (year: number) => sql`m.month >= ${year * 100 + 1} and m.month <= ${year * 100 + 12}`;

/** The scope's figures for its year by category. */
export function activityByCategory(scope: Scope) {
  const { rows, category } = source(scope, 'each');
  return db.all<Cell & { category: string }>(sql`
    select m.category as category, ${summed} from ${rows}
    where m.union_id = ${scope.unionId} and ${category} and ${yearMonths(scope.year)}
    group by m.category`);
}

/** The scope's figures for its year in each of these unions (each with the unions below it). */
export function activityByUnion(scope: Scope, unionIds: number[]) {
  if (!unionIds.length) return [];
  const { rows, category } = source(scope, 'together');
  return db.all<Cell & { unionId: number }>(sql`
    select m.union_id as unionId, ${summed} from ${rows}
    where m.union_id in ${unionIds} and ${category} and ${yearMonths(scope.year)}
    group by m.union_id`);
}

/**
 * The organizations with the most worker-visits in the scope's year (then sessions, then name), each
 * with its figures; those with nothing counted, pending or booked are left out. Read in that order
 * from an index: a page's `limit` rows whatever the number of organizations.
 */
export function organizationActivity(scope: Omit<Scope, 'organizationId' | 'unionIds'>, limit?: number) {
  return db.all<Cell & { id: number; name: string }>(sql`
    select m.organization_id as id, o.name as name, ${each}
    from union_organization_rollups m join organizations o on o.id = m.organization_id
    where m.union_id = ${scope.unionId} and m.year = ${scope.year} and m.category = ${scope.category ?? ''} and ${notEmpty}
    order by m.visits desc, m.sessions desc, o.name
    limit ${limit ?? -1}`);
}

/** Sessions, worker-visits and satisfaction (the delivery definitions) and money, over some cells. */
export function activityOf(cells: Cell[]): Activity {
  const sums = { ...noSums };
  for (const c of cells) for (const k of Object.keys(sums) as (keyof Cell)[]) sums[k] += c[k];
  const figures = figuresFromSums(sums);
  return {
    sessionsDelivered: figures.sessionsDelivered,
    workerVisits: figures.workerVisits,
    ratings: figures.ratings,
    satisfiedRatings: sums.satisfied,
    satisfaction: figures.satisfaction,
    committedFen: sums.committedFen,
    paidFen: sums.paidFen,
    pendingSessions: figures.pending.sessions,
    pendingWalkIns: figures.pending.walkIns,
    pendingCheckins: figures.pending.checkins,
  };
}

/** A cell taken away: what is left of a union's figures without those of some unions below it. */
export function negated(cell: Cell): Cell {
  return Object.fromEntries(Object.keys(noSums).map((k) => [k, -cell[k as keyof Cell]])) as Cell;
}

/** The cells whose month lies in [from, to) (Shanghai month boundaries). */
export function cellsBetween<C extends { month: number }>(cells: C[], from: Date, to: Date) {
  const fromMonth = shanghaiMonth(from);
  const toMonth = shanghaiMonth(to);
  return cells.filter((c) => c.month >= fromMonth && c.month < toMonth);
}

export const isEmpty = (a: Activity) =>
  !a.sessionsDelivered && !a.ratings && !a.committedFen && !a.paidFen && !a.pendingSessions && !a.pendingWalkIns;

const days = (year: number) => {
  const { from, to } = yearSpan(year);
  return { start: shanghaiDate(from), end: shanghaiDate(to.getTime() - 1) };
};

/** Residencies in the incubators of the scope's union and every union below it, for organizations matching its filters. */
function residenciesIn(scope: Scope): SQL {
  return sql.join(
    [
      sql`r.incubator_id in (select i.id from incubators i
        where i.union_id in (select union_id from union_ancestors where ancestor_id = ${scope.unionId}))`,
      scope.organizationId ? sql`r.organization_id = ${scope.organizationId}` : undefined,
      scope.category
        ? sql`exists (select 1 from organizations o, json_each(o.fields) f where o.id = r.organization_id and f.value = ${scope.category})`
        : undefined,
    ].filter((c) => c !== undefined),
    sql` and `,
  );
}

/** Organizations in incubation at any time in the year, and those that graduated or exited in it. */
export function incubation(scope: Scope) {
  const { start, end } = days(scope.year);
  const { from, to } = yearSpan(scope.year);
  const exits = (decision: string) => sql`(select count(distinct r.organization_id) from exit_reviews x
    join residencies r on r.id = x.residency_id
    where x.decision = ${decision} and ${residenciesIn(scope)}
      and x.created_at >= ${from.getTime()} and x.created_at < ${to.getTime()})`;
  return db.get<{ incubated: number; graduated: number; exited: number }>(sql`
    select
      (select count(distinct r.organization_id) from residencies r
        where ${residenciesIn(scope)} and r.starts_on <= ${end} and r.ends_on >= ${start}) as incubated,
      ${exits('graduate')} as graduated,
      ${exits('exit')} as exited`)!;
}

/** Contracts whose service runs in the year, by state (in the contract machine's order), with their amounts. */
export function contractsByState(scope: Scope) {
  const category = scope.category ? sql`and m.category = ${scope.category}` : sql``;
  const rows = scope.organizationId
    ? db.all<{ state: string; count: number; amountFen: number }>(sql`
        select contracts.state as state, count(*) as count, sum(contracts.amount_fen) as amountFen
        from contracts join union_ancestors a on a.union_id = contracts.union_id and a.ancestor_id = ${scope.unionId}
        where contracts.organization_id = ${scope.organizationId}
          ${scope.category ? sql`and contracts.category = ${scope.category}` : sql``}
          and ${contractOverlaps(days(scope.year))}
        group by contracts.state`)
    : db.all<{ state: string; count: number; amountFen: number }>(sql`
        select m.state as state, sum(m.contracts) as count, sum(m.amount_fen) as amountFen
        from union_contract_rollups m
        where m.union_id = ${scope.unionId} ${category} and m.first_year <= ${scope.year} and m.last_year >= ${scope.year}
        group by m.state having sum(m.contracts) > 0`);
  const order = contractMachine.states as readonly string[];
  return rows.sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state));
}

/** Open red flags by indicator for the union and every union below it in the year: ≤ 11 rows of the rollup. */
export function flagsByIndicator(unionId: number, year: number) {
  return db
    .select({
      indicator: unionRiskRollups.indicator,
      flags: unionRiskRollups.flags,
      valueFen: unionRiskRollups.valueFen,
    })
    .from(unionRiskRollups)
    .where(and(eq(unionRiskRollups.unionId, unionId), eq(unionRiskRollups.year, year), gt(unionRiskRollups.flags, 0)))
    .all();
}
