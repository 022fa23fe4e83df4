import { and, asc, eq } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import { invitations } from '../../db/schema/invitations';
import { organizationMembers, organizations } from '../../db/schema/organizations';
import { departments, staffRoles, unions } from '../../db/schema/unions';
import { invitationMachine, invitationState, storedState } from './machine';
import {
  forbidden,
  hasUnionRole,
  normalizeEmail,
  notFound,
  requireOrgMember,
  requirePlatformAdmin,
  type Viewer,
} from '~/accounts/auth.server';
import type { UnionRole } from '~/accounts/roles';
import { hashToken, newToken } from '~/accounts/tokens.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { canTransition, transition } from '~/lib/machine';
import { UserError } from '~/lib/errors';
import { messageKey } from '~/lib/locale';
import { notifyAddress } from '~/notifications/notify.server';
import { addOrganizationMember, requireOrganization } from '~/organizations/organizations.server';
import { grantStaffRole } from '~/unions/grants.server';
import { requireUnion } from '~/unions/unions.server';
import './audit-subjects.server';

// How a role or membership is offered and taken up: docs/decisions/092-invitations.md.

type Invitation = typeof invitations.$inferSelect;

/** How long an emailed link works: INVITATION_DAYS, 7 by default. */
export function invitationLifetimeDays() {
  return Number(process.env.INVITATION_DAYS || 7);
}

const expiryFrom = (at: Date) => new Date(at.getTime() + invitationLifetimeDays() * 24 * 3600_000);

/** Whose invitations an admin page manages: one union's staff, or one organization's members. */
export type InvitationScope = { unionId: number } | { organizationId: number };

function inScope(scope: InvitationScope) {
  return 'unionId' in scope
    ? eq(invitations.unionId, scope.unionId)
    : eq(invitations.organizationId, scope.organizationId);
}

/** A union's staff invitations: its admins and platform admins; an organization's: its owners. */
function requireScopeAdmin(viewer: Viewer, scope: InvitationScope) {
  if ('organizationId' in scope) return requireOrgMember(viewer, scope.organizationId, ['owner']);
  if (!viewer.isPlatformAdmin && !hasUnionRole(viewer, scope.unionId, ['admin'])) forbidden();
}

/** The invitation email, to the invited address, in the language of its account if it has one. */
function sendInvitation(tx: DB, sender: Viewer, invitation: Invitation, token: string) {
  const locale =
    tx.select({ locale: users.locale }).from(users).where(eq(users.email, invitation.email)).get()?.locale ??
    sender.locale;
  const common = { inviter: sender.name, expiresAt: invitation.expiresAt.toISOString(), path: `/invitations/${token}` };
  if (invitation.unionId !== null) {
    const union = tx.select({ name: unions.name }).from(unions).where(eq(unions.id, invitation.unionId)).get()!;
    notifyAddress(tx, invitation.email, locale, 'staff_invitation', {
      union: union.name,
      role: invitation.role,
      ...common,
    });
  } else {
    const organization = tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, invitation.organizationId!))
      .get()!;
    notifyAddress(tx, invitation.email, locale, 'organization_invitation', {
      organization: organization.name,
      ...common,
    });
  }
}

function openInvitation(tx: DB, scope: InvitationScope, email: string, role: string) {
  return tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(inScope(scope), eq(invitations.email, email), eq(invitations.role, role), eq(invitations.state, 'pending')),
    )
    .get();
}

function createInvitation(
  tx: DB,
  viewer: Viewer,
  target: { unionId: number; role: UnionRole; departmentId: number | null } | { organizationId: number },
  email: string,
) {
  const at = now();
  const token = newToken();
  const invitation = tx
    .insert(invitations)
    .values({
      ...('organizationId' in target ? { organizationId: target.organizationId, role: 'member' } : target),
      email,
      tokenHash: hashToken(token),
      expiresAt: expiryFrom(at),
      invitedBy: viewer.id,
      sentAt: at,
    })
    .returning()
    .get() as Invitation;
  sendInvitation(tx, viewer, invitation, token);
  audit(tx, {
    actorId: viewer.id,
    action: 'invitation.create',
    subjectType: 'invitation',
    subjectId: invitation.id,
    data: { email, role: invitation.role, organizationId: invitation.organizationId },
    after: { state: 'pending', expiresAt: invitation.expiresAt.toISOString() },
  });
}

