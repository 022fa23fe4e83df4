import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { TFunction } from 'i18next';
import { organizations } from '../../db/schema/organizations';
import { milestones, payments } from '../../db/schema/payments';
import { bids, contracts, tenderQuestions, tenders } from '../../db/schema/procurement';
import { unions } from '../../db/schema/unions';
import { listAttachments } from './tender-attachments.server';
import { awardedPrice } from './bids.server';
import { listAmendments, type Tender } from './tenders.server';
import { contractAmendments } from '../../db/schema/procurement';
import type { TenderState } from './machine';
import { awardPublished, bidsOpenable, isDraft } from './permissions';
import { basisOfUnions, contractFigures } from '~/delivery/figures.server';
import { basisText, pendingText } from '~/delivery/figures-text';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import { notFound } from '~/accounts/auth.server';
import { shanghaiIso } from '~/lib/time';
import { messageKey } from '~/lib/locale';
import { explainFlag } from '~/risk/explain';
import { publishedFlags } from '~/risk/flags.server';

/**
 * Open Contracting Data Standard 1.1: one release per published tender, showing the process as
 * it stands. No bid content appears before an award is proposed (then only the winning price),
 * and no personal data ever: organizations and unions appear by name and credit code only.
 */
export const ocidPrefix = () => process.env.OCDS_PREFIX ?? 'ocds-gonghui';
export const ocid = (tenderId: number) => `${ocidPrefix()}-${tenderId}`;

type Party = { id: string; name: string; identifier?: Record<string, string>; roles: string[] };
type Context = { origin: string; t: TFunction };

const value = (fen: number) => ({ amount: fen / 100, currency: 'CNY' });
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : undefined);
const dayStart = (day: string | null) => (day ? shanghaiIso(day, '00:00:00') : undefined);
const dayEnd = (day: string | null) => (day ? shanghaiIso(day, '23:59:59') : undefined);

class Parties {
  private byId = new Map<string, Party>();
  add(party: Omit<Party, 'roles'>, role: string) {
    const existing = this.byId.get(party.id) ?? { ...party, roles: [] };
    if (!existing.roles.includes(role)) existing.roles.push(role);
    this.byId.set(party.id, existing);
    return { id: party.id, name: party.name };
  }
  list() {
    return [...this.byId.values()];
  }
}

function organizationParty(organizationId: number) {
  const org = db
    .select({ id: organizations.id, name: organizations.name, creditCode: organizations.creditCode })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .get()!;
  return {
    id: `org-${org.id}`,
    name: org.name,
    ...(org.creditCode ? { identifier: { scheme: 'CN-USCI', id: org.creditCode, legalName: org.name } } : {}),
  };
}

function tenderStatus(state: TenderState) {
  if (state === 'cancelled' || state === 'unsuccessful') return state;
  if (state === 'awarded' || state === 'contracted') return 'complete';
  return 'active';
}

