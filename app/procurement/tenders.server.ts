import { and, asc, count, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { organizations } from '../../db/schema/organizations';
import { bids, tenderAmendments, tenderReviewers, tenders } from '../../db/schema/procurement';
import { unions } from '../../db/schema/unions';
import {
  deleteAttachment,
  discardUploads,
  findAttachment,
  recordUploads,
  type StoredUpload,
} from './tender-attachments.server';
import { amendmentNoticeDays, tenderMachine } from './machine';
import { biddingOrganizationIds, notifyInterested, tenderPath, tenderStaffIds } from './notices.server';
import { biddingOpen, editMode, isDraft, mayCreateTender, mayEditTender, mayRemoveAttachment } from './permissions';
import type { TenderForm } from './schemas';
import type { Viewer } from '~/accounts/auth.server';
import { forbidden, hasUnionRole, notFound, requireUnionRole } from '~/accounts/auth.server';
import { audit, pick } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { fenToYuanInput } from '~/lib/money';
import { toShanghaiInput } from '~/lib/time';
import { db, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { enforce, may } from '~/lib/permission';
import { transition } from '~/lib/machine';
import { notify, notifyOrganization } from '~/notifications/notify.server';
import { requireBiddingPeriod } from './bidding-period.server';
import './audit-subjects.server';
import { listUnions } from '~/unions/unions.server';
import { recomputeTender } from '~/risk/recompute.server';

export type Tender = typeof tenders.$inferSelect;
const dayMs = 24 * 3600_000;

/** The columns a tender form sets, shared by create, edit and amend. */
function formValues(input: TenderForm) {
  return {
    title: input.title,
    category: input.category,
    scope: input.scope,
    budgetFen: input.budget,
    sessions: input.sessions,
    minWorkerVisits: input.minWorkerVisits,
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
    eligibility: input.eligibility,
    minGrade: input.eligibility === 'min_grade' ? (input.minGrade ?? null) : null,
    weights: {
      price: input.weightPrice,
      plan: input.weightPlan,
      team: input.weightTeam,
      track_record: input.weightTrackRecord,
    },
    questionDeadlineAt: input.questionDeadline ?? null,
    deadlineAt: input.deadline,
    minBids: input.minBids,
    objectionDays: input.objectionDays,
  };
}
type TenderValues = ReturnType<typeof formValues>;

/** Runs `write` with the uploads recorded; if it fails, the written files are removed. */
function withUploads<T>(stored: StoredUpload[], write: () => T): T {
  try {
    return write();
  } catch (error) {
    discardUploads(stored);
    throw error;
  }
}

/** The commissioner who creates a tender sits on its review panel until they remove themselves. */
export function createTender(viewer: Viewer, input: TenderForm & { unionId: number }, stored: StoredUpload[] = []) {
  requireUnionRole(viewer, input.unionId, ['commissioner']);
  const departmentId = viewer.roles.find((r) => r.unionId === input.unionId && r.role === 'commissioner')?.departmentId;
  return withUploads(stored, () =>
    transaction((tx) => {
      const tender = tx
        .insert(tenders)
        .values({
          unionId: input.unionId,
          departmentId: departmentId ?? null,
          createdBy: viewer.id,
          ...formValues(input),
        })
        .returning()
        .get();
      recordUploads(tx, tender.id, viewer.id, stored);
      tx.insert(tenderReviewers).values({ tenderId: tender.id, userId: viewer.id, assignedBy: viewer.id }).run();
      audit(tx, {
        actorId: viewer.id,
        action: 'tender.create',
        subjectType: 'tender',
        subjectId: tender.id,
        after: pick(tender, ['state', 'title', 'budgetFen', 'deadlineAt']),
      });
      if (input.intent === 'publish') publish(tx, viewer, tender);
      return tender.id;
    }),
  );
}

function publish(tx: DB, viewer: Viewer, tender: Tender) {
  if (tender.deadlineAt.getTime() <= now().getTime()) throw new UserError('errors.deadlinePast');
  requireBiddingPeriod(tx, tender, now());
  const state = transition(tenderMachine, tender.state, 'publish', 'commissioner');
  tx.update(tenders).set({ state, publishedAt: now() }).where(eq(tenders.id, tender.id)).run();
  audit(tx, {
    actorId: viewer.id,
    action: 'tender.publish',
    subjectType: 'tender',
    subjectId: tender.id,
    before: { state: tender.state },
    after: { state },
  });
  const union = tx.select({ name: unions.name }).from(unions).where(eq(unions.id, tender.unionId)).get()!;
  const interested = tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        eq(organizations.status, 'active'),
        sql`exists (select 1 from json_each(${organizations.fields}) where value = ${tender.category})`,
      ),
    )
    .all()
    .map((o) => o.id);
  notifyOrganization(tx, interested, 'tender_published', {
    title: tender.title,
    union: union.name,
    deadline: tender.deadlineAt.toISOString(),
    path: tenderPath(tender.id),
  });
}

