import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { bids, tenders, unions } from '../../db/schema';
import { tenderMachine, defaultWeights, type TenderState } from './machine';
import type { Viewer } from '~/accounts/auth.server';
import { hasUnionRole, notFound, requireUnionRole } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import type { Category } from '~/catalog/taxonomy';

export type TenderInput = {
  unionId: number;
  title: string;
  category: Category;
  scope: string;
  budget: number;
  sessions: number;
  minWorkerVisits: number;
  deadline: Date;
  objectionDays: number;
  intent: 'draft' | 'publish';
};

export function createTender(viewer: Viewer, input: TenderInput) {
  requireUnionRole(viewer, input.unionId, ['commissioner']);
  const departmentId = viewer.roles.find((r) => r.unionId === input.unionId && r.role === 'commissioner')?.departmentId;
  return transaction((tx) => {
    const tender = tx
      .insert(tenders)
      .values({
        unionId: input.unionId,
        departmentId: departmentId ?? null,
        createdBy: viewer.id,
        title: input.title,
        category: input.category,
        scope: input.scope,
        budgetFen: input.budget,
        sessions: input.sessions,
        minWorkerVisits: input.minWorkerVisits,
        deadlineAt: input.deadline,
        objectionDays: input.objectionDays,
        weights: defaultWeights,
      })
      .returning()
      .get();
    audit(tx, { actorId: viewer.id, action: 'tender.create', subjectType: 'tender', subjectId: tender.id });
    if (input.intent === 'publish') publish(tx, viewer, tender);
    return tender.id;
  });
}

function publish(tx: DB, viewer: Viewer, tender: typeof tenders.$inferSelect) {
  if (tender.deadlineAt.getTime() <= now().getTime()) throw new UserError('errors.deadlinePast');
  const state = transition(tenderMachine, tender.state as TenderState, 'publish', 'commissioner');
  tx.update(tenders).set({ state, publishedAt: now() }).where(eq(tenders.id, tender.id)).run();
  audit(tx, { actorId: viewer.id, action: 'tender.publish', subjectType: 'tender', subjectId: tender.id });
}

export function publishTender(viewer: Viewer, tenderId: number) {
  const tender = getTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  transaction((tx) => publish(tx, viewer, tender));
}

export function getTender(tenderId: number) {
  const tender = db.select().from(tenders).where(eq(tenders.id, tenderId)).get();
  if (!tender) notFound();
  return tender;
}

/** Drafts are seen only by the union's own staff. */
export function getVisibleTender(viewer: Viewer | null, tenderId: number) {
  const tender = getTender(tenderId);
  const union = db.select({ name: unions.name }).from(unions).where(eq(unions.id, tender.unionId)).get();
  const isStaff =
    viewer !== null &&
    hasUnionRole(viewer, tender.unionId, ['admin', 'commissioner', 'reviewer', 'leadership', 'finance']);
  if (tender.state === 'draft' && !isStaff) notFound();
  return { ...tender, unionName: union?.name ?? '', isStaff };
}

export function listTenders(filter: { unionIds?: number[] } = {}) {
  const visible = filter.unionIds ? inArray(tenders.unionId, filter.unionIds) : sql`${tenders.state} <> 'draft'`;
  return db
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
    .all();
}

export function biddingOpen(tender: { state: string; deadlineAt: Date }) {
  return tender.state === 'published' && now().getTime() < tender.deadlineAt.getTime();
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
      let state = transition(tenderMachine, 'published', 'close', 'clock');
      if (submitted < tender.minBids) state = transition(tenderMachine, state, 'fail', 'clock');
      tx.update(tenders)
        .set({ state })
        .where(and(eq(tenders.id, tender.id), eq(tenders.state, 'published')))
        .run();
      audit(tx, {
        actorId: null,
        action: `tender.${state}`,
        subjectType: 'tender',
        subjectId: tender.id,
        data: { submitted },
      });
    });
  }
}
