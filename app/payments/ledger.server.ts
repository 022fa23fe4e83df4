import { sql, type SQL } from 'drizzle-orm';
import { ledgerEntries } from '../../db/schema/payments';
import { contracts } from '../../db/schema/procurement';
import { now } from '~/lib/clock.server';
import { db, type DB } from '~/lib/db.server';
import { shanghaiSeconds, shanghaiYear } from '~/lib/time';

export type LedgerKind = 'committed' | 'released' | 'approved' | 'paid' | 'confirmed';

/**
 * The only way money state is recorded: one row per change, never edited (triggers in the
 * migration refuse UPDATE and DELETE). Stamped with the business clock so budget years follow it.
 */
export function appendLedger(
  tx: DB,
  entry: { contractId: number; milestoneId?: number; paymentId?: number; kind: LedgerKind; amountFen: number },
) {
  tx.insert(ledgerEntries)
    .values({ ...entry, createdAt: now() })
    .run();
}

/** The budget year of a moment: the calendar year in Asia/Shanghai. */
export function budgetYear(date: Date) {
  return shanghaiYear(date);
}

/** SQL for the Asia/Shanghai year of a ledger row, matching `budgetYear`. */
export const ledgerYear = sql`cast(strftime('%Y', ${shanghaiSeconds(ledgerEntries.createdAt)}, 'unixepoch') as integer)`;

export type LedgerTotals = {
  /** Signed contracts, less commitments released. */
  committedFen: number;
  approvedFen: number;
  paidFen: number;
  confirmedFen: number;
  /** Committed and not yet paid: what the organizations are still owed. */
  outstandingFen: number;
};

/**
 * Money totals over the ledger rows of the contracts `contractFilter` selects (a condition on
 * `contracts`), optionally only rows whose Shanghai year is `year`. Every money figure on a page or
 * dashboard comes from here.
 */
export function ledgerTotals(contractFilter: SQL, year?: number, database: DB = db): LedgerTotals {
  const row = database.get<{
    committed: number;
    released: number;
    approved: number;
    paid: number;
    confirmed: number;
  }>(sql`
    select
      coalesce(sum(case when ledger_entries.kind = 'committed' then ledger_entries.amount_fen end), 0) as committed,
      coalesce(sum(case when ledger_entries.kind = 'released' then ledger_entries.amount_fen end), 0) as released,
      coalesce(sum(case when ledger_entries.kind = 'approved' then ledger_entries.amount_fen end), 0) as approved,
      coalesce(sum(case when ledger_entries.kind = 'paid' then ledger_entries.amount_fen end), 0) as paid,
      coalesce(sum(case when ledger_entries.kind = 'confirmed' then ledger_entries.amount_fen end), 0) as confirmed
    from ledger_entries join contracts on contracts.id = ledger_entries.contract_id
    where ${contractFilter} ${year === undefined ? sql`` : sql`and ${ledgerYear} = ${year}`}
  `)!;
  const committedFen = row.committed - row.released;
  return {
    committedFen,
    approvedFen: row.approved,
    paidFen: row.paid,
    confirmedFen: row.confirmed,
    outstandingFen: committedFen - row.paid,
  };
}

/**
 * A contract ended early: what was committed and not paid goes back to the department's budget.
 * Call it inside the transaction that terminates the contract; a second call releases nothing.
 */
export function releaseCommitment(tx: DB, contractId: number) {
  const totals = ledgerTotals(sql`${contracts.id} = ${contractId}`, undefined, tx);
  if (totals.outstandingFen <= 0) return 0;
  appendLedger(tx, { contractId, kind: 'released', amountFen: totals.outstandingFen });
  return totals.outstandingFen;
}