function tenderSection(tender: Tender, ctx: Context, dates: Date[]) {
  const { t, origin } = ctx;
  const amendments = listAmendments(tender.id);
  dates.push(...amendments.map((a) => a.createdAt));
  const opened = bidsOpenable(tender, now());
  const submitted = opened
    ? db
        .select({ n: sql<number>`count(*)` })
        .from(bids)
        .where(and(eq(bids.tenderId, tender.id), eq(bids.state, 'submitted')))
        .get()!.n
    : undefined;
  const questions = db
    .select({ n: sql<number>`count(*)` })
    .from(tenderQuestions)
    .where(eq(tenderQuestions.tenderId, tender.id))
    .get()!.n;
  return {
    id: `tender-${tender.id}`,
    title: tender.title,
    description: tender.scope || undefined,
    status: tenderStatus(tender.state),
    items: [
      {
        id: '1',
        description: t(messageKey('catalog.categories', tender.category)),
        quantity: tender.sessions,
        unit: { name: t('procurement.ocds.sessionUnit') },
      },
    ],
    value: value(tender.budgetFen),
    procurementMethod: 'open',
    procurementMethodDetails: t('procurement.ocds.method'),
    mainProcurementCategory: 'services',
    awardCriteria: 'ratedCriteria',
    awardCriteriaDetails: t('procurement.tenders.weightsLine', {
      price: tender.weights.price,
      plan: tender.weights.plan,
      team: tender.weights.team,
      track: tender.weights.track_record,
    }),
    submissionMethod: ['electronicSubmission'],
    tenderPeriod: { startDate: iso(tender.publishedAt), endDate: iso(tender.deadlineAt) },
    enquiryPeriod: { startDate: iso(tender.publishedAt), endDate: iso(tender.questionDeadlineAt ?? tender.deadlineAt) },
    hasEnquiries: questions > 0,
    eligibilityCriteria: t(messageKey('procurement.eligibility', tender.eligibility), {
      grade: tender.minGrade ? t(messageKey('evaluation.grades', tender.minGrade)) : '',
    }),
    awardPeriod: opened ? { startDate: iso(tender.deadlineAt), endDate: iso(tender.awardedAt) } : undefined,
    contractPeriod:
      tender.periodStart || tender.periodEnd
        ? { startDate: dayStart(tender.periodStart), endDate: dayEnd(tender.periodEnd) }
        : undefined,
    numberOfTenderers: submitted,
    documents: listAttachments(tender.id).map((a) => ({
      id: `attachment-${a.id}`,
      documentType: 'biddingDocuments',
      title: a.fileName,
      url: `${origin}/tenders/${tender.id}/attachments/${a.id}`,
      datePublished: iso(a.createdAt),
      format: a.contentType,
      language: 'zh',
    })),
    amendments: amendments.map((a) => ({
      id: `amendment-${a.id}`,
      date: iso(a.createdAt),
      rationale: a.rationale,
      description: Object.keys(a.changes).join(', '),
    })),
  };
}

function implementation(
  contract: typeof contracts.$inferSelect,
  union: { id: string; name: string },
  supplier: { id: string; name: string },
  ctx: Context,
  dates: Date[],
) {
  const { t } = ctx;
  const planned = db
    .select()
    .from(milestones)
    .where(eq(milestones.contractId, contract.id))
    .orderBy(asc(milestones.id))
    .all();
  const paid = planned.length
    ? db
        .select()
        .from(payments)
        .where(
          inArray(
            payments.milestoneId,
            planned.map((m) => m.id),
          ),
        )
        .orderBy(asc(payments.id))
        .all()
        .filter((p) => p.paidOn || p.confirmedAt)
    : [];
  const transactions = paid.map((p) => {
    const date = p.paidOn ? new Date(shanghaiIso(p.paidOn, '00:00:00')) : p.confirmedAt!;
    dates.push(date);
    return {
      id: `payment-${p.id}`,
      date: date.toISOString(),
      value: value(p.amountFen),
      payer: union,
      payee: supplier,
    };
  });
  const figures = contractFigures(contract.id);
  const delivery = {
    id: `delivery-${contract.id}`,
    title: t('procurement.ocds.deliveryMilestone'),
    type: 'delivery',
    // OCDS has no field for how attendance was verified: the milestone's description says it.
    description: [
      t('procurement.ocds.deliveryProgress', {
        delivered: figures.sessionsDelivered,
        contracted: contract.sessions,
        visits: figures.workerVisits,
      }),
      basisText(t, basisOfUnions([contract.unionId])),
      pendingText(t, figures.pending),
    ]
      .filter(Boolean)
      .join(' '),
    status: figures.sessionsDelivered >= contract.sessions ? 'met' : 'scheduled',
  };
  return {
    transactions,
    milestones: [
      ...planned.map((m) => ({
        id: `milestone-${m.id}`,
        title: t(messageKey('payments.conditions', m.condition)),
        type: 'payment',
        status: m.state === 'paid' || m.state === 'confirmed' ? 'met' : 'scheduled',
        dueDate: iso(m.dueAt),
      })),
      delivery,
    ],
  };
}

