import { and, eq, inArray, isNull } from 'drizzle-orm';
import { organizationInvitations, organizationMembers, organizations, users } from '../../db/schema';
import type { OrganizationInput } from './schemas';
import { findUserByEmail, normalizeEmail, notFound, requireOrgMember, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { notify, notifyAddress } from '~/notifications/notify.server';

export function getOrganization(organizationId: number) {
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
  if (holder && holder.id !== organizationId) throw new UserError('organizationProfile.errors.creditCodeTaken', 409);
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

export function organizationPeople(viewer: Viewer, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  const members = db
    .select({ userId: users.id, name: users.name, email: users.email, role: organizationMembers.role })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(organizationMembers.organizationId, organizationId))
    .all();
  const pending = db
    .select({ id: organizationInvitations.id, email: organizationInvitations.email })
    .from(organizationInvitations)
    .where(and(eq(organizationInvitations.organizationId, organizationId), isNull(organizationInvitations.acceptedAt)))
    .all();
  return { members, pending };
}

/** An existing account joins at once; any other email is held until it signs up. */
export function inviteMember(viewer: Viewer, organizationId: number, email: string) {
  requireOrgMember(viewer, organizationId, ['owner']);
  const normalized = normalizeEmail(email);
  const user = findUserByEmail(normalized);
  const organization = getOrganization(organizationId);
  const invitation = { organization: organization.name, inviter: viewer.name };
  transaction((tx) => {
    if (user) {
      tx.insert(organizationMembers)
        .values({ organizationId, userId: user.id, role: 'member' })
        .onConflictDoNothing()
        .run();
      notify(tx, user.id, 'organization_invitation', { ...invitation, path: `/orgs/${organizationId}` });
    } else {
      tx.insert(organizationInvitations)
        .values({ organizationId, email: normalized, invitedBy: viewer.id })
        .onConflictDoNothing()
        .run();
      notifyAddress(tx, normalized, viewer.locale, 'organization_invitation', { ...invitation, path: '/signup' });
    }
    audit(tx, {
      actorId: viewer.id,
      action: 'organization.invite',
      subjectType: 'organization',
      subjectId: organizationId,
      data: { email: normalized },
      ...(user && { before: { userId: user.id, role: null }, after: { userId: user.id, role: 'member' } }),
    });
  });
  return user ? ('joined' as const) : ('invited' as const);
}
