import { eq } from 'drizzle-orm';
import { unions } from '../../db/schema/unions';
import { deadlineTooSoon } from './bidding-period';
import { requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { requireUnion, updateUnionSettings } from '~/unions/unions.server';
import '~/unions/audit-subjects.server';

/** The union's minimum bidding period in days. */
export function minBiddingDays(unionId: number, tx: DB = db) {
  return tx.select({ days: unions.minBiddingDays }).from(unions).where(eq(unions.id, unionId)).get()?.days ?? 0;
}

/** Refuses to publish a tender whose deadline is sooner than its union's minimum bidding period. */
export function requireBiddingPeriod(tx: DB, tender: { unionId: number; deadlineAt: Date }, publishedAt: Date) {
  const refusal = deadlineTooSoon(tender.deadlineAt, publishedAt, minBiddingDays(tender.unionId, tx));
  if (refusal) throw new UserError(refusal.key, 400, refusal.values);
}

/** The union admin sets it on the union's settings page. */
export function setMinBiddingDays(viewer: Viewer, unionId: number, days: number) {
  requireUnionRole(viewer, unionId, ['admin']);
  const union = requireUnion(unionId);
  transaction((tx) => {
    updateUnionSettings(tx, unionId, { minBiddingDays: days });
    audit(tx, {
      actorId: viewer.id,
      action: 'union.setMinBiddingDays',
      subjectType: 'union',
      subjectId: unionId,
      data: { from: union.minBiddingDays, to: days },
    });
  });
}