export function publishTender(viewer: Viewer, tenderId: number) {
  const tender = requireTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  transaction((tx) => publish(tx, viewer, tender));
}

const shown = (value: unknown): string | number | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return Object.values(value).join('/');
  return value as string | number;
};

/** The fields whose value differs, with the old and new value as shown in the amendment history. */
function changedFields(tender: Tender, next: TenderValues) {
  const changes: Record<string, { from: string | number | null; to: string | number | null }> = {};
  for (const key of Object.keys(next) as (keyof TenderValues)[]) {
    const [from, to] = [shown(tender[key]), shown(next[key])];
    if (from !== to) changes[key] = { from, to };
  }
  return changes;
}

/**
 * A draft is edited freely. A published tender is amended: the change and its reason are
 * recorded, everyone following the tender is told, the deadline may not move earlier, and if
 * fewer than `amendmentNoticeDays` days remain it moves so that that many remain.
 */
export function updateTender(viewer: Viewer, tenderId: number, input: TenderForm, stored: StoredUpload[] = []) {
  const tender = requireTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  return withUploads(stored, () =>
    transaction((tx) => {
      const values = formValues(input);
      if (isDraft(tender)) {
        tx.update(tenders).set(values).where(eq(tenders.id, tenderId)).run();
        recordUploads(tx, tenderId, viewer.id, stored);
        audit(tx, {
          actorId: viewer.id,
          action: 'tender.edit',
          subjectType: 'tender',
          subjectId: tenderId,
          before: pick(tender, Object.keys(values) as (keyof typeof values)[]),
          after: values,
        });
        return { extended: false };
      }
      transition(tenderMachine, tender.state, 'amend', 'commissioner');
      if (!biddingOpen(tender, now())) throw new UserError('errors.biddingClosed', 409);
      if (values.deadlineAt.getTime() < tender.deadlineAt.getTime())
        throw new UserError('procurement.errors.deadlineEarlier');
      const earliest = now().getTime() + amendmentNoticeDays * dayMs;
      const extended = values.deadlineAt.getTime() < earliest;
      if (extended) values.deadlineAt = new Date(Math.ceil(earliest / 60_000) * 60_000);
      const changes = changedFields(tender, values);
      if (stored.length) changes.attachments = { from: null, to: stored.map((s) => s.fileName).join('、') };
      if (!Object.keys(changes).length) throw new UserError('procurement.errors.noChanges');
      tx.update(tenders).set(values).where(eq(tenders.id, tenderId)).run();
      recordUploads(tx, tenderId, viewer.id, stored);
      tx.insert(tenderAmendments)
        .values({
          tenderId,
          rationale: input.rationale ?? '',
          changes,
          deadlineBefore: tender.deadlineAt,
          deadlineAfter: values.deadlineAt,
          createdBy: viewer.id,
          createdAt: now(),
        })
        .run();
      audit(tx, {
        actorId: viewer.id,
        action: 'tender.amend',
        subjectType: 'tender',
        subjectId: tenderId,
        data: changes,
        before: pick(tender, Object.keys(values) as (keyof typeof values)[]),
        after: values,
      });
      notifyInterested(tx, tenderId, 'tender_amended', {
        title: values.title,
        rationale: input.rationale ?? '',
        deadline: values.deadlineAt.toISOString(),
        path: tenderPath(tenderId),
      });
      return { extended };
    }),
  );
}

