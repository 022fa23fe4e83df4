import { and, eq, exists, gt, or, sql, type SQLWrapper } from 'drizzle-orm';
import { auditLog } from '../../db/schema/audit';
import { notifications } from '../../db/schema/notifications';
import { bids, tenders } from '../../db/schema/procurement';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

/*
 * Bidding on a tender stops being secret at its deadline, by the server's clock: the rule is
 * `biddingDisclosed` in permissions.ts. Before it, no page, export, notification or preview open to
 * the union's staff or the platform admin may tell who bid (or asked a question), how many bids
 * there are, or anything derived from their content; the bidder alone sees its own bid and
 * receipt. Opening the content takes more: `canReadBids` in permissions.ts. This file holds the
 * same rule in SQL, for the readers that filter rows (decision 093).
 */

/** The tender with this id has not reached its deadline. */
function tenderBeforeDeadline(tenderId: SQLWrapper) {
  return db
    .select({ one: sql`1` })
    .from(tenders)
    .where(and(eq(tenders.id, tenderId), gt(tenders.deadlineAt, now())));
}

/** Audit rows about a bid, or the asking of a question, on a tender before its deadline. */
export function sealedAuditRow() {
  const bidBeforeDeadline = db
    .select({ one: sql`1` })
    .from(bids)
    .innerJoin(tenders, eq(tenders.id, bids.tenderId))
    .where(and(eq(bids.id, auditLog.subjectId), gt(tenders.deadlineAt, now())));
  return or(
    and(eq(auditLog.subjectType, 'bid'), exists(bidBeforeDeadline)),
    and(eq(auditLog.action, 'question.ask'), exists(tenderBeforeDeadline(auditLog.subjectId))),
  )!;
}

/** Notifications whose recipient or content tells who bid on (or asked about) a tender before its deadline. */
export function sealedNotification() {
  return exists(tenderBeforeDeadline(notifications.sealedTenderId));
}

/**
 * Bid rows written before decision 093 carry an unkeyed SHA-256 of the content in `data`, from
 * which a price can be brute-forced. The append-only trail keeps it (the chain covers it); no reader
 * is shown it.
 */
export function withoutContentDigest<T extends { subjectType: string; data: Record<string, unknown> | null }>(row: T) {
  if (row.subjectType !== 'bid' || !row.data || !('contentHash' in row.data)) return row;
  const { contentHash: _, ...data } = row.data;
  return { ...row, data };
}
