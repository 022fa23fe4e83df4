import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notifications, organizationMembers, organizations, tenders, unions, users } from '../../db/schema';
import { startMailbox, type Mailbox } from '../../tests/support/mailbox';
import { deliverDueEmail, interruptedError, leaseMs, maxAttempts, retryDelayMs } from './outbox.server';
import { notify } from './notify.server';
import { emailPreferences, saveEmailPreferences, unsubscribe } from './preferences.server';
import { signUp, type Viewer } from '~/accounts/auth.server';
import { verifyEmail } from '~/accounts/recovery.server';
import { setClockOffset } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { defaultWeights } from '~/procurement/machine';
import { submitBid } from '~/procurement/bids.server';

process.env.TEST_CLOCK = '1';

let mailbox: Mailbox;

beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(() => mailbox.close());
beforeEach(() => {
  process.env.SMTP_URL = mailbox.url;
  mailbox.messages.length = 0;
  db.delete(notifications).run();
});
afterEach(() => setClockOffset(0));

let counter = 0;
function createUser(locale = 'zh-CN') {
  counter++;
  return db
    .insert(users)
    .values({ email: `person${counter}@example.cn`, name: `测试用户${counter}`, passwordHash: 'x', locale })
    .returning()
    .get();
}

function outboxRow(id: number) {
  return db.select().from(notifications).where(eq(notifications.id, id)).get()!;
}

/** Enqueues one optional email the way a capability does: inside a transaction. */
function enqueueContractReady(userId: number) {
  return transaction((tx) => {
    notify(tx, userId, 'contract_ready', { title: '职工心理关爱服务', amountFen: 4_000_000, path: '/contracts/7' });
    return tx.select().from(notifications).where(eq(notifications.userId, userId)).get()!.id;
  });
}

/** A published tender and an organization whose owner can bid on it. */
function biddingFixture(ownerLocale: string) {
  const commissioner = createUser();
  const owner = createUser(ownerLocale);
  const union = db.insert(unions).values({ name: '象山县总工会', level: 'county' }).returning().get();
  const tender = db
    .insert(tenders)
    .values({
      unionId: union.id,
      createdBy: commissioner.id,
      title: '新就业形态劳动者心理关爱服务项目',
      category: 'counselling',
      sessions: 12,
      budgetFen: 6_000_000,
      weights: defaultWeights,
      deadlineAt: new Date(Date.now() + 7 * 24 * 3600_000),
      state: 'published',
    })
    .returning()
    .get();
  const organization = db
    .insert(organizations)
    .values({ name: '象山县心理健康服务协会', type: 'grassroots' })
    .returning()
    .get();
  db.insert(organizationMembers).values({ organizationId: organization.id, userId: owner.id, role: 'owner' }).run();
  const viewer: Viewer = {
    id: owner.id,
    email: owner.email,
    name: owner.name,
    locale: owner.locale,
    isPlatformAdmin: false,
    sessionId: 'test',
    memberships: [{ organizationId: organization.id, role: 'owner' }],
    roles: [],
  };
  return { tender, organization, owner, viewer };
}

