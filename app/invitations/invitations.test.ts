// Invitations: a staff role or a membership comes only from accepting the emailed link,
// signed in to the verified account of the invited address. Driven through the real capabilities on
// the demo county; the link is read from the outbox, as the person would read it in the email.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { viewerFor } from '../../tests/fixtures/accounts';
import { advanceHours, organizationOf, resetClock, seedCounty } from '../../tests/fixtures/procurement';
import {
  acceptInvitation,
  describeInvitation,
  inviteToOrganization,
  inviteToUnion,
  listInvitations,
  resendInvitation,
  withdrawInvitation,
} from './invitations.server';
import { signUp, type Viewer } from '~/accounts/auth.server';
import { verifyEmail } from '~/accounts/recovery.server';
import { verifyAuditChain } from '~/lib/audit.server';
import { db, sqlite } from '~/lib/db.server';
import { refusal } from '../../tests/support/refused';

let platform: Viewer;
let unionAdmin: Viewer;
let legal: Viewer;
let county: number;
let township: number;
let department: number;
let legalOrg: number;

beforeAll(async () => {
  await seedCounty();
  platform = await viewerFor('platform@demo.gonghui.cn');
  unionAdmin = await viewerFor('admin@demo.gonghui.cn');
  legal = await viewerFor('legal@demo.gonghui.cn');
  county = db.select().from(s.unions).where(eq(s.unions.name, '象山县总工会')).get()!.id;
  township = db.select().from(s.unions).where(eq(s.unions.name, '丹东街道总工会')).get()!.id;
  department = db.select().from(s.departments).where(eq(s.departments.unionId, county)).get()!.id;
  legalOrg = organizationOf('legal@demo.gonghui.cn').id;
});
afterEach(resetClock);

let sequence = 0;
const freshEmail = () => `invitee-${process.pid}-${++sequence}@example.cn`;

/** The token in the newest invitation email to `email`, as the person clicks it. */
function emailedToken(email: string) {
  const mail = db
    .select()
    .from(s.notifications)
    .where(
      and(
        eq(s.notifications.toEmail, email),
        inArray(s.notifications.template, ['staff_invitation', 'organization_invitation']),
      ),
    )
    .orderBy(desc(s.notifications.id))
    .get();
  const path = String((mail?.data as { path?: string } | undefined)?.path ?? '');
  const token = /^\/invitations\/([a-z2-7]+)$/.exec(path)?.[1];
  if (!token) throw new Error(`no invitation email to ${email}: ${path}`);
  return token;
}

/** Signs up with `email` and, unless told otherwise, verifies it from the emailed link. */
async function accountFor(email: string, { verified = true } = {}) {
  const user = (await signUp({ email, name: '受邀人', password: 'a-long-password-1', locale: 'zh-CN' }))!;
  if (verified) {
    const mail = db
      .select()
      .from(s.notifications)
      .where(and(eq(s.notifications.toEmail, email), eq(s.notifications.template, 'verify_email')))
      .get()!;
    expect(verifyEmail(new URL((mail.data as { path: string }).path, 'http://x').searchParams.get('token')!)).toBe(
      user.id,
    );
  }
  return viewerFor(email);
}

const staffRolesOf = (userId: number) =>
  db
    .select({ unionId: s.staffRoles.unionId, role: s.staffRoles.role, departmentId: s.staffRoles.departmentId })
    .from(s.staffRoles)
    .where(eq(s.staffRoles.userId, userId))
    .all();

const membershipsOf = (userId: number) =>
  db.select().from(s.organizationMembers).where(eq(s.organizationMembers.userId, userId)).all();

const invitationTo = (email: string) =>
  db.select().from(s.invitations).where(eq(s.invitations.email, email)).orderBy(desc(s.invitations.id)).get()!;

