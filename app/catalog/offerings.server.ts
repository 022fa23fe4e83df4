import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { offeringPhotos, offerings } from '../../db/schema/catalog';
import { organizations } from '../../db/schema/organizations';
import { offeringMachine } from './machine';
import {
  mayChangeOfferingState,
  mayEditOffering,
  mayReadOffering,
  offeringAbilities,
  type OfferingTransition,
} from './permissions';
import type { OfferingInput } from './schemas';
import { isOrgMember, notFound, requireOrgMember, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import './audit-subjects.server';
import { enforce } from '~/lib/permission';

export type Offering = typeof offerings.$inferSelect;

function findOffering(offeringId: number) {
  const offering = db.select().from(offerings).where(eq(offerings.id, offeringId)).get();
  if (!offering) notFound();
  return offering;
}

function columns(input: OfferingInput) {
  return {
    title: input.title,
    category: input.category,
    description: input.description,
    format: input.format,
    durationMinutes: input.durationMinutes,
    capacity: input.capacity,
    priceFen: input.price,
    areas: input.areas,
  };
}

/** New offerings start as drafts, seen only by the organization's members. */
export function createOffering(viewer: Viewer, organizationId: number, input: OfferingInput) {
  requireOrgMember(viewer, organizationId);
  return transaction((tx) => {
    const offering = tx
      .insert(offerings)
      .values({ organizationId, ...columns(input) })
      .returning()
      .get();
    audit(tx, { actorId: viewer.id, action: 'offering.create', subjectType: 'offering', subjectId: offering.id });
    return offering.id;
  });
}

/** Archived offerings are restored before they are edited. */
export function updateOffering(viewer: Viewer, offeringId: number, input: OfferingInput) {
  const offering = requireManagedOffering(viewer, offeringId);
  transaction((tx) => {
    const current = tx.select({ state: offerings.state }).from(offerings).where(eq(offerings.id, offeringId)).get()!;
    enforce(mayEditOffering(current, { member: true, organizationActive: true }));
    tx.update(offerings).set(columns(input)).where(eq(offerings.id, offering.id)).run();
    audit(tx, { actorId: viewer.id, action: 'offering.update', subjectType: 'offering', subjectId: offering.id });
  });
}

export function changeOfferingState(viewer: Viewer, offeringId: number, name: OfferingTransition) {
  requireManagedOffering(viewer, offeringId);
  transaction((tx) => {
    const current = tx
      .select({ state: offerings.state, status: organizations.status })
      .from(offerings)
      .innerJoin(organizations, eq(organizations.id, offerings.organizationId))
      .where(eq(offerings.id, offeringId))
      .get()!;
    const state = transition(offeringMachine, current.state, name, 'organization');
    enforce(mayChangeOfferingState(current, { member: true, organizationActive: current.status === 'active' }, name));
    tx.update(offerings)
      .set(state === 'published' ? { state, publishedAt: now() } : { state })
      .where(eq(offerings.id, offeringId))
      .run();
    audit(tx, { actorId: viewer.id, action: `offering.${name}`, subjectType: 'offering', subjectId: offeringId });
  });
}

/** For the organization's own members, in any state. */
export function requireManagedOffering(viewer: Viewer, offeringId: number) {
  const offering = findOffering(offeringId);
  requireOrgMember(viewer, offering.organizationId);
  return offering;
}

/**
 * Published offerings are public; the organization's members also see their drafts and archive. One
 * withdrawn after it was published says so (anyone may have seen it); one never published is not found.
 */
export function requireVisibleOffering(viewer: Viewer | null, offeringId: number) {
  const offering = findOffering(offeringId);
  const member = viewer !== null && isOrgMember(viewer, offering.organizationId);
  if (!mayReadOffering(offering, member)) {
    if (offering.publishedAt) throw new UserError('catalog.errors.withdrawn', 404);
    notFound();
  }
  const organization = db
    .select({ id: organizations.id, name: organizations.name, status: organizations.status })
    .from(organizations)
    .where(eq(organizations.id, offering.organizationId))
    .get()!;
  return { offering, organization, member };
}

/** The offering for its organization's member to manage, with what they may do to it now. */
export function managedOfferingView(viewer: Viewer, offeringId: number) {
  const offering = requireManagedOffering(viewer, offeringId);
  const organization = db
    .select({ status: organizations.status })
    .from(organizations)
    .where(eq(organizations.id, offering.organizationId))
    .get()!;
  return {
    offering,
    photos: listOfferingPhotos(offering.id),
    can: offeringAbilities(offering, { member: true, organizationActive: organization.status === 'active' }),
  };
}

export function listOrganizationOfferings(organizationId: number, options: { publishedOnly: boolean }) {
  return db
    .select()
    .from(offerings)
    .where(
      options.publishedOnly
        ? and(eq(offerings.organizationId, organizationId), eq(offerings.state, 'published'))
        : eq(offerings.organizationId, organizationId),
    )
    .orderBy(sql`case ${offerings.state} when 'published' then 0 when 'draft' then 1 else 2 end`, desc(offerings.id))
    .all();
}

export function listOfferingPhotos(offeringId: number) {
  return db
    .select({ id: offeringPhotos.id })
    .from(offeringPhotos)
    .where(eq(offeringPhotos.offeringId, offeringId))
    .orderBy(asc(offeringPhotos.id))
    .all();
}
