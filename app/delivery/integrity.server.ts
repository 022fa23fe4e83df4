import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import { checkins, events, ratings } from '../../db/schema/delivery';
import { requireEventAccess } from './events.server';
import { forbidden, notFound, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import './audit-subjects.server';

/**
 * Signals, not verdicts: a canteen's Wi-Fi puts a whole shift behind one address and a quick
 * worker rates at once. The union looks, and excludes a rating only with a recorded reason.
 */
export const integrityRules = {
  /** This many ratings or more at one event from check-ins on one network. */
  sharedNetworkRatings: 4,
  /** A rating given within this many seconds of its check-in. */
  fastRatingSeconds: 30,
  /** The same comment (ignoring spaces, punctuation and case) on two or more ratings, if this long. */
  duplicateCommentMinLength: 4,
  /** A score this many points or more from the organization's usual average… */
  farFromUsualPoints: 2,
  /** …where "usual" needs this many ratings at its other accepted events. */
  usualMinimumRatings: 20,
} as const;

export const integrityFlags = ['sharedNetwork', 'fastRating', 'duplicateComment', 'farFromUsual'] as const;
export type IntegrityFlag = (typeof integrityFlags)[number];

export type RatingForReview = {
  id: number;
  score: number;
  comment: string;
  networkHash: string | null;
  checkedInAt: Date;
  ratedAt: Date;
};

export function normalizeComment(comment: string) {
  return comment
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

function countBy<T>(items: T[], key: (item: T) => string | null) {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** The flags each rating of one event raises, given the organization's usual average (or null). */
export function flagRatings(rows: RatingForReview[], usualAverage: number | null) {
  const networks = countBy(rows, (r) => r.networkHash);
  const comments = countBy(rows, (r) => {
    const normalized = normalizeComment(r.comment);
    return normalized.length >= integrityRules.duplicateCommentMinLength ? normalized : null;
  });
  return new Map(
    rows.map((r) => {
      const flags: IntegrityFlag[] = [];
      if (r.networkHash && networks.get(r.networkHash)! >= integrityRules.sharedNetworkRatings) {
        flags.push('sharedNetwork');
      }
      if (r.ratedAt.getTime() - r.checkedInAt.getTime() < integrityRules.fastRatingSeconds * 1000) {
        flags.push('fastRating');
      }
      if ((comments.get(normalizeComment(r.comment)) ?? 0) >= 2) flags.push('duplicateComment');
      if (usualAverage !== null && Math.abs(r.score - usualAverage) >= integrityRules.farFromUsualPoints) {
        flags.push('farFromUsual');
      }
      return [r.id, flags];
    }),
  );
}

/** The organization's usual average score: its other accepted events, excluded ratings left out. */
export function usualAverage(organizationId: number, exceptEventId: number) {
  const row = db
    .select({ average: sql<number | null>`avg(${ratings.score})`, n: sql<number>`count(*)` })
    .from(ratings)
    .innerJoin(events, eq(events.id, ratings.eventId))
    .where(
      and(
        eq(events.organizationId, organizationId),
        eq(events.state, 'accepted'),
        sql`${events.id} <> ${exceptEventId}`,
        sql`${ratings.excludedReason} is null`,
      ),
    )
    .get()!;
  return row.n >= integrityRules.usualMinimumRatings ? { average: row.average!, ratings: row.n } : null;
}

function eventRatings(eventId: number) {
  return db
    .select({
      id: ratings.id,
      score: ratings.score,
      comment: ratings.comment,
      tags: ratings.tags,
      networkHash: checkins.networkHash,
      checkedInAt: checkins.createdAt,
      ratedAt: ratings.createdAt,
      excludedReason: ratings.excludedReason,
      excludedAt: ratings.excludedAt,
      excludedByName: users.name,
    })
    .from(ratings)
    .innerJoin(checkins, eq(checkins.id, ratings.checkinId))
    .leftJoin(users, eq(users.id, ratings.excludedBy))
    .where(eq(ratings.eventId, eventId))
    .orderBy(asc(ratings.id))
    .all();
}

/** Every rating of the event with its flags, for the overseeing union only. */
export function eventIntegrity(viewer: Viewer, eventId: number) {
  const { event, standing, asUnion } = requireEventAccess(viewer, eventId);
  if (!asUnion) forbidden();
  const usual = usualAverage(event.organizationId, eventId);
  const rows = eventRatings(eventId);
  const flags = flagRatings(rows, usual?.average ?? null);
  return {
    event,
    usual,
    canExclude: standing.checksIntegrity,
    ratings: rows.map(({ networkHash: _network, ...r }) => ({ ...r, flags: flags.get(r.id)! })),
  };
}

/** How many of the event's ratings the union has excluded (shown to the organization too). */
export function excludedRatingCount(eventId: number) {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(ratings)
    .where(and(eq(ratings.eventId, eventId), isNotNull(ratings.excludedReason)))
    .get()!.n;
}

function requireIntegrityReviewer(viewer: Viewer, eventId: number, ratingId: number) {
  const view = eventIntegrity(viewer, eventId);
  if (!view.canExclude) forbidden();
  const rating = view.ratings.find((r) => r.id === ratingId);
  if (!rating) notFound();
  return rating;
}

/** Leaves a flagged rating out of every figure; the reason and who decided are kept and audited. */
export function excludeRating(viewer: Viewer, eventId: number, ratingId: number, reason: string) {
  const rating = requireIntegrityReviewer(viewer, eventId, ratingId);
  const trimmed = reason.trim();
  if (!trimmed) throw new UserError('errors.reasonRequired');
  if (trimmed.length > 500) throw new UserError('errors.tooLong', 400, { max: 500 });
  if (!rating.flags.length) throw new UserError('delivery.errors.notFlagged', 409);
  if (rating.excludedReason) throw new UserError('delivery.errors.alreadyExcluded', 409);
  transaction((tx) => {
    tx.update(ratings)
      .set({ excludedReason: trimmed, excludedBy: viewer.id, excludedAt: now() })
      .where(eq(ratings.id, ratingId))
      .run();
    audit(tx, {
      actorId: viewer.id,
      action: 'rating.exclude',
      subjectType: 'rating',
      subjectId: ratingId,
      data: { eventId, reason: trimmed, flags: rating.flags },
      before: { excludedReason: null },
      after: { excludedReason: trimmed, excludedBy: viewer.id },
    });
  });
}

/** Counts an excluded rating again; the earlier exclusion stays in the audit log. */
export function restoreRating(viewer: Viewer, eventId: number, ratingId: number) {
  const rating = requireIntegrityReviewer(viewer, eventId, ratingId);
  if (!rating.excludedReason) throw new UserError('errors.illegalTransition', 409);
  transaction((tx) => {
    tx.update(ratings)
      .set({ excludedReason: null, excludedBy: null, excludedAt: null })
      .where(eq(ratings.id, ratingId))
      .run();
    audit(tx, {
      actorId: viewer.id,
      action: 'rating.restore',
      subjectType: 'rating',
      subjectId: ratingId,
      data: { eventId, previousReason: rating.excludedReason },
      before: { excludedReason: rating.excludedReason },
      after: { excludedReason: null },
    });
  });
}
