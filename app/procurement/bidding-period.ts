import { formMessage } from '~/lib/form-message';
import { toShanghaiInput } from '~/lib/time';

/** The minimum bidding period a union may set, in days (decision 110); the default is the column's. */
export const biddingDaysRange = { min: 1, max: 60 } as const;

const dayMs = 24 * 3600_000;

/**
 * The refusal of a deadline set less than `days` after `publishedAt`, naming the earliest one
 * allowed (Beijing time), or null when it is far enough.
 */
export function deadlineTooSoon(deadline: Date, publishedAt: Date, days: number) {
  const earliest = new Date(publishedAt.getTime() + days * dayMs);
  if (deadline.getTime() >= earliest.getTime()) return null;
  return {
    key: 'procurement.errors.deadlineTooSoon' as const,
    values: { days, earliest: toShanghaiInput(earliest).replace('T', ' ') },
  };
}

export function deadlineTooSoonMessage(deadline: Date, publishedAt: Date, days: number) {
  const refusal = deadlineTooSoon(deadline, publishedAt, days);
  return refusal ? formMessage(refusal.key, refusal.values) : null;
}
