import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, staffRoles, totpCredentials, unions } from '../../db/schema';
import { getViewer, requireUnionRole, signUp, type Viewer } from './auth.server';
import { attemptCode, attemptLogin, signIn } from './login.server';
import { createSession, sessionCookie } from './session.server';
import {
  confirmEnrolment,
  disableTwoFactor,
  findPendingLogin,
  setFinanceTwoFactorRequired,
  startEnrolment,
  startPendingLogin,
  twoFactorStatus,
} from './two-factor.server';
import { now, setClockOffset } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

process.env.TEST_CLOCK = '1';
afterEach(() => setClockOffset(0));

const password = 'a-long-password';

async function newUser() {
  return (await signUp({ email: `u${Math.random()}@example.cn`, name: '测试', password, locale: 'zh-CN' }))!;
}

async function viewerOf(userId: number): Promise<Viewer> {
  const { token, expiresAt } = createSession(userId);
  const cookie = sessionCookie(token, expiresAt).split(';')[0]!;
  return (await getViewer(new Request('http://localhost/', { headers: { cookie } })))!;
}

function newUnion() {
  return db
    .insert(unions)
    .values({ name: `工会${Math.random()}`, level: 'county' })
    .returning()
    .get();
}

async function financeUser(unionId: number) {
  const user = await newUser();
  db.insert(staffRoles).values({ unionId, userId: user.id, role: 'finance' }).run();
  return user;
}

/** The code an authenticator app would show now (or `steps` 30-second steps from now). */
function codeFor(manualKey: string, steps = 0) {
  const key = decodeBase32IgnorePadding(manualKey.replace(/ /g, ''));
  return generateHOTP(key, BigInt(Math.floor(now().getTime() / 30_000) + steps), 6);
}

