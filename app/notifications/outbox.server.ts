import { and, asc, desc, eq, isNull, lte, not, or, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { users } from '../../db/schema/accounts';
import { notifications } from '../../db/schema/notifications';
import { publicUrl, renderEmail } from '../../emails/render.server';
import type { EmailState } from './email-states';
import { isOptional, type NotificationData, type NotificationTemplate } from './notify.server';
import { unsubscribeUrl } from './preferences.server';
import { requirePlatformAdmin, notFound, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { sealedNotification } from '~/procurement/disclosure.server';
import './audit-subjects.server';

// The delivery worker. Why it delivers at most once, and what happens to a message interrupted by
// a crash, is in docs/decisions/019-notification-outbox.md.

type Notification = typeof notifications.$inferSelect;

/** How long a claimed row belongs to the worker that claimed it: well beyond the SMTP timeouts. */
export const leaseMs = 5 * 60_000;
export const maxAttempts = 8;
const smtpTimeouts = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export const interruptedError =
  'Interrupted while sending (the server stopped). Not retried automatically, since it may have been delivered.';

export function smtpConfigured() {
  return Boolean(process.env.SMTP_URL);
}

/** 30 s after the first failure, then doubling: 1 min, 2 min … (at most 6 hours). */
export function retryDelayMs(attempts: number) {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/** A 5xx reply (other than 503, a sequence error) will not change by trying again. */
function isPermanent(error: unknown) {
  const code = (error as { responseCode?: number } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 && code !== 503;
}

/** Atomically takes the oldest due row: pending → sending, with a lease, counting the attempt. */
function claimNext(at: Date): Notification | undefined {
  return transaction((tx) => {
    const due = tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.emailState, 'pending'),
          or(isNull(notifications.nextAttemptAt), lte(notifications.nextAttemptAt, at)),
        ),
      )
      .orderBy(asc(notifications.id))
      .limit(1)
      .get();
    if (!due) return undefined;
    return tx
      .update(notifications)
      .set({
        emailState: 'sending',
        attempts: sql`${notifications.attempts} + 1`,
        leaseUntil: new Date(at.getTime() + leaseMs),
      })
      .where(and(eq(notifications.id, due.id), eq(notifications.emailState, 'pending')))
      .returning()
      .get();
  });
}

/**
 * A row still `sending` after its lease was claimed by a worker that died mid-delivery. The SMTP
 * server may or may not have accepted it; sending again could deliver it twice, so it is marked
 * failed for a person to resend from the outbox page.
 */
function abandonInterrupted(at: Date) {
  return db
    .update(notifications)
    .set({ emailState: 'failed', leaseUntil: null, lastError: interruptedError })
    .where(and(eq(notifications.emailState, 'sending'), lte(notifications.leaseUntil, at)))
    .run().changes;
}

function markSent(row: Notification) {
  db.update(notifications)
    .set({ emailState: 'sent', sentAt: now(), leaseUntil: null, lastError: null })
    .where(and(eq(notifications.id, row.id), eq(notifications.emailState, 'sending')))
    .run();
}

function recordFailure(row: Notification, error: unknown, permanent: boolean) {
  const giveUp = permanent || row.attempts >= maxAttempts;
  db.update(notifications)
    .set({
      emailState: giveUp ? 'failed' : 'pending',
      nextAttemptAt: giveUp ? null : new Date(now().getTime() + retryDelayMs(row.attempts)),
      leaseUntil: null,
      lastError: String((error as Error)?.message ?? error).slice(0, 1000),
    })
    .where(and(eq(notifications.id, row.id), eq(notifications.emailState, 'sending')))
    .run();
  return giveUp;
}

/** The email of one outbox row, exactly as it is (or would be) sent. */
export async function composeEmail(row: Notification) {
  const template = row.template as NotificationTemplate;
  const recipient = row.userId
    ? db.select({ name: users.name }).from(users).where(eq(users.id, row.userId)).get()
    : undefined;
  const unsubscribe = row.userId && isOptional(template) ? unsubscribeUrl(row.userId, template) : null;
  const email = await renderEmail({
    template,
    data: row.data as NotificationData[typeof template],
    locale: row.locale,
    name: recipient?.name ?? null,
    unsubscribeUrl: unsubscribe,
  });
  return { ...email, unsubscribeUrl: unsubscribe };
}

type ComposedEmail = Awaited<ReturnType<typeof composeEmail>>;

async function send(transporter: Transporter, row: Notification, email: ComposedEmail) {
  const host = new URL(publicUrl('/')).hostname;
  await transporter.sendMail({
    from: { name: email.appName, address: process.env.SMTP_FROM ?? `no-reply@${host}` },
    to: row.toEmail!,
    subject: email.subject,
    html: email.html,
    text: email.text,
    // Stable per row, so a receiving system can recognise the message if a person resends it.
    messageId: `<notification-${row.id}-${row.createdAt.getTime()}@${host}>`,
    headers: email.unsubscribeUrl
      ? { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : {},
  });
}

/**
 * Sends every due email once through SMTP_URL, one row at a time; returns what happened. Does
 * nothing without SMTP_URL: the mail waits in the outbox.
 */
export async function deliverDueEmail({ limit = 50 } = {}) {
  const result = { sent: 0, retrying: 0, failed: 0, interrupted: 0 };
  if (!smtpConfigured()) return result;
  result.interrupted = abandonInterrupted(now());
  const transporter = nodemailer.createTransport({ url: process.env.SMTP_URL, ...smtpTimeouts });
  try {
    for (let i = 0; i < limit; i++) {
      const row = claimNext(now());
      if (!row) break;
      let email: ComposedEmail;
      try {
        if (!row.toEmail) throw new Error('No recipient address');
        email = await composeEmail(row);
      } catch (error) {
        // What cannot be composed now will not be composed on a later attempt either.
        recordFailure(row, error, true);
        result.failed++;
        continue;
      }
      try {
        await send(transporter, row, email);
        markSent(row);
        result.sent++;
      } catch (error) {
        if (recordFailure(row, error, isPermanent(error))) result.failed++;
        else result.retrying++;
      }
    }
  } finally {
    transporter.close();
  }
  return result;
}

// ── the outbox page (platform admins) ─────────────────────────────────────────
// Mail that tells who bid on a tender is left out until its deadline, as if it did not exist yet:
// not listed, not previewed, not retried (decision 093).

export function listOutbox(viewer: Viewer, state?: EmailState) {
  requirePlatformAdmin(viewer);
  return db
    .select({
      id: notifications.id,
      createdAt: notifications.createdAt,
      toEmail: notifications.toEmail,
      template: notifications.template,
      emailState: notifications.emailState,
      attempts: notifications.attempts,
      lastError: notifications.lastError,
      nextAttemptAt: notifications.nextAttemptAt,
      sentAt: notifications.sentAt,
    })
    .from(notifications)
    .where(and(state ? eq(notifications.emailState, state) : undefined, not(sealedNotification())))
    .orderBy(desc(notifications.id))
    .limit(200)
    .all();
}

export async function previewOutboxEmail(viewer: Viewer, id: number) {
  requirePlatformAdmin(viewer);
  const row = db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), not(sealedNotification())))
    .get();
  if (!row) notFound();
  return { row, email: await composeEmail(row) };
}

/** A person's decision to send a failed email again (perhaps a second time: see the decision record). */
export function retryEmail(viewer: Viewer, id: number) {
  requirePlatformAdmin(viewer);
  transaction((tx) => {
    const visible = tx
      .select({ emailState: notifications.emailState })
      .from(notifications)
      .where(and(eq(notifications.id, id), not(sealedNotification())))
      .get();
    if (!visible) notFound();
    const changed = tx
      .update(notifications)
      .set({ emailState: 'pending', attempts: 0, nextAttemptAt: null, lastError: null })
      .where(and(eq(notifications.id, id), eq(notifications.emailState, 'failed')))
      .run().changes;
    if (!changed) throw new UserError('notifications.errors.notRetryable', 409);
    audit(tx, { actorId: viewer.id, action: 'notification.retry', subjectType: 'notification', subjectId: id });
  });
}
