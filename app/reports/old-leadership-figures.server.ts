import { sql, type SQL } from 'drizzle-orm';
import type { Granularity } from './filters';
import {
  deliveredByContractMonth,
  figuresFromSums,
  noSums as noDelivery,
  shanghaiMonth,
  type ContractMonthSums,
  type Pending,
} from '~/delivery/figures.server';
import { contractOverlaps } from '~/evaluation/evaluations.server';
import { db } from '~/lib/db.server';
import { monthStart, shanghaiDate, shanghaiSeconds } from '~/lib/time';

/**
 * What a set of figures covers: contracts of these unions (optionally one category or one
 * organization) and a span of time [from, to). Definitions: docs/decisions/061-report-figures.md.
 */
export type Scope = {
  unionIds: number[];
  from: Date;
  to: Date;
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

/** Contracts in scope, as a condition on the table `contracts`. Ids come from the database. */
function contractsIn(scope: Scope): SQL {
  const ids = scope.unionIds.length ? scope.unionIds.join(', ') : '0';
  return sql.join(
    [
      sql.raw(`contracts.union_id in (${ids})`),
      scope.category ? sql`contracts.category = ${scope.category}` : undefined,
      scope.organizationId ? sql`contracts.organization_id = ${scope.organizationId}` : undefined,
    ].filter((c) => c !== undefined),
    sql` and `,
  );
}

/** Delivery sums and money of one union, category, organization and month of the scope. */
export type Cell = ContractMonthSums & { committedFen: number; paidFen: number };

const noSums = { ...noDelivery, committedFen: 0, paidFen: 0 };

/**
 * The scope's figures by union, category, organization and month, read from the delivery rollups
 * and the ledger in two queries; the dashboard's tables are sums of these cells (`activityOf`).
 * `from` and `to` are Shanghai month boundaries.
 */
export function activityCells(scope: Scope): Cell[] {
  const fromMonth = shanghaiMonth(scope.from);
  const toMonth = shanghaiMonth(scope.to);
  const cells = new Map<string, Cell>();
  const cell = (c: { unionId: number; category: string; organizationId: number; month: number }) => {
    const key = `${c.unionId}|${c.category}|${c.organizationId}|${c.month}`;
    if (!cells.has(key)) cells.set(key, { ...noSums, ...c });
    return cells.get(key)!;
  };
  for (const row of deliveredByContractMonth(contractsIn(scope), fromMonth, toMonth)) Object.assign(cell(row), row);
  const money = db.all<{
    unionId: number;
    category: string;
    organizationId: number;
    month: number;
    committed: number;
    paid: number;
  }>(sql`
    select contracts.union_id as unionId, contracts.category as category, contracts.organization_id as organizationId,
      cast(strftime('%Y%m', ${shanghaiSeconds(sql`l.created_at`)}, 'unixepoch') as integer) as month,
      coalesce(sum(case l.kind when 'committed' then l.amount_fen when 'released' then -l.amount_fen else 0 end), 0) as committed,
      coalesce(sum(case l.kind when 'paid' then l.amount_fen else 0 end), 0) as paid
    from contracts join ledger_entries l on l.contract_id = contracts.id
    where ${contractsIn(scope)} and l.created_at >= ${scope.from.getTime()} and l.created_at < ${scope.to.getTime()}
    group by 1, 2, 3, 4`);
  for (const { committed, paid, ...key } of money) Object.assign(cell(key), { committedFen: committed, paidFen: paid });
  return [...cells.values()];
}

/** Sessions, worker-visits and satisfaction (the delivery definitions) and money, over some cells. */
export function activityOf(cells: Cell[]): Activity {
  const sums = { ...noSums };
  for (const c of cells) for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += c[k];
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

/** The cells whose month lies in [from, to) (Shanghai month boundaries). */
export function cellsBetween(cells: Cell[], from: Date, to: Date) {
  const fromMonth = shanghaiMonth(from);
  const toMonth = shanghaiMonth(to);
  return cells.filter((c) => c.month >= fromMonth && c.month < toMonth);
}

export const isEmpty = (a: Activity) =>
  !a.sessionsDelivered && !a.ratings && !a.committedFen && !a.paidFen && !a.pendingSessions && !a.pendingWalkIns;

const days = (scope: Scope) => ({ start: shanghaiDate(scope.from), end: shanghaiDate(scope.to.getTime() - 1) });

/** Residencies in the scope's unions' incubators, for organizations matching its filters. */
function residenciesIn(scope: Scope): SQL {
  const ids = scope.unionIds.length ? scope.unionIds.join(', ') : '0';
  return sql.join(
    [
      sql.raw(`r.incubator_id in (select i.id from incubators i where i.union_id in (${ids}))`),
      scope.organizationId ? sql`r.organization_id = ${scope.organizationId}` : undefined,
      scope.category
        ? sql`exists (select 1 from organizations o, json_each(o.fields) f where o.id = r.organization_id and f.value = ${scope.category})`
        : undefined,
    ].filter((c) => c !== undefined),
    sql` and `,
  );
}

/** Organizations in incubation at any time in the span, and those that graduated or exited in it. */
export function incubation(scope: Scope) {
  const { start, end } = days(scope);
  const exits = (decision: string) => sql`(select count(distinct r.organization_id) from exit_reviews x
    join residencies r on r.id = x.residency_id
    where x.decision = ${decision} and ${residenciesIn(scope)}
      and x.created_at >= ${scope.from.getTime()} and x.created_at < ${scope.to.getTime()})`;
  return db.get<{ incubated: number; graduated: number; exited: number }>(sql`
    select
      (select count(distinct r.organization_id) from residencies r
        where ${residenciesIn(scope)} and r.starts_on <= ${end} and r.ends_on >= ${start}) as incubated,
      ${exits('graduate')} as graduated,
      ${exits('exit')} as exited`)!;
}

/** Contracts whose service runs in the span, by state, with their amounts. */
export function contractsByState(scope: Scope) {
  return db.all<{ state: string; count: number; amountFen: number }>(sql`
    select contracts.state as state, count(*) as count, sum(contracts.amount_fen) as amountFen from contracts
    where ${contractsIn(scope)} and ${contractOverlaps(days(scope))}
    group by contracts.state order by min(contracts.id)`);
}

/** Organizations with sessions or money in the scope, by name. */
export function organizationsIn(scope: Scope) {
  return db.all<{ id: number; name: string }>(sql`
    select o.id as id, o.name as name from organizations o
    where o.id in (
      select contracts.organization_id from contracts where ${contractsIn(scope)} and (
        exists (select 1 from events e where e.contract_id = contracts.id and e.state <> 'cancelled'
          and e.starts_at >= ${scope.from.getTime()} and e.starts_at < ${scope.to.getTime()})
        or exists (select 1 from ledger_entries l where l.contract_id = contracts.id
          and l.created_at >= ${scope.from.getTime()} and l.created_at < ${scope.to.getTime()})))
    order by o.name`);
}

/** Organizations with any contract under these unions: the choices of the organization filter. */
export function contractedOrganizations(unionIds: number[]) {
  return db.all<{ id: number; name: string }>(sql`
    select o.id as id, o.name as name from organizations o
    where o.id in (select contracts.organization_id from contracts where ${sql.raw(`contracts.union_id in (${unionIds.join(', ') || '0'})`)})
    order by o.name`);
}
