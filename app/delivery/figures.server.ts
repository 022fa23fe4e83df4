import { eq, sql, type SQL } from 'drizzle-orm';
import { type checkinVerifications } from '../../db/schema/delivery';
import { incubators, residencies } from '../../db/schema/incubation';
import { contracts } from '../../db/schema/procurement';
import { db } from '~/lib/db.server';
import { shanghaiYearMonth } from '~/lib/time';

/**
 * The delivery figures, defined once (the counting rules themselves are the generated columns of
 * `event_rollups`, docs/decisions/091):
 * - sessions delivered (场次): accepted events shown by check-ins that count, entered before they
 *   started, or whose asserted attendance a union reviewer admitted;
 * - worker-visits (人次): check-ins that count (those meeting the union's attendance standard, or
 *   admitted by a reviewer, and not excluded) plus admitted walk-ins at accepted events;
 * - ratings, average score and satisfaction rate over the ratings not excluded whose check-in
 *   counts; satisfaction rate = share of those ratings that are 4 or 5.
 * What does not count yet is shown apart (`pending`, 待复核) until a reviewer admits or excludes it.
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
  /** Not counted: awaiting a union reviewer's decision. */
  pending: Pending;
};

export type Pending = { sessions: number; walkIns: number; checkins: number };

/**
 * An event created longer than this after its start was entered after it took place: its session is
 * only asserted. The grace covers scheduling "now" on site (start times are to the minute). The
 * rollup triggers (db/migrations, *_attendance_rollups.sql) hold the same number.
 */
export const enteredLateAfterMs = 30 * 60_000;

/** A rating of this score or more counts as satisfied. */
export const satisfiedFromScore = 4;

export function isSatisfied(score: number) {
  return score >= satisfiedFromScore;
}

/** Satisfied ratings ÷ all counted ratings; null when there is nothing to divide. */
export function satisfactionRate(satisfied: number, ratings: number) {
  return ratings ? satisfied / ratings : null;
}

/**
 * What the rollup tables hold (db/schema/delivery.ts, kept by triggers in the same transaction as every
 * check-in, rating, exclusion, review and acceptance): the sums every figure is computed from.
 */
export type Sums = {
  sessions: number;
  walkIns: number;
  checkins: number;
  ratings: number;
  satisfied: number;
  scoreSum: number;
  pendingSessions: number;
  pendingWalkIns: number;
  pendingCheckins: number;
};

export const noSums: Sums = {
  sessions: 0,
  walkIns: 0,
  checkins: 0,
  ratings: 0,
  satisfied: 0,
  scoreSum: 0,
  pendingSessions: 0,
  pendingWalkIns: 0,
  pendingCheckins: 0,
};

const sumsAs = (columns: Record<keyof Sums, string>) =>
  sql.raw(
    Object.entries(columns)
      .map(([key, column]) => `coalesce(sum(${column}), 0) as ${key}`)
      .join(', '),
  );

/** The sums over `event_rollups` rows aliased `f` (their generated columns: the counting rules). */
const eventSums = sumsAs({
  sessions: 'f.sessions',
  walkIns: 'f.counted_walk_ins',
  checkins: 'f.counted_checkins',
  ratings: 'f.counted_ratings',
  satisfied: 'f.counted_satisfied',
  scoreSum: 'f.counted_score_sum',
  pendingSessions: 'f.pending_sessions',
  pendingWalkIns: 'f.pending_walk_ins',
  pendingCheckins: 'f.pending_checkins',
});

/** Where a coarser rollup (contract-month, organization, the reports' union rollups) keeps each sum. */
export const rollupColumns: Record<keyof Sums, string> = {
  sessions: 'sessions',
  walkIns: 'walk_ins',
  checkins: 'checkins',
  ratings: 'ratings',
  satisfied: 'satisfied',
  scoreSum: 'score_sum',
  pendingSessions: 'pending_sessions',
  pendingWalkIns: 'pending_walk_ins',
  pendingCheckins: 'pending_checkins',
};

/** The sums over rows of a coarser rollup aliased `m`. */
const rollupSums = sumsAs(
  Object.fromEntries(
    Object.entries(rollupColumns).map(([key, column]) => [key, `m.${column}`]),
  ) as typeof rollupColumns,
);