describe('invitations', () => {
  it('grant nothing at sign-up or at email verification', async () => {
    const email = freshEmail();
    inviteToUnion(platform, county, { email, role: 'finance' });
    inviteToOrganization(legal, legalOrg, email);
    const invitee = await accountFor(email);
    expect(staffRolesOf(invitee.id)).toEqual([]);
    expect(membershipsOf(invitee.id)).toEqual([]);
    expect(invitee.roles).toEqual([]);
    expect(invitee.memberships).toEqual([]);
    expect(listInvitations(platform, { unionId: county }).some((i) => i.email === email)).toBe(true);
  });

  it('email a single-use link to the invited address and store only its hash', () => {
    const email = freshEmail();
    inviteToUnion(platform, county, { email: email.toUpperCase(), role: 'reviewer', departmentId: department });
    const mail = db.select().from(s.notifications).where(eq(s.notifications.toEmail, email)).get()!;
    expect(mail).toMatchObject({ userId: null, template: 'staff_invitation', locale: 'zh-CN', emailState: 'pending' });
    expect(mail.data).toMatchObject({ union: '象山县总工会', role: 'reviewer', inviter: platform.name });
    const token = emailedToken(email);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const invitation = invitationTo(email);
    expect(invitation.tokenHash).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
    expect(JSON.stringify(invitation)).not.toContain(token);
    const days = (invitation.expiresAt.getTime() - invitation.sentAt.getTime()) / 86_400_000;
    expect(days).toBe(7);
    expect(invitation).toMatchObject({
      state: 'pending',
      unionId: county,
      departmentId: department,
      invitedBy: platform.id,
    });
  });

  it('grant the role once, to the verified account of the invited address that accepts the link', async () => {
    const email = freshEmail();
    inviteToUnion(platform, county, { email, role: 'reviewer', departmentId: department });
    const token = emailedToken(email);
    const invitee = await accountFor(email);
    expect(describeInvitation(invitee, token)).toMatchObject({
      role: 'reviewer',
      union: '象山县总工会',
      organization: null,
      inviter: platform.name,
    });
    acceptInvitation(invitee, token);
    expect(staffRolesOf(invitee.id)).toEqual([{ unionId: county, role: 'reviewer', departmentId: department }]);
    expect(invitationTo(email)).toMatchObject({ state: 'accepted', acceptedBy: invitee.id });
    expect(refusal(() => acceptInvitation(invitee, token))).toBe('invitations.closed.accepted');
    expect(staffRolesOf(invitee.id)).toHaveLength(1);
    expect(listInvitations(platform, { unionId: county }).some((i) => i.email === email)).toBe(false);
    const accept = db.select().from(s.auditLog).where(eq(s.auditLog.action, 'invitation.accept')).all().at(-1)!;
    expect(accept).toMatchObject({
      actorId: invitee.id,
      unionId: county,
      subjectType: 'invitation',
      before: { state: 'pending', role: null },
      after: { state: 'accepted', userId: invitee.id, role: 'reviewer' },
    });
  });

  it('make a member of the organization that invited, through the same link', async () => {
    const email = freshEmail();
    inviteToOrganization(legal, legalOrg, email);
    const mail = db.select().from(s.notifications).where(eq(s.notifications.toEmail, email)).get()!;
    expect(mail).toMatchObject({ template: 'organization_invitation', userId: null });
    const invitee = await accountFor(email);
    acceptInvitation(invitee, emailedToken(email));
    expect(membershipsOf(invitee.id)).toMatchObject([{ organizationId: legalOrg, role: 'member' }]);
    expect(db.select().from(s.auditLog).where(eq(s.auditLog.action, 'invitation.accept')).all().at(-1)).toMatchObject({
      unionId: null,
      data: { organizationId: legalOrg },
    });
  });

  it('refuse another verified account, and tell an unverified one to verify first', async () => {
    const email = freshEmail();
    inviteToUnion(platform, county, { email, role: 'admin' });
    const token = emailedToken(email);
    const stranger = await accountFor(freshEmail());
    expect(refusal(() => describeInvitation(stranger, token))).toBe('invitations.errors.otherAccount');
    expect(refusal(() => acceptInvitation(stranger, token))).toBe('invitations.errors.otherAccount');
    expect(refusal(() => acceptInvitation(unionAdmin, token))).toBe('invitations.errors.otherAccount');
    expect(staffRolesOf(stranger.id)).toEqual([]);

    const unverified = await accountFor(email, { verified: false });
    expect(refusal(() => describeInvitation(unverified, token))).toBe('invitations.errors.unverified');
    expect(refusal(() => acceptInvitation(unverified, token))).toBe('invitations.errors.unverified');
    expect(staffRolesOf(unverified.id)).toEqual([]);
    expect(invitationTo(email).state).toBe('pending');
    expect(refusal(() => acceptInvitation(unverified, 'not-a-token'))).toBe('invitations.errors.invalid');
  });

  it('refuse an expired link; a resend voids the old link and gives the new one a full week', async () => {
    const email = freshEmail();
    inviteToOrganization(legal, legalOrg, email);
    const first = emailedToken(email);
    const invitee = await accountFor(email);
    advanceHours(7 * 24 + 1);
    expect(refusal(() => acceptInvitation(invitee, first))).toBe('invitations.closed.expired');
    const listed = listInvitations(legal, { organizationId: legalOrg }).find((i) => i.email === email)!;
    expect(listed.state).toBe('expired');

    resendInvitation(legal, { organizationId: legalOrg }, listed.id);
    const second = emailedToken(email);
    expect(second).not.toBe(first);
    expect(refusal(() => acceptInvitation(invitee, first))).toBe('invitations.errors.invalid');
    const resent = invitationTo(email);
    expect(resent.expiresAt.getTime() - resent.sentAt.getTime()).toBe(7 * 86_400_000);
    advanceHours(6 * 24);
    acceptInvitation(invitee, second);
    expect(membershipsOf(invitee.id)).toHaveLength(1);
    expect(db.select().from(s.auditLog).where(eq(s.auditLog.action, 'invitation.resend')).all().at(-1)).toMatchObject({
      actorId: legal.id,
      before: { state: 'expired' },
      after: { state: 'pending' },
    });
  });

  it('refuse a withdrawn link', async () => {
    const email = freshEmail();
    inviteToUnion(platform, county, { email, role: 'commissioner' });
    const token = emailedToken(email);
    const invitation = invitationTo(email);
    withdrawInvitation(unionAdmin, { unionId: county }, invitation.id);
    const invitee = await accountFor(email);
    expect(refusal(() => acceptInvitation(invitee, token))).toBe('invitations.closed.withdrawn');
    expect(staffRolesOf(invitee.id)).toEqual([]);
    expect(refusal(() => withdrawInvitation(unionAdmin, { unionId: county }, invitation.id))).toBe(
      'errors.illegalTransition',
    );
    expect(refusal(() => resendInvitation(unionAdmin, { unionId: county }, invitation.id))).toBe(
      'errors.illegalTransition',
    );
    expect(db.select().from(s.auditLog).where(eq(s.auditLog.action, 'invitation.withdraw')).all().at(-1)).toMatchObject(
      { actorId: unionAdmin.id, unionId: county, before: { state: 'pending' }, after: { state: 'withdrawn' } },
    );
  });

  it('are managed by the union’s admins and platform admins, or the organization’s owners, only', async () => {
    const email = freshEmail();
    inviteToUnion(platform, county, { email, role: 'leadership' });
    const id = invitationTo(email).id;
    const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
    const townshipStaff = await viewerFor('dandong@demo.gonghui.cn');
    expect(refusal(() => inviteToUnion(unionAdmin, county, { email: freshEmail(), role: 'finance' }))).toBe(403);
    expect(refusal(() => listInvitations(commissioner, { unionId: county }))).toBe(403);
    expect(refusal(() => resendInvitation(commissioner, { unionId: county }, id))).toBe(403);
    expect(refusal(() => withdrawInvitation(townshipStaff, { unionId: county }, id))).toBe(403);
    // An invitation is reached only through its own union or organization.
    expect(refusal(() => withdrawInvitation(platform, { unionId: township }, id))).toBe(404);
    expect(refusal(() => withdrawInvitation(legal, { organizationId: legalOrg }, id))).toBe(404);
    expect(refusal(() => inviteToOrganization(unionAdmin, legalOrg, freshEmail()))).toBe(403);
    expect(refusal(() => resendInvitation(platform, { unionId: county }, id))).toBeNull();
    expect(invitationTo(email).state).toBe('pending');
  });

  it('refuse a second open invitation, someone who already holds the role, and another union’s department', () => {
    const email = freshEmail();
    inviteToUnion(platform, county, { email, role: 'finance' });
    expect(refusal(() => inviteToUnion(platform, county, { email, role: 'finance' }))).toBe(
      'invitations.errors.alreadyInvited',
    );
    expect(refusal(() => inviteToUnion(platform, county, { email, role: 'reviewer' }))).toBeNull();
    expect(refusal(() => inviteToUnion(platform, county, { email: 'finance@demo.gonghui.cn', role: 'finance' }))).toBe(
      'invitations.errors.alreadyStaff',
    );
    expect(refusal(() => inviteToUnion(platform, township, { email, role: 'finance', departmentId: department }))).toBe(
      'invitations.errors.department',
    );
    expect(refusal(() => inviteToOrganization(legal, legalOrg, 'legal@demo.gonghui.cn'))).toBe(
      'invitations.errors.alreadyMember',
    );
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
  });
});
