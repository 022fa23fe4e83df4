import { and, asc, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import { commissions, offerings } from '../../db/schema/catalog';
import { milestones } from '../../db/schema/payments';
import { organizations } from '../../db/schema/organizations';
import { bidScores, bids, contractAmendments, contracts, tenderAmendments, tenders } from '../../db/schema/procurement';
import { riskFlags, riskResponses } from '../../db/schema/risk';
import { departments } from '../../db/schema/unions';
import type { RecordRef } from './indicators';
import { riskIndicators, type ResponseKind, type RiskIndicator, type RiskSubject } from './indicators-list';
import { recomputeUnion, riskSettingsOf } from './recompute.server';
import { flagReaders, responderRoles, riskPageRoles } from './permissions';
import type { RiskSettings } from './settings';
import { forbidden, hasUnionRole, notFound, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { awardPublishedStates, type TenderState } from '~/procurement/machine';
import { rankBids, type ScoreRow } from '~/procurement/scoring';
import { unsealBid } from '~/procurement/seal.server';
import { requireUnion, updateUnionSettings } from '~/unions/unions.server';
import './audit-subjects.server';

export function riskSettings(unionId: number) {
  return riskSettingsOf(db, unionId);
}

/** The union admin sets the thresholds; every flag of the union is recomputed against them at once. */
export function setRiskSettings(viewer: Viewer, unionId: number, settings: RiskSettings) {
  requireUnionRole(viewer, unionId, ['admin']);
  requireUnion(unionId);
  const before = riskSettings(unionId);
  transaction((tx) => {
    updateUnionSettings(tx, unionId, settings);
    audit(tx, {
      actorId: viewer.id,
      action: 'union.setRiskSettings',
      subjectType: 'union',
      subjectId: unionId,
      before: Object.fromEntries(Object.keys(settings).map((k) => [k, before[k as keyof RiskSettings]])),
      after: settings,
    });
    recomputeUnion(tx, unionId);
  });
}

type FlagRow = typeof riskFlags.$inferSelect;

/** Each flag's subject title and page. */
function subjectsOf(flags: FlagRow[]) {
  const ids = (type: RiskSubject) => [...new Set(flags.filter((f) => f.subjectType === type).map((f) => f.subjectId))];
  const titles = new Map<string, string>();
  const tenderIds = ids('tender');
  if (tenderIds.length)
    for (const t of db
      .select({ id: tenders.id, title: tenders.title })
      .from(tenders)
      .where(inArray(tenders.id, tenderIds))
      .all())
      titles.set(`tender:${t.id}`, t.title);
  const contractIds = ids('contract');
  if (contractIds.length)
    for (const c of db
      .select({ id: contracts.id, title: contracts.title })
      .from(contracts)
      .where(inArray(contracts.id, contractIds))
      .all())
      titles.set(`contract:${c.id}`, c.title);
  const commissionIds = ids('commission');
  if (commissionIds.length)
    for (const c of db
      .select({ id: commissions.id, title: offerings.title })
      .from(commissions)
      .innerJoin(offerings, eq(offerings.id, commissions.offeringId))
      .where(inArray(commissions.id, commissionIds))
      .all())
      titles.set(`commission:${c.id}`, c.title);
  return (flag: FlagRow) => ({
    title: titles.get(`${flag.subjectType}:${flag.subjectId}`) ?? '',
    path: `/${flag.subjectType === 'commission' ? 'commissions' : `${flag.subjectType}s`}/${flag.subjectId}`,
  });
}

/** The latest response to each flag, by flag id. */
function latestResponses(flagIds: number[]) {
  if (!flagIds.length) return new Map<number, ResponseKind>();
  const rows = db
    .select({ flagId: riskResponses.flagId, kind: riskResponses.kind })
    .from(riskResponses)
    .where(inArray(riskResponses.flagId, flagIds))
    .orderBy(asc(riskResponses.id))
    .all();
  return new Map(rows.map((r) => [r.flagId, r.kind]));
}

function listed(where: SQL | undefined) {
  const rows = db
    .select({ flag: riskFlags, organizationName: organizations.name, departmentName: departments.name })
    .from(riskFlags)
    .leftJoin(organizations, eq(organizations.id, riskFlags.organizationId))
    .leftJoin(departments, eq(departments.id, riskFlags.departmentId))
    .where(where)
    .orderBy(desc(riskFlags.raisedAt), desc(riskFlags.id))
    .all();
  const subject = subjectsOf(rows.map((r) => r.flag));
  const responses = latestResponses(rows.map((r) => r.flag.id));
  return rows.map(({ flag, organizationName, departmentName }) => ({
    ...flag,
    organizationName,
    departmentName,
    subject: subject(flag),
    response: responses.get(flag.id) ?? null,
  }));
}
export type ListedFlag = ReturnType<typeof listed>[number];

export type FlagFilters = {
  year: number;
  indicator?: RiskIndicator;
  departmentId?: number;
  organizationId?: number;
};

const positiveId = (value: string | null) => {
  const id = Number(value);
  return value && Number.isSafeInteger(id) && id > 0 ? id : undefined;
};

/** Values that make no sense fall back to no filter rather than failing the page. */
export function parseFlagFilters(params: URLSearchParams, currentYear: number): FlagFilters {
  const year = Number(params.get('year'));
  const indicator = params.get('indicator') as RiskIndicator;
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= currentYear + 1 ? year : currentYear,
    indicator: riskIndicators.includes(indicator) ? indicator : undefined,
    departmentId: positiveId(params.get('department')),
    organizationId: positiveId(params.get('org')),
  };
}

export function flagSearch(filters: FlagFilters) {
  const params = new URLSearchParams({ year: String(filters.year) });
  if (filters.indicator) params.set('indicator', filters.indicator);
  if (filters.departmentId) params.set('department', String(filters.departmentId));
  if (filters.organizationId) params.set('org', String(filters.organizationId));
  return `?${params}`;
}

/**
 * The union's open flags for its "风险提示" page and CSV, filtered; with the count and value at
 * stake per indicator, and the departments and organizations to filter by.
 */
export function unionFlags(viewer: Viewer, unionId: number, filters: FlagFilters) {
  requireUnionRole(viewer, unionId, riskPageRoles);
  const union = requireUnion(unionId);
  const flags = listed(
    and(
      eq(riskFlags.unionId, unionId),
      eq(riskFlags.year, filters.year),
      isNull(riskFlags.clearedAt),
      filters.indicator ? eq(riskFlags.indicator, filters.indicator) : undefined,
      filters.departmentId ? eq(riskFlags.departmentId, filters.departmentId) : undefined,
      filters.organizationId ? eq(riskFlags.organizationId, filters.organizationId) : undefined,
    ),
  );
  const counts = riskIndicators
    .map((indicator) => {
      const own = flags.filter((f) => f.indicator === indicator);
      return { indicator, flags: own.length, valueFen: own.reduce((sum, f) => sum + f.valueFen, 0) };
    })
    .filter((c) => c.flags > 0);
  const choices = db
    .selectDistinct({
      departmentId: riskFlags.departmentId,
      departmentName: departments.name,
      organizationId: riskFlags.organizationId,
      organizationName: organizations.name,
    })
    .from(riskFlags)
    .leftJoin(organizations, eq(organizations.id, riskFlags.organizationId))
    .leftJoin(departments, eq(departments.id, riskFlags.departmentId))
    .where(eq(riskFlags.unionId, unionId))
    .all();
  const unique = <T extends { id: number | null; name: string | null }>(rows: T[]) =>
    [...new Map(rows.filter((r) => r.id !== null).map((r) => [r.id, { id: r.id!, name: r.name ?? '' }])).values()].sort(
      (a, b) => a.id - b.id,
    );
  const years = db
    .selectDistinct({ year: riskFlags.year })
    .from(riskFlags)
    .where(eq(riskFlags.unionId, unionId))
    .all()
    .map((r) => r.year);
  return {
    union,
    years: [...new Set([...years, filters.year])].sort((a, b) => b - a),
    flags,
    counts,
    total: { flags: flags.length, valueFen: flags.reduce((sum, f) => sum + f.valueFen, 0) },
    departments: unique(choices.map((c) => ({ id: c.departmentId, name: c.departmentName }))),
    organizations: unique(choices.map((c) => ({ id: c.organizationId, name: c.organizationName }))),
  };
}

function tenderState(tenderId: number) {
  return db.select({ state: tenders.state }).from(tenders).where(eq(tenders.id, tenderId)).get()?.state;
}

/** A tender's flags are public once its award is published (decision 115). */
export const flagsPublic = (state: TenderState | undefined) => !!state && awardPublishedStates.includes(state);

/**
 * The open flags shown on a tender, commission or contract page: to the union's staff, and for a
 * tender after its award to everyone; none for anyone else. `staff`: whether the viewer is staff.
 */
export function subjectFlags(viewer: Viewer | null, type: RiskSubject, id: number) {
  const flags = listed(and(eq(riskFlags.subjectType, type), eq(riskFlags.subjectId, id), isNull(riskFlags.clearedAt)));
  const staff = flags.length > 0 && hasUnionRole(viewer, flags[0]!.unionId, flagReaders);
  const shown = staff || (flags.length > 0 && type === 'tender' && flagsPublic(tenderState(id)));
  return { staff, flags: shown ? flags.map((f) => ({ ...f, responses: responsesOf(f.id) })) : [] };
}

/** A tender's open flags with their responses, for its OCDS release once the award is published. */
export function publishedFlags(tenderId: number) {
  if (!flagsPublic(tenderState(tenderId))) return [];
  return listed(
    and(eq(riskFlags.subjectType, 'tender'), eq(riskFlags.subjectId, tenderId), isNull(riskFlags.clearedAt)),
  ).map((f) => ({ ...f, responses: responsesOf(f.id) }));
}

function responsesOf(flagId: number) {
  return db
    .select({
      id: riskResponses.id,
      kind: riskResponses.kind,
      text: riskResponses.text,
      createdAt: riskResponses.createdAt,
      by: users.name,
    })
    .from(riskResponses)
    .innerJoin(users, eq(users.id, riskResponses.respondedBy))
    .where(eq(riskResponses.flagId, flagId))
    .orderBy(asc(riskResponses.id))
    .all();
}

/** What a record behind a flag is called, and its page (null: shown on the flag's page itself). */
function describeRecords(flag: FlagRow, records: RecordRef[]) {
  return records.map((r) => {
    switch (r.type) {
      case 'tender':
        return {
          ...r,
          label: db.select({ t: tenders.title }).from(tenders).where(eq(tenders.id, r.id)).get()?.t ?? '',
          href: `/tenders/${r.id}`,
        };
      case 'contract':
        return {
          ...r,
          label: db.select({ t: contracts.title }).from(contracts).where(eq(contracts.id, r.id)).get()?.t ?? '',
          href: `/contracts/${r.id}`,
        };
      case 'commission':
        return { ...r, label: '', href: `/commissions/${r.id}` };
      case 'milestone':
        return {
          ...r,
          label: db.select({ t: milestones.label }).from(milestones).where(eq(milestones.id, r.id)).get()?.t ?? '',
          href: `/milestones/${r.id}`,
        };
      case 'event':
        return { ...r, label: '', href: `/events/${r.id}` };
      case 'bid': {
        const bid = db
          .select({ name: organizations.name })
          .from(bids)
          .innerJoin(organizations, eq(organizations.id, bids.organizationId))
          .where(eq(bids.id, r.id))
          .get();
        return { ...r, label: bid?.name ?? '', href: null };
      }
      case 'amendment': {
        const table = flag.subjectType === 'tender' ? tenderAmendments : contractAmendments;
        const row = db.select({ rationale: table.rationale }).from(table).where(eq(table.id, r.id)).get();
        return { ...r, label: row?.rationale ?? '', href: null };
      }
    }
  });
}

/** The ranking that decided a tender's award, bidders by name: the scoring behind its award flags. */
function scoringOf(tenderId: number) {
  const tender = db.select().from(tenders).where(eq(tenders.id, tenderId)).get();
  if (!tender || !awardPublishedStates.includes(tender.state)) return null;
  const submitted = db
    .select({ bid: bids, name: organizations.name })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.organizationId))
    .where(and(eq(bids.tenderId, tenderId), eq(bids.state, 'submitted')))
    .all();
  const scores = submitted.length
    ? db
        .select()
        .from(bidScores)
        .where(
          inArray(
            bidScores.bidId,
            submitted.map((s) => s.bid.id),
          ),
        )
        .all()
    : [];
  const ranking = rankBids(
    submitted.map((s) => ({
      id: s.bid.id,
      priceFen: unsealBid(tenderId, s.bid.organizationId, s.bid.sealed).priceFen,
    })),
    scores as ScoreRow[],
    tender.weights,
  );
  return ranking.map((r) => ({
    bidId: r.bidId,
    name: submitted.find((s) => s.bid.id === r.bidId)!.name,
    priceFen: r.priceFen,
    total: r.total,
    rank: r.rank,
    winner: r.bidId === tender.awardedBidId,
  }));
}