export function cancelTender(viewer: Viewer, tenderId: number, reason: string) {
  const tender = requireTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  transaction((tx) => {
    const state = transition(tenderMachine, tender.state, 'cancel', 'commissioner');
    tx.update(tenders).set({ state, cancelReason: reason }).where(eq(tenders.id, tenderId)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'tender.cancel',
      subjectType: 'tender',
      subjectId: tenderId,
      data: { reason },
      before: { state: tender.state },
      after: { state, cancelReason: reason },
    });
    notifyInterested(tx, tenderId, 'tender_cancelled', {
      title: tender.title,
      reason,
      path: tenderPath(tenderId),
    });
  });
}

export function listAmendments(tenderId: number) {
  return db
    .select({
      id: tenderAmendments.id,
      rationale: tenderAmendments.rationale,
      changes: tenderAmendments.changes,
      deadlineBefore: tenderAmendments.deadlineBefore,
      deadlineAfter: tenderAmendments.deadlineAfter,
      createdAt: tenderAmendments.createdAt,
    })
    .from(tenderAmendments)
    .where(eq(tenderAmendments.tenderId, tenderId))
    .orderBy(asc(tenderAmendments.id))
    .all();
}

export function requireTender(tenderId: number) {
  const tender = db.select().from(tenders).where(eq(tenders.id, tenderId)).get();
  if (!tender) notFound();
  return tender;
}

const staffRoles = ['admin', 'commissioner', 'reviewer', 'leadership', 'finance'] as const;

/** Drafts are seen only by the union's own staff. */
export function requireVisibleTender(viewer: Viewer | null, tenderId: number) {
  const tender = requireTender(tenderId);
  const union = db.select({ name: unions.name }).from(unions).where(eq(unions.id, tender.unionId)).get();
  const isStaff = viewer !== null && hasUnionRole(viewer, tender.unionId, staffRoles);
  if (isDraft(tender) && !isStaff) notFound();
  return { ...tender, unionName: union?.name ?? '', isStaff };
}

/** The tender the commissioner's form changes, and how (edit a draft, amend a published tender); 409 otherwise. */
/** The tender its commissioner may still change, and how; otherwise why not (mayEditTender). */
export function requireEditableTender(viewer: Viewer, tenderId: number) {
  const tender = requireTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  enforce(mayEditTender(viewer, tender, now()));
  return { tender, mode: editMode(tender)! };
}

/** The tender's values as its form shows them: the inverse of `formValues`. */
export function tenderFormDefaults(tender: Tender) {
  return {
    title: tender.title,
    category: tender.category,
    scope: tender.scope,
    budget: fenToYuanInput(tender.budgetFen),
    sessions: String(tender.sessions),
    minWorkerVisits: String(tender.minWorkerVisits),
    periodStart: tender.periodStart ?? undefined,
    periodEnd: tender.periodEnd ?? undefined,
    eligibility: tender.eligibility,
    minGrade: tender.minGrade ?? undefined,
    weightPrice: String(tender.weights.price),
    weightPlan: String(tender.weights.plan),
    weightTeam: String(tender.weights.team),
    weightTrackRecord: String(tender.weights.track_record),
    questionDeadline: tender.questionDeadlineAt ? toShanghaiInput(tender.questionDeadlineAt) : undefined,
    deadline: toShanghaiInput(tender.deadlineAt),
    minBids: String(tender.minBids),
    objectionDays: String(tender.objectionDays),
  };
}

/** The unions in which the viewer may create tenders; 403 if none. */
export function requireCommissionerUnions(viewer: Viewer) {
  const mine = listUnions().filter((u) => may(mayCreateTender(viewer, u.id)));
  if (!mine.length) forbidden();
  return mine.map((u) => ({ id: u.id, name: u.name, minBiddingDays: u.minBiddingDays }));
}

export const tenderPageSize = 50;