/** The figures from their sums: the one place sessions, worker-visits and satisfaction are defined. */
export function figuresFromSums(sums: Sums): Figures {
  return {
    sessionsDelivered: sums.sessions,
    workerVisits: sums.walkIns + sums.checkins,
    ratings: sums.ratings,
    checkins: sums.checkins,
    averageScore: sums.ratings ? sums.scoreSum / sums.ratings : null,
    satisfaction: satisfactionRate(sums.satisfied, sums.ratings),
    pending: { sessions: sums.pendingSessions, walkIns: sums.pendingWalkIns, checkins: sums.pendingCheckins },
  };
}

/** Sums over the non-cancelled events `scope` selects (it refers to the event as `e`). */
function figuresOver(scope: SQL): Figures {
  const row = db.get<Sums>(sql`
    select ${eventSums} from events e left join event_rollups f on f.event_id = e.id
    where e.state <> 'cancelled' and ${scope}`)!;
  return figuresFromSums(row);
}

const delivered = sql`e.state = 'accepted'`;

/** Delivered figures over the events `eventFilter` selects (it refers to the event as `e`). */
export function figuresWhere(eventFilter: SQL): Figures {
  return figuresOver(sql`${delivered} and ${eventFilter}`);
}

/** One event's figures, whatever its state (sessions delivered is 1 once accepted and shown). */
export function eventFigures(eventId: number) {
  return figuresOver(sql`e.id = ${eventId}`);
}

export function contractFigures(contractId: number) {
  return contractsFigures([contractId]).get(contractId)!;
}