/** Money figures (`…Fen`) as amounts in the release's currency, named without the unit. */
const amounts = <V extends number | string>(values: Record<string, V>) =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => (k.endsWith('Fen') ? [k.slice(0, -3), Number(v) / 100] : [k, v])),
  );

/** A red flag as the repository's OCDS extension publishes it (public/ocds-extension-red-flags). */
function redFlag(flag: ReturnType<typeof publishedFlags>[number], ctx: Context) {
  return {
    id: `red-flag-${flag.id}`,
    indicator: flag.indicator,
    title: ctx.t(messageKey('risk.indicators', flag.indicator)),
    description: explainFlag(ctx.t, 'zh-CN', flag),
    date: iso(flag.raisedAt),
    value: value(flag.valueFen),
    observed: amounts(flag.facts.seen),
    thresholds: amounts(flag.facts.threshold),
    responses: flag.responses.map((r) => ({ type: r.kind, description: r.text, date: iso(r.createdAt) })),
  };
}

const contractStatus: Record<string, string> = {
  draft: 'pending',
  pending: 'pending',
  active: 'active',
  completed: 'terminated',
  terminated: 'terminated',
};

/** The release for one published tender, as it stands now. */
export function tenderRelease(tender: Tender, ctx: Context) {
  if (isDraft(tender)) notFound();
  const dates: Date[] = [tender.publishedAt ?? tender.createdAt];
  const parties = new Parties();
  const union = db
    .select({ id: unions.id, name: unions.name })
    .from(unions)
    .where(eq(unions.id, tender.unionId))
    .get()!;
  const unionParty = { id: `union-${union.id}`, name: union.name };
  const buyer = parties.add(unionParty, 'buyer');
  parties.add(unionParty, 'procuringEntity');
  const tag: string[] = [tender.state === 'cancelled' ? 'tenderCancellation' : 'tender'];
  const release: Record<string, unknown> = {
    ocid: ocid(tender.id),
    initiationType: 'tender',
    language: 'zh',
    buyer,
    tender: tenderSection(tender, ctx, dates),
  };
  if (bidsOpenable(tender, now())) dates.push(tender.deadlineAt);

  if (awardPublished(tender) && tender.awardedBidId) {
    const bidders = db
      .select({ id: bids.id, organizationId: bids.organizationId })
      .from(bids)
      .where(and(eq(bids.tenderId, tender.id), eq(bids.state, 'submitted')))
      .all();
    (release.tender as Record<string, unknown>).tenderers = bidders.map((b) =>
      parties.add(organizationParty(b.organizationId), 'tenderer'),
    );
    const winner = bidders.find((b) => b.id === tender.awardedBidId)!;
    const supplier = parties.add(organizationParty(winner.organizationId), 'supplier');
    const price = awardedPrice(tender);
    dates.push(tender.awardProposedAt!, ...(tender.awardedAt ? [tender.awardedAt] : []));
    release.awards = [
      {
        id: `award-${tender.id}-${winner.id}`,
        title: tender.title,
        status: tender.state === 'award_proposed' ? 'pending' : 'active',
        date: iso(tender.awardedAt ?? tender.awardProposedAt),
        value: price === null ? undefined : value(price),
        suppliers: [supplier],
        contractPeriod:
          tender.periodStart || tender.periodEnd
            ? { startDate: dayStart(tender.periodStart), endDate: dayEnd(tender.periodEnd) }
            : undefined,
      },
    ];
    tag.push('award');
    const flags = publishedFlags(tender.id);
    if (flags.length) {
      release.redFlags = flags.map((f) => redFlag(f, ctx));
      dates.push(...flags.flatMap((f) => [f.raisedAt, ...f.responses.map((r) => r.createdAt)]));
    }
    const tenderContracts = db
      .select()
      .from(contracts)
      .where(and(eq(contracts.tenderId, tender.id), eq(contracts.bidId, winner.id)))
      .orderBy(asc(contracts.id))
      .all();
    if (tenderContracts.length) {
      tag.push('contract');
      release.contracts = tenderContracts.map((c) => {
        const amendments = db
          .select()
          .from(contractAmendments)
          .where(eq(contractAmendments.contractId, c.id))
          .orderBy(asc(contractAmendments.id))
          .all();
        if (amendments.length && !tag.includes('contractAmendment')) tag.push('contractAmendment');
        if (c.state === 'terminated' && !tag.includes('contractTermination')) tag.push('contractTermination');
        dates.push(...[c.issuedAt, c.signedAt, c.terminatedAt, c.completedAt].filter((d): d is Date => d !== null));
        dates.push(...amendments.map((a) => a.createdAt));
        const work = ['active', 'completed', 'terminated'].includes(c.state)
          ? implementation(
              c,
              parties.add(unionParty, 'payer'),
              parties.add(organizationParty(c.organizationId), 'payee'),
              ctx,
              dates,
            )
          : undefined;
        if (work && !tag.includes('implementation')) tag.push('implementation');
        return {
          id: `contract-${c.id}`,
          awardID: `award-${tender.id}-${winner.id}`,
          title: c.title,
          status: contractStatus[c.state],
          period:
            c.periodStart || c.periodEnd
              ? { startDate: dayStart(c.periodStart), endDate: dayEnd(c.periodEnd) }
              : undefined,
          value: value(c.amountFen),
          dateSigned: iso(c.signedAt),
          amendments: amendments.map((a) => ({
            id: `contract-amendment-${a.id}`,
            date: iso(a.createdAt),
            rationale: a.rationale,
            description: Object.keys(a.changes).join(', '),
          })),
          implementation: work,
        };
      });
    }
  } else if (tender.state !== 'cancelled' && tender.state !== 'published') {
    tag[0] = 'tenderUpdate';
  }
  const date = new Date(Math.max(...dates.map((d) => d.getTime())));
  return JSON.parse(
    JSON.stringify({
      ...release,
      id: `${ocid(tender.id)}-${date.getTime()}`,
      date: date.toISOString(),
      tag,
      parties: parties.list(),
    }),
  ) as { date: string } & Record<string, unknown>;
}

