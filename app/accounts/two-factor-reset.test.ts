import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  notifications,
  pendingLogins,
  sessions,
  staffRoles,
  totpCredentials,
  unions,
  users,
} from '../../db/schema';
import { getViewer, signUp, type Viewer } from './auth.server';
import { attemptLogin } from './login.server';
import { createSession, sessionCookie } from './session.server';
import {
  confirmEnrolment,
  personForReset,
  resetTwoFactor,
  startEnrolment,
  startPendingLogin,
  twoFactorStatus,
} from './two-factor.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

const password = 'a-long-password';

async function newUser(isPlatformAdmin = false) {
  const user = (await signUp({ email: `u${Math.random()}@example.cn`, name: '测试', password, locale: 'zh-CN' }))!;
  db.update(users).set({ isPlatformAdmin }).where(eq(users.id, user.id)).run();
  return user;
}

function signedIn(userId: number) {
  const { token, expiresAt } = createSession(userId);
  return sessionCookie(token, expiresAt).split(';')[0]!;
}

async function viewerOf(cookie: string) {
  return getViewer(new Request('http://localhost/', { headers: { cookie } }));
}

/** A finance person who turned two-factor on, signed in on one browser. */
async function personWithTwoFactor() {
  const union = db
    .insert(unions)
    .values({ name: `工会${Math.random()}`, level: 'county' })
    .returning()
    .get();
  const user = await newUser();
  db.insert(staffRoles).values({ unionId: union.id, userId: user.id, role: 'finance' }).run();
  const cookie = signedIn(user.id);
  const viewer = (await viewerOf(cookie))!;
  startEnrolment(viewer);
  const status = await twoFactorStatus(viewer);
  if (status.state !== 'pending') throw new Error('expected a pending enrolment');
  const key = decodeBase32IgnorePadding(status.manualKey.replace(/ /g, ''));
  const code = generateHOTP(key, BigInt(Math.floor(now().getTime() / 30_000)), 6);
  expect(confirmEnrolment(viewer, code)).toHaveLength(8);
  return { user, cookie };
}

async function platformAdmin(): Promise<Viewer> {
  const admin = await newUser(true);
  return (await viewerOf(signedIn(admin.id)))!;
}

const resetRows = (userId: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'two_factor.reset'), eq(auditLog.subjectId, userId)))
    .all();

describe("a platform admin's two-factor reset", { timeout: 60_000 }, () => {
  it('turns it off with the reason recorded, ends every session, and emails the person', async () => {
    const { user, cookie } = await personWithTwoFactor();
    startPendingLogin(user.id, '/me');
    const admin = await platformAdmin();
    expect(personForReset(` ${user.email.toUpperCase()} `)).toMatchObject({ id: user.id, twoFactor: true });

    expect(resetTwoFactor(admin, user.id, '本人到场出示身份证，手机丢失')).toEqual({ email: user.email });

    expect(db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id)).get()).toBeUndefined();
    expect(db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toEqual([]);
    expect(db.select().from(pendingLogins).where(eq(pendingLogins.userId, user.id)).all()).toEqual([]);
    expect(await viewerOf(cookie)).toBeNull();
    expect(resetRows(user.id)).toMatchObject([
      {
        actorId: admin.id,
        subjectType: 'user',
        data: { reason: '本人到场出示身份证，手机丢失' },
        before: { twoFactor: 'on' },
        after: { twoFactor: 'off' },
      },
    ]);
    const mail = db.select().from(notifications).where(eq(notifications.userId, user.id)).all();
    expect(mail.filter((n) => n.template === 'two_factor_reset')).toMatchObject([
      {
        toEmail: user.email,
        emailState: 'pending',
        data: { reason: '本人到场出示身份证，手机丢失', path: '/account#two-factor' },
      },
    ]);
    expect(personForReset(user.email)).toMatchObject({ twoFactor: false });
    expect((await attemptLogin(user.email, password, null)).kind).toBe('signed-in');
  });

  it('is for platform admins only', async () => {
    const { user } = await personWithTwoFactor();
    const other = await personWithTwoFactor();
    const financeViewer = (await viewerOf(other.cookie))!;
    expect(() => resetTwoFactor(financeViewer, user.id, '无权限')).toThrow(Response);
    expect(personForReset(user.email)).toMatchObject({ twoFactor: true });
    expect(resetRows(user.id)).toEqual([]);
  });

  it("does nothing to one's own two-factor, or to a person without it", async () => {
    const admin = await platformAdmin();
    expect(resetTwoFactor(admin, admin.id, '自己')).toEqual({
      failure: 'accounts.security.twoFactorReset.notYourself',
    });
    const plain = await newUser();
    const cookie = signedIn(plain.id);
    expect(resetTwoFactor(admin, plain.id, '没有开启')).toEqual({
      failure: 'accounts.security.twoFactorReset.nothingToReset',
    });
    expect(resetTwoFactor(admin, 999_999, '不存在')).toEqual({
      failure: 'accounts.security.twoFactorReset.nothingToReset',
    });
    expect(await viewerOf(cookie)).not.toBeNull();
    expect(resetRows(plain.id)).toEqual([]);
    expect(personForReset('nobody@example.cn')).toBeNull();
  });
});