/** Each contract's delivered figures, in one query. */
export function contractsFigures(contractIds: number[]) {
  const ids = sql.join(
    contractIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = db.all<Sums & { contractId: number }>(sql`
    select m.contract_id as contractId, ${rollupSums} from contract_month_rollups m
    where m.contract_id in (${ids}) group by m.contract_id`);
  const sums = new Map(rows.map((r) => [r.contractId, r]));
  return new Map(contractIds.map((id) => [id, figuresFromSums(sums.get(id) ?? noSums)]));
}

/** The organization's contracted delivery: what its evaluation's completion rate compares. */
export function organizationFigures(organizationId: number) {
  return figuresFromSums(
    db.get<Sums>(sql`select ${rollupSums} from organization_rollups m where m.organization_id = ${organizationId}`)!,
  );
}

/** Every accepted contracted event on the platform: a sum over one rollup row per organization. */
export function platformFigures() {
  return figuresFromSums(db.get<Sums>(sql`select ${rollupSums} from organization_rollups m`)!);
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
    select o.organization_id as organization_id, o.ratings as ratings, o.satisfied as satisfied
    from organization_rollups o
    where o.ratings > 0 and o.organization_id in (${organizationIds})`;
}

export type AttendanceStandard = (typeof checkinVerifications)[number];

/**
 * Which attendance standard a set of figures rests on: one, or 'mixed' when they add up unions
 * of both kinds (then the code-only ones are named, the first few of them).
 */
export type Basis = { standard: AttendanceStandard | 'mixed'; codeOnly: { count: number; names: string[] } };

const namedCodeOnly = 5;

export type UnionStandard = { id: number; name: string; standard: AttendanceStandard };

/** The attendance standard of each of these unions (ids from the database). */
export function unionStandards(unionIds: number[]) {
  if (!unionIds.length) return [];
  return db.all<UnionStandard>(sql`
    select id, name, attendance_standard as standard from unions
    where id in (${sql.raw(unionIds.join(', '))}) order by id`);
}

/** The basis of figures that add up the events of these unions. */
export function basisOf(unions: UnionStandard[]): Basis {
  const code = unions.filter((u) => u.standard === 'code');
  return basisFromCounts(
    unions.length,
    code.length,
    code.slice(0, namedCodeOnly).map((u) => u.name),
  );
}

function basisFromCounts(all: number, code: number, names: string[]): Basis {
  const standard = !code ? 'sms' : code === all ? 'code' : 'mixed';
  return { standard, codeOnly: { count: code, names } };
}

/** The basis of figures that add up every union on the platform, without reading them all. */
export function platformBasis(): Basis {
  const { all, code } = db.get<{ all: number; code: number }>(sql`
    select count(*) as "all", coalesce(sum(attendance_standard = 'code'), 0) as code from unions`)!;
  const names = db.all<{ name: string }>(sql`
    select name from unions where attendance_standard = 'code' order by id limit ${namedCodeOnly}`);
  return basisFromCounts(
    all,
    code,
    names.map((u) => u.name),
  );
}

/**
 * The basis of figures over a union and every union below it, whole and by branch (each child's
 * subtree; `null`: the union itself), counted in SQL through `union_ancestors`: a province has
 * thousands of unions, and listing them cost its dashboard more than its figures.
 */
export function subtreeBases(rootId: number) {
  const branches = sql`branches(branch, id) as (
    select null, ${rootId}
    union all
    select k.id, a.union_id from unions k join union_ancestors a on a.ancestor_id = k.id where k.parent_id = ${rootId})`;
  const counts = db.all<{ branch: number | null; all: number; code: number }>(sql`
    with ${branches}
    select b.branch as branch, count(*) as "all", coalesce(sum(u.attendance_standard = 'code'), 0) as code
    from branches b join unions u on u.id = b.id group by b.branch`);
  const named = db.all<{ branch: number | null; name: string }>(sql`
    with ${branches}
    select branch, name from (
      select b.branch as branch, u.id as id, u.name as name, row_number() over (partition by b.branch order by u.id) as n
      from branches b join unions u on u.id = b.id where u.attendance_standard = 'code')
    where n <= ${namedCodeOnly} order by id`);
  const namesOf = (branch: number | null) => named.filter((n) => n.branch === branch).map((n) => n.name);
  const bases = new Map(counts.map((c) => [c.branch, basisFromCounts(c.all, c.code, namesOf(c.branch))]));
  return {
    whole: basisFromCounts(
      counts.reduce((sum, c) => sum + c.all, 0),
      counts.reduce((sum, c) => sum + c.code, 0),
      named.slice(0, namedCodeOnly).map((n) => n.name),
    ),
    of: (branch: number | null) => bases.get(branch) ?? basisFromCounts(0, 0, []),
  };
}

/** The basis of figures over the events of these unions (an event's, a contract's, an organization's buyers). */
export function basisOfUnions(unionIds: number[]) {
  return basisOf(unionStandards(unionIds));
}

/**
 * The basis of an organization's figures: the standards of the unions it delivers for under
 * contract, of the incubators' unions it ran its own activities under, or of both.
 */
export function organizationBasis(organizationId: number, over: 'contracts' | 'residencies' | 'all' = 'contracts') {
  const buyers = db
    .selectDistinct({ unionId: contracts.unionId })
    .from(contracts)
    .where(eq(contracts.organizationId, organizationId));
  const incubatorUnions = db
    .selectDistinct({ unionId: incubators.unionId })
    .from(residencies)
    .innerJoin(incubators, eq(incubators.id, residencies.incubatorId))
    .where(eq(residencies.organizationId, organizationId));
  const rows =
    over === 'contracts'
      ? buyers.all()
      : over === 'residencies'
        ? incubatorUnions.all()
        : buyers.union(incubatorUnions).all();
  return basisOfUnions(rows.map((r) => r.unionId));
}

/** The Shanghai month (yyyymm) a time falls in: the key of `contract_month_rollups`. */
export function shanghaiMonth(at: Date) {
  const { year, month } = shanghaiYearMonth(at);
  return year * 100 + month;
}

/** An organization's or one contract's figures over the events that started in [from, to). */
export function figuresBetween(scope: { organizationId: number } | { contractId: number }, from: Date, to: Date) {
  const owner =
    'organizationId' in scope
      ? sql`e.organization_id = ${scope.organizationId}`
      : sql`e.contract_id = ${scope.contractId}`;
  return figuresWhere(sql`${owner} and e.starts_at >= ${from.getTime()} and e.starts_at < ${to.getTime()}`);
}
