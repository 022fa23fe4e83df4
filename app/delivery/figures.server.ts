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

/**
 * Rated and satisfied counts per organization by the same rules as `figuresWhere`, as a subquery
 * (organization_id, ratings, satisfied) for lists that sort or show many organizations at once.
 */
export function satisfactionByOrganization(organizationIds: SQL) {
  return sql`
    select e.organization_id as organization_id, count(*) as ratings, sum(r.score >= 4) as satisfied
    from ratings r join events e on e.id = r.event_id
    where e.state <> 'cancelled' and r.excluded_reason is null and e.organization_id in (${organizationIds})
    group by e.organization_id`;
}