/** A platform admin offers a staff role; nothing is granted until the link is accepted. */
export function inviteToUnion(
  viewer: Viewer,
  unionId: number,
  input: { email: string; role: UnionRole; departmentId?: number },
) {
  requirePlatformAdmin(viewer);
  requireUnion(unionId);
  const email = normalizeEmail(input.email);
  const departmentId = input.departmentId ?? null;
  transaction((tx) => {
    if (
      departmentId !== null &&
      !tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.id, departmentId), eq(departments.unionId, unionId)))
        .get()
    )
      throw new UserError('invitations.errors.department');
    const holder = tx
      .select({ id: staffRoles.id })
      .from(staffRoles)
      .innerJoin(users, eq(users.id, staffRoles.userId))
      .where(and(eq(staffRoles.unionId, unionId), eq(staffRoles.role, input.role), eq(users.email, email)))
      .get();
    if (holder) throw new UserError('invitations.errors.alreadyStaff', 409);
    if (openInvitation(tx, { unionId }, email, input.role))
      throw new UserError('invitations.errors.alreadyInvited', 409);
    createInvitation(tx, viewer, { unionId, role: input.role, departmentId }, email);
  });
}

/** An organization's owner offers membership; nothing is granted until the link is accepted. */
export function inviteToOrganization(viewer: Viewer, organizationId: number, email: string) {
  requireOrgMember(viewer, organizationId, ['owner']);
  requireOrganization(organizationId);
  const normalized = normalizeEmail(email);
  transaction((tx) => {
    const member = tx
      .select({ userId: organizationMembers.userId })
      .from(organizationMembers)
      .innerJoin(users, eq(users.id, organizationMembers.userId))
      .where(and(eq(organizationMembers.organizationId, organizationId), eq(users.email, normalized)))
      .get();
    if (member) throw new UserError('invitations.errors.alreadyMember', 409);
    if (openInvitation(tx, { organizationId }, normalized, 'member'))
      throw new UserError('invitations.errors.alreadyInvited', 409);
    createInvitation(tx, viewer, { organizationId }, normalized);
  });
}

/** The scope's invitations not yet accepted or withdrawn: pending, or expired and waiting for a resend. */
export function listInvitations(viewer: Viewer, scope: InvitationScope) {
  requireScopeAdmin(viewer, scope);
  const at = now();
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      departmentName: departments.name,
      invitedBy: users.name,
      sentAt: invitations.sentAt,
      expiresAt: invitations.expiresAt,
      state: invitations.state,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .leftJoin(departments, eq(departments.id, invitations.departmentId))
    .where(and(inScope(scope), eq(invitations.state, 'pending')))
    .orderBy(asc(invitations.id))
    .all()
    .map((row) => ({ ...row, state: invitationState(row, at) }));
}

function invitationIn(tx: DB, scope: InvitationScope, invitationId: number) {
  const invitation = tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), inScope(scope)))
    .get() as Invitation | undefined;
  if (!invitation) notFound();
  return invitation;
}

/** A new link, valid for another full period; the old one stops working. */
export function resendInvitation(viewer: Viewer, scope: InvitationScope, invitationId: number) {
  requireScopeAdmin(viewer, scope);
  transaction((tx) => {
    const invitation = invitationIn(tx, scope, invitationId);
    const at = now();
    const state = storedState(transition(invitationMachine, invitationState(invitation, at), 'resend', 'admin'));
    const token = newToken();
    const resent = tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt: expiryFrom(at), sentAt: at, state })
      .where(eq(invitations.id, invitation.id))
      .returning()
      .get() as Invitation;
    sendInvitation(tx, viewer, resent, token);
    audit(tx, {
      actorId: viewer.id,
      action: 'invitation.resend',
      subjectType: 'invitation',
      subjectId: invitation.id,
      before: { state: invitationState(invitation, at), expiresAt: invitation.expiresAt.toISOString() },
      after: { state, expiresAt: resent.expiresAt.toISOString() },
    });
  });
}