/** One page of the published tenders, newest deadline first; `more` when another page follows. */
export function listPublishedTenders(page: number) {
  const rows = listTenders({ limit: tenderPageSize + 1, offset: (page - 1) * tenderPageSize });
  return { tenders: rows.slice(0, tenderPageSize), more: rows.length > tenderPageSize };
}

export function listTenders(filter: { unionIds?: number[]; limit?: number; offset?: number } = {}) {
  const visible = filter.unionIds ? inArray(tenders.unionId, filter.unionIds) : sql`${tenders.state} <> 'draft'`;
  const query = db
    .select({
      id: tenders.id,
      title: tenders.title,
      category: tenders.category,
      budgetFen: tenders.budgetFen,
      sessions: tenders.sessions,
      deadlineAt: tenders.deadlineAt,
      state: tenders.state,
      unionName: unions.name,
    })
    .from(tenders)
    .innerJoin(unions, eq(unions.id, tenders.unionId))
    .where(visible)
    .orderBy(desc(tenders.deadlineAt))
    .$dynamic();
  return (filter.limit ? query.limit(filter.limit).offset(filter.offset ?? 0) : query).all();
}

/**
 * The clock's part of the tender lifecycle: at the deadline a published tender closes, and a
 * closed tender with fewer submitted bids than its minimum is unsuccessful.
 */
export function closeDueTenders() {
  const due = db
    .select()
    .from(tenders)
    .where(and(eq(tenders.state, 'published'), lte(tenders.deadlineAt, now())))
    .all();
  for (const tender of due) {
    transaction((tx) => {
      const submitted = tx
        .select({ n: sql<number>`count(*)` })
        .from(bids)
        .where(and(eq(bids.tenderId, tender.id), eq(bids.state, 'submitted')))
        .get()!.n;
      let state = transition(tenderMachine, tender.state, 'close', 'clock');
      if (submitted < tender.minBids) state = transition(tenderMachine, state, 'fail', 'clock');
      const changed = tx
        .update(tenders)
        .set({ state })
        .where(and(eq(tenders.id, tender.id), eq(tenders.state, 'published')))
        .run().changes;
      if (!changed) return;
      recomputeTender(tx, tender.id);
      audit(tx, {
        actorId: null,
        action: `tender.${state}`,
        subjectType: 'tender',
        subjectId: tender.id,
        data: { submitted },
        before: { state: 'published' },
        after: { state },
      });
      const data = { title: tender.title, bids: submitted, path: tenderPath(tender.id) };
      for (const userId of tenderStaffIds(tx, tender.id)) notify(tx, userId, 'deadline_passed', data);
      notifyOrganization(tx, biddingOrganizationIds(tx, tender.id, ['submitted']), 'deadline_passed', data);
    });
  }
}

/** Documents of a draft may be removed; once published, a tender's documents are part of the record. */
export function removeDraftAttachment(viewer: Viewer, tenderId: number, attachmentId: number) {
  const tender = requireTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  enforce(mayRemoveAttachment(viewer, tender));
  const attachment = findAttachment(tenderId, attachmentId);
  if (!attachment) throw new UserError('errors.notFound', 404);
  const removeFile = transaction((tx) => {
    audit(tx, {
      actorId: viewer.id,
      action: 'tender.removeAttachment',
      subjectType: 'tender',
      subjectId: tenderId,
      data: { attachmentId },
    });
    return deleteAttachment(tx, attachment);
  });
  removeFile();
}

const openForBids = () => and(eq(tenders.state, 'published'), gt(tenders.deadlineAt, now()));

/** Tenders open for bids, closing soonest first (`tenders_state_deadline_idx`), and how many there are. */
export function openTenders(limit = 5) {
  const list = db
    .select({ id: tenders.id, title: tenders.title, deadlineAt: tenders.deadlineAt, union: unions.name })
    .from(tenders)
    .innerJoin(unions, eq(unions.id, tenders.unionId))
    .where(openForBids())
    .orderBy(asc(tenders.deadlineAt))
    .limit(limit)
    .all();
  const total = db.select({ n: count() }).from(tenders).where(openForBids()).get()!.n;
  return { list, total };
}
