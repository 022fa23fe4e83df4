import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeBase32NoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import QRCode from 'qrcode';
import { pendingLogins, sessions, totpCredentials, unionSecurity, users } from '../../db/schema/accounts';
import type { UnionRole } from './roles';
import { findUserByEmail, requirePlatformAdmin, requireUnionRole, type Viewer } from './auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { serverSecret } from '~/lib/secrets.server';
import { notify } from '~/notifications/notify.server';
import './audit-subjects.server';
import '~/unions/audit-subjects.server';

// TOTP (RFC 6238: 30-second steps, 6 digits, SHA-1, as every authenticator app expects) for staff who
// hold money or power: union finance and admin roles, platform admins. The secret is sealed with
// AES-256-GCM under TOTP_SECRET, kept beside the database, never in it (docs/decisions/071).
const stepMs = 30_000;
const digits = 6;
const pendingLifetimeMs = 5 * 60_000;
const pendingMaxAttempts = 5;
const issuer = '工会服务';

function seal(key: Uint8Array) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', serverSecret('TOTP_SECRET').subarray(0, 32), iv);
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(sealed: string) {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', serverSecret('TOTP_SECRET').subarray(0, 32), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
}

/** Who may turn two-factor on: finance and admin staff, platform admins. */
export function mayUseTwoFactor(viewer: Viewer) {
  return (
    viewer.isPlatformAdmin ||
    viewer.roles.some((r) => r.role === 'finance' || r.role === 'admin') ||
    Boolean(viewer.twoFactorMissingFor?.length)
  );
}

function credential(userId: number) {
  return db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).get();
}

export function hasTwoFactor(userId: number) {
  return credential(userId)?.confirmedAt != null;
}

/** What /account shows: off, an enrolment waiting for its first code (with the key), or on. */
export async function twoFactorStatus(viewer: Viewer) {
  const row = credential(viewer.id);
  if (!row) return { state: 'off' as const };
  if (row.confirmedAt) return { state: 'on' as const };
  const key = unseal(row.sealedSecret);
  const uri = createTOTPKeyURI(issuer, viewer.email, key, stepMs / 1000, digits);
  const qr = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    state: 'pending' as const,
    uri,
    qr,
    manualKey: encodeBase32NoPadding(key)
      .replace(/(.{4})/g, '$1 ')
      .trim(),
  };
}

/** A new secret awaiting confirmation; refused (false) if two-factor is already on. */
export function startEnrolment(viewer: Viewer) {
  if (!mayUseTwoFactor(viewer) || hasTwoFactor(viewer.id)) return false;
  const sealedSecret = seal(randomBytes(20));
  db.insert(totpCredentials)
    .values({ userId: viewer.id, sealedSecret })
    .onConflictDoUpdate({ target: totpCredentials.userId, set: { sealedSecret, lastCounter: 0 } })
    .run();
  return true;
}

/**
 * Whether `code` is the user's current code (one step either side for clock drift). A code is good
 * once: the step it belongs to is remembered, so a code seen over a shoulder cannot be replayed.
 */
export function checkCode(userId: number, code: string) {
  const row = credential(userId);
  if (!row || !/^\d{6}$/.test(code.trim())) return false;
  const key = unseal(row.sealedSecret);
  const current = Math.floor(now().getTime() / stepMs);
  for (const counter of [current - 1, current, current + 1]) {
    if (counter <= row.lastCounter || !verifyHOTP(key, BigInt(counter), digits, code.trim())) continue;
    db.update(totpCredentials).set({ lastCounter: counter }).where(eq(totpCredentials.userId, userId)).run();
    return true;
  }
  return false;
}

function newRecoveryCodes() {
  return Array.from({ length: 8 }, () => {
    const code = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(7))).slice(0, 10);
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

function recoveryHash(code: string) {
  return hashToken(code.toLowerCase().replace(/[^a-z2-7]/g, ''));
}

/** Uses up one recovery code, for when the phone is lost. */
function spendRecoveryCode(userId: number, code: string) {
  const row = credential(userId);
  const hash = recoveryHash(code);
  if (!row?.confirmedAt || hash === recoveryHash('') || !row.recoveryCodeHashes.includes(hash)) return false;
  transaction((tx) => {
    const rest = row.recoveryCodeHashes.filter((h) => h !== hash);
    tx.update(totpCredentials).set({ recoveryCodeHashes: rest }).where(eq(totpCredentials.userId, userId)).run();
    audit(tx, { actorId: userId, action: 'two_factor.recovery_code_used', subjectType: 'user', subjectId: userId });
  });
  return true;
}

/** A current code from the app, or else an unused recovery code. */
export function checkSecondFactor(userId: number, code: string) {
  return checkCode(userId, code) || spendRecoveryCode(userId, code);
}

/** Turns two-factor on with a first code; returns the recovery codes, shown this once, or null. */
export function confirmEnrolment(viewer: Viewer, code: string) {
  const row = credential(viewer.id);
  if (!row || row.confirmedAt || !checkCode(viewer.id, code)) return null;
  const recoveryCodes = newRecoveryCodes();
  transaction((tx) => {
    tx.update(totpCredentials)
      .set({ confirmedAt: now(), recoveryCodeHashes: recoveryCodes.map(recoveryHash) })
      .where(eq(totpCredentials.userId, viewer.id))
      .run();
    audit(tx, { actorId: viewer.id, action: 'two_factor.enabled', subjectType: 'user', subjectId: viewer.id });
  });
  return recoveryCodes;
}

export function disableTwoFactor(viewer: Viewer, code: string) {
  if (!hasTwoFactor(viewer.id) || !checkSecondFactor(viewer.id, code)) return false;
  transaction((tx) => {
    tx.delete(totpCredentials).where(eq(totpCredentials.userId, viewer.id)).run();
    audit(tx, { actorId: viewer.id, action: 'two_factor.disabled', subjectType: 'user', subjectId: viewer.id });
  });
  return true;
}

// ── a platform admin's reset, for someone who lost both the phone and the recovery codes ──

/** The person with this email, and whether their two-factor is on; null when there is none. */
export function personForReset(email: string) {
  const user = findUserByEmail(email);
  return user ? { id: user.id, name: user.name, email: user.email, twoFactor: hasTwoFactor(user.id) } : null;
}

/**
 * Turns a person's two-factor off on a platform admin's word, with the reason recorded: their
 * sessions and any sign-in under way end, and they are emailed. Never one's own (that takes a code,
 * on /account). Returns the person's email, or why nothing was done.
 */
export function resetTwoFactor(viewer: Viewer, userId: number, reason: string) {
  requirePlatformAdmin(viewer);
  if (userId === viewer.id) return { failure: 'accounts.security.twoFactorReset.notYourself' } as const;
  return transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    const row = tx.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).get();
    if (!user || !row?.confirmedAt) return { failure: 'accounts.security.twoFactorReset.nothingToReset' } as const;
    tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId)).run();
    tx.delete(pendingLogins).where(eq(pendingLogins.userId, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    audit(tx, {
      actorId: viewer.id,
      action: 'two_factor.reset',
      subjectType: 'user',
      subjectId: userId,
      data: { reason },
      before: { twoFactor: 'on' },
      after: { twoFactor: 'off' },
    });
    notify(tx, userId, 'two_factor_reset', { reason, path: '/account#two-factor' });
    return { email: user.email };
  });
}

