import { eq } from 'drizzle-orm';
import { redirect } from 'react-router';
import { sessions, users } from '../../db/schema/accounts';
import { organizationMembers } from '../../db/schema/organizations';
import { staffRoles } from '../../db/schema/unions';
import { hasUnionRole, isOrgMember, type OrgRole, type UnionRole } from './roles';
import { hashPassword, verifyPassword } from './password.server';
import { readSessionToken, validateSessionToken } from './session.server';
import { enqueueVerification } from './tokens.server';
import { unionsAwaitingTwoFactor } from './two-factor.server';
import { db, transaction } from '~/lib/db.server';

export { hasUnionRole, isOrgMember };

export type Viewer = NonNullable<Awaited<ReturnType<typeof getViewer>>>;

const viewers = new WeakMap<Request, ReturnType<typeof findViewer>>();

/**
 * The signed-in person with their organization memberships and union roles, or null: read once per
 * request, which the root loader and the page's both ask (an action's loaders get a new request,
 * so they see what the action changed).
 */
export function getViewer(request: Request) {
  let viewer = viewers.get(request);
  if (!viewer) viewers.set(request, (viewer = findViewer(request)));
  return viewer;
}

async function findViewer(request: Request) {
  const token = readSessionToken(request);
  const session = token ? validateSessionToken(token) : null;
  if (!session) return null;
  const { user } = session;
  const memberships = db
    .select({ organizationId: organizationMembers.organizationId, role: organizationMembers.role })
    .from(organizationMembers)
    .where(eq(organizationMembers.userId, user.id))
    .all() as { organizationId: number; role: OrgRole }[];
  const roles = db
    .select({ unionId: staffRoles.unionId, role: staffRoles.role, departmentId: staffRoles.departmentId })
    .from(staffRoles)
    .where(eq(staffRoles.userId, user.id))
    .all() as { unionId: number; role: UnionRole; departmentId: number | null }[];
  // Where the union requires two-factor for finance and this person has none, the finance role
  // waits: it is left out of `roles` until they enrol (docs/decisions/071).
  const twoFactorMissingFor = unionsAwaitingTwoFactor(user.id, roles);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    isPlatformAdmin: user.isPlatformAdmin,
    sessionId: session.sessionId,
    memberships,
    roles: roles.filter((r) => !(r.role === 'finance' && twoFactorMissingFor.includes(r.unionId))),
    // Optional in the type so that viewers built by hand (tests) need not list it.
    ...({ twoFactorMissingFor } as { twoFactorMissingFor?: number[] }),
  };
}

export async function requireViewer(request: Request) {
  const viewer = await getViewer(request);
  if (!viewer) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return viewer;
}

export function forbidden(): never {
  throw new Response('Forbidden', { status: 403 });
}

export function notFound(): never {
  throw new Response('Not Found', { status: 404 });
}

export function requireUnionRole(viewer: Viewer, unionId: number, roles: readonly UnionRole[]) {
  if (hasUnionRole(viewer, unionId, roles)) return;
  if (roles.includes('finance') && viewer.twoFactorMissingFor?.includes(unionId)) throw redirect(twoFactorEnrolPath);
  forbidden();
}

/** Where a finance person whose union requires two-factor is sent until they turn it on. */
export const twoFactorEnrolPath = '/account?twoFactor=required#two-factor';

export function requireOrgMember(viewer: Viewer, organizationId: number, roles?: readonly OrgRole[]) {
  if (!isOrgMember(viewer, organizationId, roles)) forbidden();
}

export function requirePlatformAdmin(viewer: Viewer) {
  if (!viewer.isPlatformAdmin) forbidden();
}

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

export function findUserByEmail(email: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
}

/**
 * Creates the account and sends the verification email; null if the email is taken. It grants no
 * role or membership: those come only from accepting an invitation (app/invitations).
 */
export async function signUp(input: { email: string; name: string; password: string; locale: string }) {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) return null;
    const user = tx
      .insert(users)
      .values({ email, name: input.name.trim(), passwordHash, locale: input.locale })
      .returning()
      .get();
    enqueueVerification(tx, user);
    return user;
  });
}

export async function verifyLogin(email: string, password: string) {
  const user = findUserByEmail(email);
  // Hash even for unknown emails so response time does not reveal which emails have accounts.
  if (!user) {
    await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$' + 'A'.repeat(43), password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export async function changePassword(userId: number, password: string) {
  const passwordHash = await hashPassword(password);
  transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  });
}