/** A flag with what it rests on and its responses: for the union's staff. */
export function requireFlag(viewer: Viewer, flagId: number) {
  const flag = db.select().from(riskFlags).where(eq(riskFlags.id, flagId)).get();
  if (!flag) notFound();
  if (!hasUnionRole(viewer, flag.unionId, flagReaders)) forbidden();
  const [row] = listed(eq(riskFlags.id, flagId));
  return {
    flag: row!,
    records: describeRecords(flag, flag.facts.records),
    scoring: flag.subjectType === 'tender' ? scoringOf(flag.subjectId) : null,
    responses: responsesOf(flagId),
    canRespond: hasUnionRole(viewer, flag.unionId, responderRoles),
  };
}

/** A commissioner or an auditor records an explanation or a confirmed concern; audited. */
export function respondToFlag(viewer: Viewer, flagId: number, input: { kind: ResponseKind; text: string }) {
  const flag = db.select().from(riskFlags).where(eq(riskFlags.id, flagId)).get();
  if (!flag) notFound();
  requireUnionRole(viewer, flag.unionId, responderRoles);
  transaction((tx) => {
    const response = tx
      .insert(riskResponses)
      .values({ flagId, kind: input.kind, text: input.text, respondedBy: viewer.id, createdAt: now() })
      .returning()
      .get();
    audit(tx, {
      actorId: viewer.id,
      action: `riskFlag.${input.kind}`,
      subjectType: 'risk_flag',
      subjectId: flagId,
      unionId: flag.unionId,
      data: { responseId: response.id, indicator: flag.indicator },
      after: { kind: input.kind, text: input.text },
    });
  });
}
