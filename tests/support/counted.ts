import { enteredLateAfterMs, figuresFromSums, noSums } from '~/delivery/figures.server';
import { sqlite } from '~/lib/db.server';

// What the delivery figures count (docs/decisions/091), recomputed straight from events, check-ins,
// ratings and unions, written out again in JavaScript: the independent side of the tests that
// check the rollups and the pages reading them.

type EventRow = {
  id: number;
  state: string;
  walk_ins: number;
  created_at: number;
  starts_at: number;
  attendance_review: string | null;
  standard: string;
};
type CheckinRow = { id: number; verification: string; review: string | null };
type RatingRow = { checkin_id: number; score: number; excluded_reason: string | null };

const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];

/** The sums over the non-cancelled events `where` selects (it refers to the event as `e`). */
export function sumsFromScratch(where: string, ...params: unknown[]) {
  const scoped = all<EventRow>(
    `select e.*, coalesce(u.attendance_standard, 'sms') as standard from events e
      left join contracts k on k.id = e.contract_id
      left join residencies r on r.id = e.residency_id left join incubators i on i.id = r.incubator_id
      left join unions u on u.id = coalesce(k.union_id, i.union_id)
      where e.state <> 'cancelled' and ${where}`,
    ...params,
  );
  const sums = { ...noSums };
  for (const e of scoped) {
    const accepted = e.state === 'accepted';
    const checkins = all<CheckinRow>('select id, verification, review from checkins where event_id = ?', e.id);
    const counts = (c: CheckinRow) =>
      c.review === 'admitted' || (c.review === null && (c.verification === 'sms' || e.standard === 'code'));
    const counted = new Set(checkins.filter(counts).map((c) => c.id));
    const rated = all<RatingRow>(
      'select checkin_id, score, excluded_reason from ratings where event_id = ?',
      e.id,
    ).filter((r) => r.excluded_reason === null && counted.has(r.checkin_id));
    const shown = e.created_at <= e.starts_at + enteredLateAfterMs && counted.size > 0;
    sums.sessions += Number(accepted && (e.attendance_review === 'admitted' || shown));
    sums.walkIns += accepted && e.attendance_review === 'admitted' ? e.walk_ins : 0;
    sums.checkins += counted.size;
    sums.ratings += rated.length;
    sums.satisfied += rated.filter((r) => r.score >= 4).length;
    sums.scoreSum += rated.reduce((sum, r) => sum + r.score, 0);
    sums.pendingSessions += Number(accepted && e.attendance_review === null && !shown);
    sums.pendingWalkIns += e.attendance_review === null ? e.walk_ins : 0;
    sums.pendingCheckins += checkins.filter(
      (c) => c.review === null && c.verification === 'code' && e.standard === 'sms',
    ).length;
  }
  return sums;
}

export function figuresFromScratch(where: string, ...params: unknown[]) {
  return figuresFromSums(sumsFromScratch(where, ...params));
}