/**
 * Releases per page of `/api/ocds/releases.json`: a page is built in memory, and nationally there are
 * tens of thousands of tenders (docs/decisions/114).
 */
export const releasesPerPage = 100;

/** Published tenders after the tender `after`, in id order: `limit` of them, and whether more follow. */
export function publishedTenders({ after = 0, limit = releasesPerPage } = {}) {
  const rows = db
    .select()
    .from(tenders)
    .where(and(ne(tenders.state, 'draft'), gt(tenders.id, after)))
    .orderBy(asc(tenders.id))
    .limit(limit + 1)
    .all();
  return { tenders: rows.slice(0, limit), more: rows.length > limit };
}

/** The red-flags extension (decision 115), served from public/ beside the app. */
export const redFlagsExtensionPath = '/ocds-extension-red-flags/extension.json';

/** A release package; published "on demand", so its date is that of the latest change it contains. */
export function releasePackage(releases: { date: string }[], uri: string, publisher: string, next?: string) {
  const latest = releases.reduce((max, r) => (r.date > max ? r.date : max), '1970-01-01T00:00:00.000Z');
  const links = next ? { links: { next } } : {};
  return {
    uri,
    version: '1.1',
    extensions: [new URL(redFlagsExtensionPath, uri).href],
    publishedDate: latest,
    publisher: { name: publisher },
    ...links,
    releases,
  };
}
