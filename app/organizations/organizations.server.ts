import { and, eq, inArray, isNull } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import { organizationMembers, organizations } from '../../db/schema/organizations';
import type { OrganizationInput } from './schemas';
import { normalizeEmail, notFound, requireOrgMember, type Viewer } from '~/accounts/auth.server';
import type { OrgRole } from '~/accounts/roles';
import { audit } from '~/lib/audit.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import './audit-subjects.server';

export function requireOrganization(organizationId: number) {
  const organization = db.select().from(organizations).where(eq(organizations.id, organizationId)).get();
  if (!organization) notFound();
  return organization;
}

export function viewerOrganizations(viewer: Viewer) {
  const ids = viewer.memberships.map((m) => m.organizationId);
  if (!ids.length) return [];
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids))
    .all();
}

function profileValues(input: OrganizationInput) {
  return {
    name: input.name,
    type: input.type,
    creditCode: input.type === 'grassroots' ? null : input.creditCode,
    fields: input.fields,
    description: input.description,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    contactEmail: normalizeEmail(input.contactEmail),
    teamSize: input.teamSize,
    volunteers: input.volunteers,
    foundedOn: input.foundedOn ?? null,
  };
}

function assertCreditCodeFree(tx: DB, creditCode: string | null, organizationId?: number) {
  if (!creditCode) return;
  const holder = tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.creditCode, creditCode))
    .get();
  if (holder && holder.id !== organizationId) throw new UserError('organizations.profile.errors.creditCodeTaken', 409);
}

/** The person who registers an organization becomes its owner. */
export function registerOrganization(viewer: Viewer, input: OrganizationInput) {
  const values = profileValues(input);
  return transaction((tx) => {
    assertCreditCodeFree(tx, values.creditCode);
    const organization = tx.insert(organizations).values(values).returning().get();
    tx.insert(organizationMembers).values({ organizationId: organization.id, userId: viewer.id, role: 'owner' }).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'organization.register',
      subjectType: 'organization',
      subjectId: organization.id,
    });
    return organization.id;
  });
}

export function updateOrganization(viewer: Viewer, organizationId: number, input: OrganizationInput) {
  requireOrgMember(viewer, organizationId, ['owner']);
  const values = profileValues(input);
  transaction((tx) => {
    assertCreditCodeFree(tx, values.creditCode, organizationId);
    tx.update(organizations).set(values).where(eq(organizations.id, organizationId)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'organization.update',
      subjectType: 'organization',
      subjectId: organizationId,
    });
  });
}

export function organizationMemberIds(tx: DB, organizationId: number) {
  return tx
    .select({ userId: organizationMembers.userId })
    .from(organizationMembers)
    .where(eq(organizationMembers.organizationId, organizationId))
    .all()
    .map((m) => m.userId);
}

export function organizationMembersOf(viewer: Viewer, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: organizationMembers.role })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(organizationMembers.organizationId, organizationId))
    .all();
}

/** Joins the person to the organization (once). Only an accepted invitation calls this. */
export function addOrganizationMember(tx: DB, organizationId: number, userId: number, role: OrgRole) {
  tx.insert(organizationMembers).values({ organizationId, userId, role }).onConflictDoNothing().run();
}

/** Payments connects the organization to Stripe once: an account made by a concurrent request is not recorded. */
export function linkStripeAccount(tx: DB, organizationId: number, accountId: string) {
  tx.update(organizations)
    .set({ stripeAccountId: accountId })
    .where(and(eq(organizations.id, organizationId), isNull(organizations.stripeAccountId)))
    .run();
}
