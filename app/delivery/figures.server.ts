import { sql, type SQL } from 'drizzle-orm';
import { db } from '~/lib/db.server';

/**
 * The delivery figures, defined once:
 * - sessions delivered: events whose completion report the union accepted;
 * - worker-visits (人次): check-ins plus walk-ins at those events;
 * - satisfaction rate: share of ratings of 4 or 5 among all ratings not excluded by the union.
 */
export type Figures = {
  sessionsDelivered: number;
  workerVisits: number;
  ratings: number;
  averageScore: number | null;
  satisfaction: number | null;
};

function figuresWhere(eventFilter: SQL): Figures {
  const row = db.get<{
    sessionsDelivered: number;
    workerVisits: number;
    ratings: number;
    average: number | null;
    satisfied: number;
  }>(sql`
    with scoped as (select * from events e where e.state <> 'cancelled' and ${eventFilter}),
    delivered as (select * from scoped where state = 'accepted'),
    scored as (
      select r.score from ratings r join scoped s on s.id = r.event_id where r.excluded_reason is null
    )
    select
      (select count(*) from delivered) as sessionsDelivered,
      (select coalesce(sum(d.walk_ins + (select count(*) from checkins c where c.event_id = d.id)), 0) from delivered d) as workerVisits,
      (select count(*) from scored) as ratings,
      (select avg(score) from scored) as average,
      (select count(*) from scored where score >= 4) as satisfied
  `)!;
  return {
    sessionsDelivered: row.sessionsDelivered,
    workerVisits: row.workerVisits,
    ratings: row.ratings,
    averageScore: row.average,
    satisfaction: row.ratings ? row.satisfied / row.ratings : null,
  };
}

export function eventFigures(eventId: number) {
  return figuresWhere(sql`e.id = ${eventId}`);
}

export function contractFigures(contractId: number) {
  return figuresWhere(sql`e.contract_id = ${contractId}`);
}

export function organizationFigures(organizationId: number) {
  return figuresWhere(sql`e.organization_id = ${organizationId}`);
}

/** An organization's or one contract's figures over the events that started in [from, to). */
export function figuresBetween(scope: { organizationId: number } | { contractId: number }, from: Date, to: Date) {
  const owner =
    'organizationId' in scope
      ? sql`e.organization_id = ${scope.organizationId}`
      : sql`e.contract_id = ${scope.contractId}`;
  return figuresWhere(sql`${owner} and e.starts_at >= ${from.getTime()} and e.starts_at < ${to.getTime()}`);
}
