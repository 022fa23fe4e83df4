import { expect, request as requestFactory, test } from '@playwright/test';
import { tenders } from '../../db/demo-data';
import { toShanghaiInput } from '../../app/lib/time';
import { e2eSmtpPort, startMailbox, type Mailbox } from '../support/mailbox';
import { count, joinByInvitation, loginRequest, newPhone, resetClock, smsCode, value } from './support';

// Authorization is checked over HTTP, as an attacker would try it: forms posted by hand.

const port = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${port}`;

async function as(email: string) {
  const context = await requestFactory.newContext({ baseURL });
  await loginRequest(context, email);
  return context;
}

let mailbox: Mailbox;
test.beforeAll(async () => {
  mailbox = await startMailbox(e2eSmtpPort());
});
test.afterAll(async () => mailbox.close());
test.afterEach(async ({ request }) => resetClock(request));

test('an organization cannot read or change another organization’s sealed bid', async () => {
  // The seeded open tender has a sealed bid from the childcare team.
  const id = count("select id from tenders where state = 'published'");
  const childcareOrg = count("select id from organizations where contact_email = 'childcare@demo.gonghui.cn'");
  const other = await as('mediation@demo.gonghui.cn');

  const page = await other.get(`/tenders/${id}`);
  expect(page.status()).toBe(200);
  const html = await page.text();
  const sealedPlan = tenders.find((t) => t.state === 'published')!.bids[0]!.plan;
  expect(html).not.toContain(sealedPlan);
  expect(html).not.toContain('data-testid="bid-hash"');

  const withdraw = await other.post(`/tenders/${id}`, {
    form: { intent: 'withdraw', organizationId: String(childcareOrg) },
    maxRedirects: 0,
  });
  expect(withdraw.status()).toBe(403);
  const overwrite = await other.post(`/tenders/${id}`, {
    form: { intent: 'submit', organizationId: String(childcareOrg), price: '1', plan: 'hijacked' },
    maxRedirects: 0,
  });
  expect(overwrite.status()).toBe(403);
  expect(count("select count(*) as n from bids where organization_id = ? and state = 'submitted'", childcareOrg)).toBe(
    1,
  );
  await other.dispose();
});

test('union staff cannot open bids before the deadline', async () => {
  const id = count("select id from tenders where state = 'published'");
  const commissioner = await as('commissioner@demo.gonghui.cn');
  expect((await commissioner.get(`/tenders/${id}/evaluate`)).status()).toBe(403);
  const award = await commissioner.post(`/tenders/${id}/evaluate`, {
    form: { intent: 'award', bidId: String(count('select id from bids where tender_id = ?', id)) },
    maxRedirects: 0,
  });
  expect(award.status()).toBe(403);
  await commissioner.dispose();
});

test('staff of union A cannot view the bids of, or act on, a tender of union B', async () => {
  // The platform admin makes someone commissioner of a township union (union A).
  const admin = await as('platform@demo.gonghui.cn');
  const township = count("select id from unions where name = '丹东街道总工会'");
  const email = `township-${Date.now()}@example.cn`;
  const invite = await admin.post(`/admin/unions/${township}`, {
    form: { intent: 'invite', email, role: 'commissioner' },
    maxRedirects: 0,
  });
  expect(invite.status()).toBe(302);
  const outsider = await requestFactory.newContext({ baseURL });
  await joinByInvitation(mailbox, outsider, { name: '街道专员', email }, '邀请您担任丹东街道总工会采购专员');

  // The county union (union B) has a closed tender whose bids its own commissioner may open.
  const closed = value("select id from tenders where state = 'closed'");
  const county = await as('commissioner@demo.gonghui.cn');
  expect((await county.get(`/tenders/${closed}/evaluate`)).status()).toBe(200);

  expect((await outsider.get(`/tenders/${closed}/evaluate`)).status()).toBe(403);
  const bidId = count('select id from bids where tender_id = ? limit 1', closed);
  const score = await outsider.post(`/tenders/${closed}/evaluate`, {
    form: { bidId: String(bidId), plan: '100', team: '100', track_record: '100' },
    maxRedirects: 0,
  });
  expect(score.status()).toBe(403);
  const award = await outsider.post(`/tenders/${closed}/evaluate`, {
    form: { intent: 'award', bidId: String(bidId) },
    maxRedirects: 0,
  });
  expect(award.status()).toBe(403);
  expect(count('select count(*) as n from bid_scores where bid_id = ?', bidId)).toBe(0);
  expect(count("select count(*) as n from tenders where id = ? and state = 'closed'", closed)).toBe(1);
  await Promise.all([admin.dispose(), outsider.dispose(), county.dispose()]);
});

test('staff of another union cannot see a draft tender or a contract', async () => {
  const org = await as('rescue@demo.gonghui.cn');
  const draft = count("select id from tenders where state = 'draft'");
  expect((await org.get(`/tenders/${draft}`)).status()).toBe(404);
  const contract = count(
    "select c.id from contracts c join organizations o on o.id = c.organization_id where o.contact_email = 'psych@demo.gonghui.cn'",
  );
  expect((await org.get(`/contracts/${contract}`)).status()).toBe(403);
  await org.dispose();
});

test('one check-in cannot rate twice', async () => {
  const event = await seededCheckinEvent();
  const phone = await requestFactory.newContext({ baseURL });
  const landing = await phone.get(event.checkinUrl);
  const ticket = /name="ticket" value="([^"]+)"/.exec(await landing.text())![1]!;
  // Without a confirmed number the ticket alone checks nobody in.
  expect((await phone.post(event.checkinPath, { form: { ticket }, maxRedirects: 0 })).status()).toBe(403);
  const number = newPhone();
  const sent = await phone.post(event.checkinPath, { form: { intent: 'send', ticket, phone: number } });
  const challenge = /name="challenge" value="([^"]+)"/.exec(await sent.text())![1]!;
  const verified = await phone.post(event.checkinPath, {
    form: { intent: 'verify', ticket, challenge, code: smsCode(number) },
    maxRedirects: 0,
  });
  expect(verified.status()).toBe(302);

  const first = await phone.post(`${event.checkinPath}/rate`, {
    form: { score: '5', intent: 'create' },
    maxRedirects: 0,
  });
  expect(first.status()).toBe(302);
  const second = await phone.post(`${event.checkinPath}/rate`, {
    form: { score: '1', intent: 'create' },
    maxRedirects: 0,
  });
  expect(second.status()).toBe(409);
  expect(await second.text()).toContain('您已经评价过这场活动了');
  const again = await phone.post(event.checkinPath, { form: { ticket }, maxRedirects: 0 });
  expect(again.status()).toBe(409);

  expect(count('select count(*) as n from ratings where event_id = ?', event.id)).toBe(1);
  expect(count('select score from ratings where event_id = ?', event.id)).toBe(5);
  await phone.dispose();
});

/** Schedules an event now under the arts troupe's seeded contract and reads its check-in link. */
async function seededCheckinEvent() {
  const org = await as('arts@demo.gonghui.cn');
  const contract = count(
    "select c.id from contracts c join organizations o on o.id = c.organization_id where o.contact_email = 'arts@demo.gonghui.cn'",
  );
  const startsAt = toShanghaiInput(new Date());
  const created = await org.post(`/contracts/${contract}/events/new`, {
    form: {
      title: `车间快闪 ${Date.now()}`,
      startsAt,
      durationMinutes: '60',
      venueType: 'work_site',
      address: '象山县石浦镇船厂',
      capacity: '100',
    },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  const path = created.headers().location!;
  const present = await (await org.get(`${path}/present`)).text();
  const checkinUrl = /href="([^"]+)" data-testid="checkin-link"/.exec(present)![1]!;
  await org.dispose();
  const id = Number(path.split('/').pop());
  return { id, checkinUrl: checkinUrl.replace(/&amp;/g, '&'), checkinPath: `/c/${id}` };
}