describe('delivery through SMTP', () => {
  it('sends the verification email of a sign-up exactly once, to the right person, with a working link', async () => {
    const user = await signUp({
      email: 'Zhou.Ming@Example.cn',
      name: '周明',
      password: 'long-enough-1',
      locale: 'zh-CN',
    });

    expect(await deliverDueEmail()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(await deliverDueEmail()).toMatchObject({ sent: 0 });

    expect(mailbox.messages).toHaveLength(1);
    const [mail] = mailbox.messages;
    expect(mail!.to).toEqual(['zhou.ming@example.cn']);
    expect(mail!.subject).toBe('请验证您的电子邮箱');
    expect(mail!.text).toContain('周明，您好：');
    expect(mail!.html).toContain('验证邮箱');
    expect(mail!.headers.has('list-unsubscribe')).toBe(false);
    const token = /\/verify-email\?token=([a-z2-7]+)/.exec(mail!.text)?.[1];
    expect(token).toBeTruthy();
    expect(verifyEmail(token!)).toBe(user!.id);
    expect(verifyEmail(token!)).toBeNull();

    const row = db.select().from(notifications).where(eq(notifications.userId, user!.id)).get()!;
    expect(row).toMatchObject({ emailState: 'sent', attempts: 1, leaseUntil: null });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it('sends a bid receipt with its receipt hash, in the bidder’s language, with a one-click unsubscribe', async () => {
    const { tender, organization, owner, viewer } = biddingFixture('en');
    const receipt = submitBid(viewer, tender.id, organization.id, {
      priceFen: 4_000_000,
      plan: '每月两场讲座',
      team: '',
    });

    expect(await deliverDueEmail()).toMatchObject({ sent: 1 });
    expect(mailbox.messages).toHaveLength(1);
    const [mail] = mailbox.messages;
    expect(mail!.to).toEqual([owner.email]);
    expect(mail!.subject).toBe(`Bid receipt: ${tender.title}`);
    expect(mail!.text).toContain(receipt.receipt);
    expect(mail!.html).toContain(receipt.receipt);
    expect(mail!.text).toContain(`http://localhost:3000/tenders/${tender.id}`);

    // RFC 8058: the header a mail client posts to, and the same link in the body.
    const link = /^<(.+)>$/.exec(mail!.headers.get('list-unsubscribe') ?? '')?.[1];
    expect(mail!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail!.text).toContain(link);
    const token = new URL(link!).pathname.split('/').pop()!;
    expect(unsubscribe(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeNull();
    expect(unsubscribe(token)).toEqual({ userId: owner.id, template: 'bid_receipt' });
    expect(emailPreferences(owner.id).find((p) => p.template === 'bid_receipt')?.email).toBe(false);
  });

  it('sends a receipt written before keyed receipts without a receipt line', async () => {
    const user = createUser('en');
    const path = '/tenders/1';
    transaction((tx) =>
      notify(tx, user.id, 'bid_receipt', { title: '项目', submittedAt: '2026-06-20T02:30:00.000Z', path }),
    );
    expect(await deliverDueEmail()).toMatchObject({ sent: 1 });
    const [mail] = mailbox.messages;
    expect(mail!.text).toContain('sealed bid for "项目"');
    expect(mail!.text).not.toContain('Receipt:');
  });

  it('retries a temporary SMTP failure later, then delivers it once', async () => {
    const user = createUser();
    const id = enqueueContractReady(user.id);
    mailbox.refuseNext(1, 451);

    expect(await deliverDueEmail()).toMatchObject({ sent: 0, retrying: 1 });
    const failed = outboxRow(id);
    expect(failed).toMatchObject({ emailState: 'pending', attempts: 1 });
    expect(failed.lastError).toMatch(/451/);
    expect(failed.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(retryDelayMs(1) - 5_000);

    // Not yet due: nothing happens.
    expect(await deliverDueEmail()).toMatchObject({ sent: 0, retrying: 0 });
    expect(mailbox.messages).toHaveLength(0);

    setClockOffset(retryDelayMs(1) + 1_000);
    expect(await deliverDueEmail()).toMatchObject({ sent: 1 });
    expect(mailbox.messages).toHaveLength(1);
    expect(mailbox.messages[0]!.subject).toBe('合同待确认：职工心理关爱服务');
    expect(mailbox.messages[0]!.text).toContain('¥40,000.00');
    expect(outboxRow(id)).toMatchObject({ emailState: 'sent', attempts: 2, lastError: null });
  });

  it('backs off exponentially and gives up after the last attempt', async () => {
    const id = enqueueContractReady(createUser().id);
    mailbox.refuseNext(maxAttempts, 451);
    let offset = 0;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await deliverDueEmail();
      const row = outboxRow(id);
      expect(row.attempts).toBe(attempt);
      if (attempt < maxAttempts) {
        expect(row.nextAttemptAt!.getTime() - (Date.now() + offset)).toBeGreaterThan(retryDelayMs(attempt) - 5_000);
        expect(retryDelayMs(attempt + 1)).toBe(Math.min(2 * retryDelayMs(attempt), 6 * 3600_000));
        offset += retryDelayMs(attempt) + 1_000;
        setClockOffset(offset);
      }
    }
    expect(outboxRow(id)).toMatchObject({ emailState: 'failed', nextAttemptAt: null });
    setClockOffset(offset + 24 * 3600_000);
    expect(await deliverDueEmail()).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    expect(mailbox.messages).toHaveLength(0);
  });

  it('marks a permanent refusal failed at once', async () => {
    const id = enqueueContractReady(createUser().id);
    mailbox.refuseNext(1, 550);
    expect(await deliverDueEmail()).toMatchObject({ failed: 1 });
    expect(outboxRow(id)).toMatchObject({ emailState: 'failed', attempts: 1 });
    expect(outboxRow(id).lastError).toMatch(/550/);
  });

  it('sends nothing twice when the worker dies in the middle of a delivery', async () => {
    const id = enqueueContractReady(createUser().id);
    // A separate worker process is killed the moment the SMTP server has the whole message,
    // before it can record that it was sent.
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/deliver-once.ts'], {
      env: process.env,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    mailbox.onReceive(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    await exited;
    expect(mailbox.messages).toHaveLength(1);
    expect(outboxRow(id).emailState).toBe('sending');

    // Restarted within the lease: the row still belongs to the dead worker.
    expect(await deliverDueEmail()).toMatchObject({ sent: 0, interrupted: 0 });
    // After the lease: given up as interrupted, for a person to resend, never resent by itself.
    setClockOffset(leaseMs + 1_000);
    expect(await deliverDueEmail()).toMatchObject({ sent: 0, interrupted: 1 });
    expect(await deliverDueEmail()).toMatchObject({ sent: 0, interrupted: 0 });
    expect(outboxRow(id)).toMatchObject({ emailState: 'failed', lastError: interruptedError });
    expect(mailbox.messages).toHaveLength(1);
  }, 30_000);

  it('keeps mail in the outbox without SMTP_URL', async () => {
    delete process.env.SMTP_URL;
    const id = enqueueContractReady(createUser().id);
    expect(await deliverDueEmail()).toEqual({ sent: 0, retrying: 0, failed: 0, interrupted: 0 });
    expect(outboxRow(id)).toMatchObject({ emailState: 'pending', attempts: 0 });
  });
});

describe('preferences', () => {
  it('skip an email turned off, but keep the in-app notice; account mail is always sent', () => {
    const user = createUser();
    saveEmailPreferences(user.id, []);
    const id = enqueueContractReady(user.id);
    expect(outboxRow(id)).toMatchObject({ emailState: 'skipped', readAt: null });

    transaction((tx) => notify(tx, user.id, 'password_reset', { name: user.name, path: '/reset-password?token=x' }));
    const reset = db.select().from(notifications).where(eq(notifications.template, 'password_reset')).get()!;
    expect(reset.emailState).toBe('pending');
  });

  it('withdraw pending email of a kind when it is turned off', () => {
    const user = createUser();
    const id = enqueueContractReady(user.id);
    saveEmailPreferences(
      user.id,
      emailPreferences(user.id)
        .map((p) => p.template)
        .filter((t) => t !== 'contract_ready'),
    );
    expect(outboxRow(id).emailState).toBe('skipped');
    expect(emailPreferences(user.id).filter((p) => !p.email)).toEqual([{ template: 'contract_ready', email: false }]);
  });
});