// ── the second step of a sign-in ────────────────────────────────────────────

function hashToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** After a right password: a token that only lets its holder enter a code, for five minutes. */
export function startPendingLogin(userId: number, redirectTo: string) {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const expiresAt = new Date(now().getTime() + pendingLifetimeMs);
  db.insert(pendingLogins)
    .values({ id: hashToken(token), userId, redirectTo, expiresAt })
    .run();
  return { token, expiresAt };
}

export function findPendingLogin(token: string | null) {
  if (!token) return null;
  const row = db
    .select()
    .from(pendingLogins)
    .where(eq(pendingLogins.id, hashToken(token)))
    .get();
  if (!row) return null;
  if (row.expiresAt <= now() || row.attempts >= pendingMaxAttempts) {
    db.delete(pendingLogins).where(eq(pendingLogins.id, row.id)).run();
    return null;
  }
  return row;
}

/**
 * Checks the code for a pending sign-in: 'ok' (the pending state is used up), 'wrong' (counted;
 * five wrong codes end it) or 'expired'.
 */
export function completePendingLogin(token: string | null, code: string) {
  const pending = findPendingLogin(token);
  if (!pending) return { result: 'expired' as const };
  if (checkSecondFactor(pending.userId, code)) {
    db.delete(pendingLogins).where(eq(pendingLogins.id, pending.id)).run();
    return { result: 'ok' as const, userId: pending.userId, redirectTo: pending.redirectTo };
  }
  db.update(pendingLogins)
    .set({ attempts: pending.attempts + 1 })
    .where(eq(pendingLogins.id, pending.id))
    .run();
  return { result: 'wrong' as const, userId: pending.userId };
}

const pendingCookieName = 'login_pending';

export function readPendingToken(request: Request) {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === pendingCookieName && value) return value;
  }
  return null;
}

export function pendingCookie(request: Request, token: string | null) {
  const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
  const life = token ? `Max-Age=${pendingLifetimeMs / 1000}` : 'Max-Age=0';
  return `${pendingCookieName}=${token ?? ''}; HttpOnly; SameSite=Lax; Path=/login; ${life}${secure}`;
}

// ── mandatory two-factor for a union's finance staff ───────────────────────

/** The unions where this finance person must turn two-factor on before acting as finance. */
export function unionsAwaitingTwoFactor(userId: number, roles: { unionId: number; role: UnionRole }[]) {
  const financeUnions = roles.filter((r) => r.role === 'finance').map((r) => r.unionId);
  if (!financeUnions.length) return [];
  const required = db
    .select({ unionId: unionSecurity.unionId })
    .from(unionSecurity)
    .where(and(inArray(unionSecurity.unionId, financeUnions), eq(unionSecurity.financeTwoFactorRequired, true)))
    .all();
  if (!required.length) return [];
  const enrolled = db
    .select({ userId: totpCredentials.userId })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt)))
    .get();
  return enrolled ? [] : required.map((r) => r.unionId);
}

export function isFinanceTwoFactorRequired(unionId: number) {
  return (
    db.select().from(unionSecurity).where(eq(unionSecurity.unionId, unionId)).get()?.financeTwoFactorRequired ?? false
  );
}

export function setFinanceTwoFactorRequired(viewer: Viewer, unionId: number, required: boolean) {
  requireUnionRole(viewer, unionId, ['admin']);
  transaction((tx) => {
    tx.insert(unionSecurity)
      .values({ unionId, financeTwoFactorRequired: required })
      .onConflictDoUpdate({ target: unionSecurity.unionId, set: { financeTwoFactorRequired: required } })
      .run();
    audit(tx, {
      actorId: viewer.id,
      action: 'union.finance_two_factor',
      subjectType: 'union',
      subjectId: unionId,
      data: { required },
    });
  });
}