export function withdrawInvitation(viewer: Viewer, scope: InvitationScope, invitationId: number) {
  requireScopeAdmin(viewer, scope);
  transaction((tx) => {
    const invitation = invitationIn(tx, scope, invitationId);
    const at = now();
    const from = invitationState(invitation, at);
    const state = storedState(transition(invitationMachine, from, 'withdraw', 'admin'));
    tx.update(invitations).set({ state, closedAt: at }).where(eq(invitations.id, invitation.id)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'invitation.withdraw',
      subjectType: 'invitation',
      subjectId: invitation.id,
      before: { state: from },
      after: { state },
    });
  });
}

/** The admin list's buttons. */
export function manageInvitation(
  viewer: Viewer,
  scope: InvitationScope,
  input: { intent: 'resend' | 'withdraw'; invitationId: number },
) {
  if (input.intent === 'resend') resendInvitation(viewer, scope, input.invitationId);
  else withdrawInvitation(viewer, scope, input.invitationId);
}

// ── the invited person ────────────────────────────────────────────────────────

/**
 * The invitation behind `token` if this viewer may accept it now, else the reason, as a UserError:
 * unknown link; sent to another address (the account's email must be the invited one); accepted,
 * withdrawn or expired; or the account's email not verified yet.
 */
function acceptable(tx: DB, viewer: Viewer, token: string, at: Date) {
  const invitation = tx
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)))
    .get() as Invitation | undefined;
  if (!invitation) throw new UserError('invitations.errors.invalid', 404);
  if (invitation.email !== normalizeEmail(viewer.email)) throw new UserError('invitations.errors.otherAccount', 403);
  const state = invitationState(invitation, at);
  if (!canTransition(invitationMachine, state, 'accept'))
    throw new UserError(messageKey('invitations.closed', state), 410);
  const verified = tx.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, viewer.id)).get()?.at;
  if (!verified) throw new UserError('invitations.errors.unverified', 403);
  return invitation;
}

/** What accepting would make the viewer, for the confirmation page. */
export function describeInvitation(viewer: Viewer, token: string) {
  const invitation = acceptable(db, viewer, token, now());
  return db
    .select({
      role: invitations.role,
      union: unions.name,
      department: departments.name,
      organization: organizations.name,
      inviter: users.name,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .leftJoin(unions, eq(unions.id, invitations.unionId))
    .leftJoin(departments, eq(departments.id, invitations.departmentId))
    .leftJoin(organizations, eq(organizations.id, invitations.organizationId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.id, invitation.id))
    .get()!;
}

/** Grants the role or membership and uses the link up, at once: a second acceptance is refused. */
export function acceptInvitation(viewer: Viewer, token: string) {
  transaction((tx) => {
    const at = now();
    const invitation = acceptable(tx, viewer, token, at);
    const state = storedState(transition(invitationMachine, invitationState(invitation, at), 'accept', 'invitee'));
    tx.update(invitations)
      .set({ state, acceptedBy: viewer.id, closedAt: at })
      .where(and(eq(invitations.id, invitation.id), eq(invitations.state, 'pending')))
      .run();
    if (invitation.unionId !== null) {
      grantStaffRole(tx, {
        unionId: invitation.unionId,
        userId: viewer.id,
        role: invitation.role as UnionRole,
        departmentId: invitation.departmentId,
      });
    } else {
      addOrganizationMember(tx, invitation.organizationId!, viewer.id, 'member');
    }
    audit(tx, {
      actorId: viewer.id,
      action: 'invitation.accept',
      subjectType: 'invitation',
      subjectId: invitation.id,
      data: { organizationId: invitation.organizationId },
      before: { state: 'pending', userId: viewer.id, role: null },
      after: { state, userId: viewer.id, role: invitation.role, departmentId: invitation.departmentId },
    });
  });
}