async function enrol(viewer: Viewer) {
  expect(startEnrolment(viewer)).toBe(true);
  const status = await twoFactorStatus(viewer);
  if (status.state !== 'pending') throw new Error('expected a pending enrolment');
  expect(status.uri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
  expect(status.qr).toContain('<svg');
  expect(confirmEnrolment(viewer, '000000'.replace(/0/g, '1'))).toBeNull();
  const recoveryCodes = confirmEnrolment(viewer, codeFor(status.manualKey));
  expect(recoveryCodes).toHaveLength(8);
  return status.manualKey;
}

describe('login throttling', { timeout: 60_000 }, () => {
  it('refuses the 11th try within 15 minutes, even with the right password, and says when to retry', async () => {
    const user = await newUser();
    for (let i = 0; i < 10; i++) expect((await attemptLogin(user.email, 'wrong-password', null)).kind).toBe('wrong');
    const refused = await attemptLogin(user.email, password, null);
    expect(refused).toEqual({ kind: 'throttled', retryMinutes: 15 });
    setClockOffset(10 * 60_000);
    expect(await attemptLogin(user.email, password, null)).toEqual({ kind: 'throttled', retryMinutes: 5 });
    setClockOffset(15 * 60_000 + 1000);
    expect((await attemptLogin(user.email, password, null)).kind).toBe('signed-in');
  });

  it('treats an unknown email exactly like a known one', async () => {
    const email = `nobody${Math.random()}@example.cn`;
    for (let i = 0; i < 10; i++) expect((await attemptLogin(email, 'whatever-password', null)).kind).toBe('wrong');
    expect((await attemptLogin(email, 'whatever-password', null)).kind).toBe('throttled');
  });

  it('a successful sign-in clears the account count', async () => {
    const user = await newUser();
    for (let i = 0; i < 9; i++) await attemptLogin(user.email, 'wrong-password', null);
    expect((await attemptLogin(user.email, password, null)).kind).toBe('signed-in');
    for (let i = 0; i < 9; i++) expect((await attemptLogin(user.email, 'wrong-password', null)).kind).toBe('wrong');
    expect((await attemptLogin(user.email, password, null)).kind).toBe('signed-in');
  });

  it('limits one address across accounts to 50 failures', async () => {
    const address = `10.9.${Math.floor(Math.random() * 255)}.1`;
    for (let i = 0; i < 50; i++) {
      expect((await attemptLogin(`spray${i}${Math.random()}@example.cn`, 'guess-password', address)).kind).toBe(
        'wrong',
      );
    }
    const user = await newUser();
    expect((await attemptLogin(user.email, password, address)).kind).toBe('throttled');
    expect((await attemptLogin(user.email, password, '10.8.0.1')).kind).toBe('signed-in');
  });
});

describe('two-factor (TOTP)', { timeout: 60_000 }, () => {
  it('enrols with a confirmed code, then asks for a code at sign-in', async () => {
    const union = newUnion();
    const user = await financeUser(union.id);
    const manualKey = await enrol(await viewerOf(user.id));
    expect(
      db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id)).get()!.sealedSecret,
    ).not.toContain(manualKey.replace(/ /g, ''));
    expect(await attemptLogin(user.email, password, null)).toEqual({ kind: 'needs-code', userId: user.id });

    const { token } = startPendingLogin(user.id, '/unions/1/payments');
    setClockOffset(30_000);
    expect(attemptCode(token, '123456' === codeFor(manualKey) ? '654321' : '123456', null).kind).toBe('wrong');
    expect(attemptCode(token, codeFor(manualKey), null)).toEqual({
      kind: 'signed-in',
      userId: user.id,
      redirectTo: '/unions/1/payments',
    });
    // The pending state is used up, and the same code cannot be used again.
    expect(attemptCode(token, codeFor(manualKey), null).kind).toBe('expired');
    const again = startPendingLogin(user.id, '/me');
    expect(attemptCode(again.token, codeFor(manualKey), null).kind).toBe('wrong');
  });

  it('takes each recovery code once instead of a code, and never stores them readable', async () => {
    const union = newUnion();
    const user = await financeUser(union.id);
    const viewer = await viewerOf(user.id);
    expect(startEnrolment(viewer)).toBe(true);
    const status = await twoFactorStatus(viewer);
    if (status.state !== 'pending') throw new Error('expected a pending enrolment');
    const [first, second] = confirmEnrolment(viewer, codeFor(status.manualKey))!;
    const stored = JSON.stringify(db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id)).get());
    expect(stored).not.toContain(first!.replace('-', ''));

    const login = startPendingLogin(user.id, '/me');
    expect(attemptCode(login.token, first!.toUpperCase(), null).kind).toBe('signed-in');
    const again = startPendingLogin(user.id, '/me');
    expect(attemptCode(again.token, first!, null).kind).toBe('wrong');
    expect(attemptCode(again.token, '', null).kind).toBe('wrong');
    expect(disableTwoFactor(viewer, second!)).toBe(true);
  });

  it('a pending sign-in lasts five minutes and five wrong codes', async () => {
    const user = await newUser();
    const { token } = startPendingLogin(user.id, '/me');
    setClockOffset(5 * 60_000 + 1000);
    expect(findPendingLogin(token)).toBeNull();
    setClockOffset(0);
    const second = startPendingLogin(user.id, '/me');
    for (let i = 0; i < 5; i++) attemptCode(second.token, 'abcdef', null);
    expect(findPendingLogin(second.token)).toBeNull();
  });

  it('wrong codes count towards the account throttle', async () => {
    const user = await newUser();
    for (let round = 0; round < 2; round++) {
      const { token } = startPendingLogin(user.id, '/me');
      for (let i = 0; i < 5; i++) expect(attemptCode(token, '000000', null).kind).toBe('wrong');
    }
    expect((await attemptLogin(user.email, password, null)).kind).toBe('throttled');
  });

  it('turns off only with a current code, and the change is audited', async () => {
    const union = newUnion();
    const user = await financeUser(union.id);
    const viewer = await viewerOf(user.id);
    const manualKey = await enrol(viewer);
    setClockOffset(30_000);
    expect(disableTwoFactor(viewer, '99999')).toBe(false);
    expect(disableTwoFactor(viewer, codeFor(manualKey))).toBe(true);
    expect((await attemptLogin(user.email, password, null)).kind).toBe('signed-in');
    const actions = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, user.id))
      .all()
      .map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['two_factor.enabled', 'two_factor.disabled']));
  });

  it('is not offered to people without finance or admin roles', async () => {
    const user = await newUser();
    expect(startEnrolment(await viewerOf(user.id))).toBe(false);
  });
});

describe('mandatory two-factor for finance', { timeout: 60_000 }, () => {
  it('holds back the finance role until enrolment, and sends the person to enrol', async () => {
    const union = newUnion();
    const admin = await newUser();
    db.insert(staffRoles).values({ unionId: union.id, userId: admin.id, role: 'admin' }).run();
    const finance = await financeUser(union.id);

    const before = await viewerOf(finance.id);
    expect(() => setFinanceTwoFactorRequired(before, union.id, true)).toThrow();
    setFinanceTwoFactorRequired(await viewerOf(admin.id), union.id, true);

    const viewer = await viewerOf(finance.id);
    expect(viewer.roles.some((r) => r.role === 'finance')).toBe(false);
    expect(viewer.twoFactorMissingFor).toEqual([union.id]);
    let thrown: unknown;
    try {
      requireUnionRole(viewer, union.id, ['finance']);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get('location')).toMatch(/^\/account\?twoFactor=required/);
    const signedIn = signIn(new Request('http://localhost/login'), finance.id, '/me');
    expect(signedIn.headers.get('location')).toMatch(/^\/account\?twoFactor=required/);

    await enrol(viewer);
    const enrolled = await viewerOf(finance.id);
    expect(() => requireUnionRole(enrolled, union.id, ['finance'])).not.toThrow();
    expect(signIn(new Request('http://localhost/login'), finance.id, '/me').headers.get('location')).toBe('/me');
    const audited = db.select().from(auditLog).where(eq(auditLog.action, 'union.finance_two_factor')).all();
    expect(audited.some((a) => a.subjectId === union.id && a.data?.required === true)).toBe(true);
  });
});
