import { sumsFromScratch } from './counted';
import { sqlite } from '~/lib/db.server';

// A dashboard's figures recomputed straight from events, check-ins, ratings, the ledger and contracts
// (docs/decisions/061): the independent side of the reports' tests.

const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];

export type Expected = {
  sessionsDelivered: number;
  workerVisits: number;
  ratings: number;
  satisfiedRatings: number;
  committedFen: number;
  paidFen: number;
  pendingSessions: number;
  pendingWalkIns: number;
  pendingCheckins: number;
};

/** The union and every union below it. */
export function subtreeOf(unionId: number) {
  return all<{ id: number }>(
    'with recursive sub(id) as (select ? union select u.id from unions u join sub on u.parent_id = sub.id) select id from sub',
    unionId,
  ).map((u) => u.id);
}

/** The figures over contracts of the given unions matching `where` (on c), in [from, to). */
export function expectedFigures(
  unionIds: number[],
  from: number,
  to: number,
  where = '1 = 1',
  ...params: unknown[]
): Expected {
  const contractsSql = `select c.id from contracts c where c.union_id in (${unionIds.join(',')}) and ${where}`;
  const args = [...params, from, to];
  const sums = sumsFromScratch(
    `e.state = 'accepted' and e.contract_id in (${contractsSql}) and e.starts_at >= ? and e.starts_at < ?`,
    ...args,
  );
  const money = one<{ committed: number; paid: number }>(
    `select coalesce(sum(case kind when 'committed' then amount_fen when 'released' then -amount_fen else 0 end), 0) as committed,
            coalesce(sum(case kind when 'paid' then amount_fen else 0 end), 0) as paid
     from ledger_entries where contract_id in (${contractsSql}) and created_at >= ? and created_at < ?`,
    ...args,
  );
  return {
    sessionsDelivered: sums.sessions,
    workerVisits: sums.walkIns + sums.checkins,
    ratings: sums.ratings,
    satisfiedRatings: sums.satisfied,
    committedFen: money.committed,
    paidFen: money.paid,
    pendingSessions: sums.pendingSessions,
    pendingWalkIns: sums.pendingWalkIns,
    pendingCheckins: sums.pendingCheckins,
  };
}

/** A dashboard row's figures, in the shape of `expectedFigures`. */
export function figuresOf(row: Record<string, unknown>): Expected {
  return {
    sessionsDelivered: row.sessionsDelivered as number,
    workerVisits: row.workerVisits as number,
    ratings: row.ratings as number,
    satisfiedRatings: row.satisfiedRatings as number,
    committedFen: row.committedFen as number,
    paidFen: row.paidFen as number,
    pendingSessions: row.pendingSessions as number,
    pendingWalkIns: row.pendingWalkIns as number,
    pendingCheckins: row.pendingCheckins as number,
  };
}

/** Contracts of the given unions matching `where` (on c) whose service runs in the year, by state. */
export function contractsFromScratch(unionIds: number[], year: number, where = '1 = 1', ...params: unknown[]) {
  return all<{ state: string; count: number; amountFen: number }>(
    `select c.state as state, count(*) as count, sum(c.amount_fen) as amountFen from contracts c
     where c.union_id in (${unionIds.join(',')}) and ${where}
       and coalesce(c.period_start, date(coalesce(c.signed_at, c.created_at) / 1000 + 28800, 'unixepoch')) <= ?
       and coalesce(c.period_end, '9999-12-31') >= ?
     group by c.state order by c.state`,
    ...params,
    `${year}-12-31`,
    `${year}-01-01`,
  );
}
