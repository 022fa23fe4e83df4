import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import type { Mail, Mailbox } from '../support/mailbox';

export const demoPassword = 'gonghui-demo-2026';

/** Signs in on the e2e server, or on another one at `origin`. */
export async function login(page: Page, email: string, origin = '') {
  await page.goto(`${origin}/login`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(demoPassword);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/me$/);
}

/** Signs out and waits until the server has ended the session and the home page is shown, so the
 *  next navigation cannot race the sign-out. */
export async function logOut(page: Page) {
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('button', { name: '退出' })).toHaveCount(0);
}

/** Logs in over HTTP only (no page), for authorization checks. */
export async function loginRequest(request: APIRequestContext, email: string) {
  const response = await request.post('/login', { form: { email, password: demoPassword }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
}

let clockOffset = 0;

/** Moves the server's clock (TEST_CLOCK=1 only); returns the server's "now". */
export async function advanceClock(request: APIRequestContext, ms: number) {
  clockOffset += ms;
  const response = await request.post('/__test/clock', { data: { offsetMs: clockOffset } });
  expect(response.ok()).toBe(true);
  return new Date(Date.now() + clockOffset);
}

export async function resetClock(request: APIRequestContext) {
  clockOffset = 0;
  await request.post('/__test/clock', { data: { offsetMs: 0 } });
}

export { toShanghaiInput as shanghaiInput } from '../../app/lib/time';

/** Read-only access to the e2e server's database: the first column of the first row. */
export function value<T = number>(sql: string, ...params: unknown[]): T {
  const db = new Database('tests/.tmp/e2e/app.db', { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  } finally {
    db.close();
  }
}

/** To assert what was (not) written. */
export const count = (sql: string, ...params: unknown[]) => value<number>(sql, ...params);

/** Writes to the e2e server's database, to set up what no page of this spec sets. */
export function write(sql: string, ...params: unknown[]) {
  const db = new Database('tests/.tmp/e2e/app.db', { fileMustExist: true });
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/**
 * A contract of the demo county with the career centre (active unless `state` says otherwise), no
 * session delivered yet, its final milestone pending: a record of the calling spec's own, so that
 * no other spec's contract changes.
 */
export function activeContract(title: string, state: 'active' | 'draft' = 'active') {
  write(
    `insert into contracts (union_id, department_id, organization_id, title, category, amount_fen, sessions, state, signed_at)
     select u.id, d.id, o.id, ?, 'career_planning', 2000000, 4, ?, ?
     from unions u join departments d on d.union_id = u.id, organizations o
     where u.name = '象山县总工会' and o.name = '象山县启航职业发展服务中心' order by d.id limit 1`,
    title,
    state,
    state === 'active' ? 1767225600000 : null,
  );
  const id = value<number>('select id from contracts where title = ?', title);
  write(
    `insert into milestones (contract_id, label, amount_fen, condition, condition_sessions) values (?, 'final', 2000000, 'final', 4)`,
    id,
  );
  return id;
}

let phones = Math.floor(Math.random() * 10_000);

/** A mobile number of its own, told apart by its last four digits (all the outbox shows of it). */
export function newPhone() {
  phones += 1;
  return `137${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}${String(phones % 10_000).padStart(4, '0')}`;
}

/** The code in the last SMS the local provider "sent" to this number (SMS_PROVIDER=local). */
export function smsCode(phone: string) {
  const text = value<string>(
    'select text from local_sms where to_masked = ? order by id desc limit 1',
    `${phone.slice(0, 3)}****${phone.slice(-4)}`,
  );
  return /\d{6}/.exec(text)![0];
}

/**
 * A first check-in on a phone in SMS mode: the number, the code from the SMS, the optional
 * answers (`answer`), then 签到.
 */
export async function checkInWithNumber(page: Page, phone = newPhone(), answer?: () => Promise<void>) {
  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('短信验证码').fill(smsCode(phone));
  await answer?.();
  await page.getByRole('button', { name: '签到' }).click();
  return phone;
}

export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

// ---- Mail: the e2e server sends to SMTP_URL (playwright.config.ts), where a spec's mailbox listens.

export function mailsTo(mailbox: Mailbox, address: string, subject: string) {
  return mailbox.messages.filter((m) => m.to.includes(address) && m.subject === subject);
}

/** Waits for the delivery worker to send such an email; the newest one. */
export async function receive(mailbox: Mailbox, address: string, subject: string): Promise<Mail> {
  await expect.poll(() => mailsTo(mailbox, address, subject).length, { timeout: 30_000 }).toBeGreaterThan(0);
  return mailsTo(mailbox, address, subject).at(-1)!;
}

/** The emailed single-use link to `path` (`/verify-email?token=…`, `/invitations/…`), the same in both parts. */
export function mailLink(mail: Mail, path: string) {
  const found = new RegExp(`http://localhost:\\d+${path}(?:\\?token=|/)[a-z2-7]+`).exec(mail.text)?.[0];
  expect(found, mail.text).toBeTruthy();
  expect(mail.html).toContain(found!);
  return found!;
}

export const verificationSubject = '请验证您的电子邮箱';

/**
 * A new account (over HTTP) that verifies its email from the emailed link and accepts the invitation
 * emailed to it: how a person invited to a role or an organization gets it (docs/decisions/092).
 */
export async function joinByInvitation(
  mailbox: Mailbox,
  request: APIRequestContext,
  person: { email: string; name: string; password?: string },
  invitationSubject: string,
) {
  const signup = await request.post('/signup', {
    form: { name: person.name, email: person.email, password: person.password ?? 'a-long-password' },
    maxRedirects: 0,
  });
  expect(signup.status()).toBe(302);
  const verification = await receive(mailbox, person.email, verificationSubject);
  expect((await request.get(mailLink(verification, '/verify-email'))).status()).toBe(200);
  const invitation = await receive(mailbox, person.email, invitationSubject);
  const accept = await request.post(new URL(mailLink(invitation, '/invitations')).pathname, {
    form: {},
    maxRedirects: 0,
  });
  expect(accept.headers().location).toBe('/me?invitationAccepted');
}
