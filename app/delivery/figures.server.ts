import { sql, type SQL } from 'drizzle-orm';
import { db } from '~/lib/db.server';

/**
 * The delivery figures, defined once:
 * - sessions delivered (场次): events whose completion report the union accepted;
 * - worker-visits (人次): check-ins plus walk-ins at those events;
 * - ratings, average score and satisfaction rate over the ratings given at those events that the
 *   union has not excluded; satisfaction rate = share of those ratings that are 4 or 5.
 * Contract and organization figures count accepted events only; an event's own figures are shown
 * before acceptance too (its page says they count once the report is accepted).
 */
export type Figures = {
  sessionsDelivered: number;
  workerVisits: number;
  ratings: number;
  /** Check-ins at the same events as `ratings`: the denominator of rating coverage. */
  checkins: number;
  averageScore: number | null;
  satisfaction: number | null;
};

/** A rating of this score or more counts as satisfied. */
export const satisfiedFromScore = 4;

export function isSatisfied(score: number) {
  return score >= satisfiedFromScore;
}

/** Satisfied ratings ÷ all counted ratings; null when there is nothing to divide. */
export function satisfactionRate(satisfied: number, ratings: number) {
  return ratings ? satisfied / ratings : null;
}

function figuresOver(scope: SQL): Figures {
  const row = db.get<{
    sessionsDelivered: number;
    workerVisits: number;
    ratings: number;
    checkins: number;
    average: number | null;
    satisfied: number;
  }>(sql`
    with scoped as (select e.id, e.state, e.walk_ins from events e where e.state <> 'cancelled' and ${scope}),
    scored as (
      select r.score from ratings r join scoped s on s.id = r.event_id where r.excluded_reason is null
    )
    select
      (select count(*) from scoped where state = 'accepted') as sessionsDelivered,
      (select coalesce(sum(s.walk_ins + (select count(*) from checkins c where c.event_id = s.id)), 0) from scoped s) as workerVisits,
      (select count(*) from scored) as ratings,
      (select count(*) from checkins c join scoped s on s.id = c.event_id) as checkins,
      (select avg(score) from scored) as average,
      (select count(*) from scored where score >= ${satisfiedFromScore}) as satisfied
  `)!;
  return {
    sessionsDelivered: row.sessionsDelivered,
    workerVisits: row.workerVisits,
    ratings: row.ratings,
    checkins: row.checkins,
    averageScore: row.average,
    satisfaction: satisfactionRate(row.satisfied, row.ratings),
  };
}

const delivered = sql`e.state = 'accepted'`;

/** Delivered figures over the events `eventFilter` selects (it refers to the event as `e`). */
export function figuresWhere(eventFilter: SQL): Figures {
  return figuresOver(sql`${delivered} and ${eventFilter}`);
}

/** One event's figures, whatever its state (sessions delivered is 1 once accepted). */
export function eventFigures(eventId: number) {
  return figuresOver(sql`e.id = ${eventId}`);
}

export function contractFigures(contractId: number) {
  return figuresWhere(sql`e.contract_id = ${contractId}`);
}

/** The organization's contracted delivery: what its evaluation's completion rate compares. */
export function organizationFigures(organizationId: number) {
  return figuresWhere(sql`e.organization_id = ${organizationId} and e.contract_id is not null`);
}

/** A resident organization's own activities (no contract) accepted by the incubator. */
export function residentActivityFigures(organizationId: number) {
  return figuresWhere(sql`e.organization_id = ${organizationId} and e.residency_id is not null`);
}

/**
 * Rated and satisfied counts per organization by the same rules as `organizationFigures`, as a subquery
 * (organization_id, ratings, satisfied) for lists that sort or show many organizations at once.
 */
export function satisfactionByOrganization(organizationIds: SQL) {
  return sql`
    select e.organization_id as organization_id, count(*) as ratings, sum(r.score >= 4) as satisfied
    from ratings r join events e on e.id = r.event_id
    where e.state = 'accepted' and e.contract_id is not null and r.excluded_reason is null
      and e.organization_id in (${organizationIds})
    group by e.organization_id`;
}

/** An organization's or one contract's figures over the events that started in [from, to). */
export function figuresBetween(scope: { organizationId: number } | { contractId: number }, from: Date, to: Date) {
  const owner =
    'organizationId' in scope
      ? sql`e.organization_id = ${scope.organizationId}`
      : sql`e.contract_id = ${scope.contractId}`;
  return figuresWhere(sql`${owner} and e.starts_at >= ${from.getTime()} and e.starts_at < ${to.getTime()}`);
}
