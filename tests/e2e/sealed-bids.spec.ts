import { readFileSync, existsSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import type { RouteConfigEntry } from '@react-router/dev/routes';
import routes from '../../app/routes';
import { advanceClock, count, loginRequest, resetClock, shanghaiInput } from './support';

test.afterEach(async ({ request }) => resetClock(request));

/** Every URL pattern in the site map, nested routes included. */
function routePaths(entries: RouteConfigEntry[], prefix = ''): string[] {
  return entries.flatMap((entry) => {
    const path = entry.index ? prefix : [prefix, entry.path].filter(Boolean).join('/');
    return [
      ...(entry.path !== undefined || entry.index ? [`/${path}`] : []),
      ...routePaths(entry.children ?? [], path),
    ];
  });
}

async function as(email: string, baseURL: string) {
  const context = await playwrightRequest.newContext({ baseURL });
  await loginRequest(context, email);
  return context;
}

/** Longer than the demo county's minimum bidding period (5 days). */
const biddingMs = 6 * 24 * 3600_000;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The lowest id in a table, or 1 when it is empty (the route then answers 404). */
function first(table: string) {
  return count(`select coalesce(min(id), 1) as n from ${table}`);
}

test('no route shows sealed bid content or its receipt to union staff or the platform admin before the deadline, and the database file does not contain it', async ({
  baseURL,
}) => {
  // Every route, three ways, as six kinds of staff and the platform admin: a few thousand requests.
  test.setTimeout(420_000);
  const stamp = Date.now();
  const plan = `密封方案-${stamp}：每周三晚在驿站开展团体辅导`;
  const draftPlan = `草稿方案-${stamp}：尚未提交的内容`;
  const unionId = count("select id as n from unions where name = '象山县总工会'");
  const orgId = (email: string) =>
    count(
      'select m.organization_id as n from organization_members m join users u on u.id = m.user_id where u.email = ?',
      email,
    );

  // The commissioner publishes a tender with a document and puts the reviewer on its panel.
  const commissioner = await as('commissioner@demo.gonghui.cn', baseURL!);
  const created = await commissioner.post('/tenders/new', {
    multipart: {
      unionId: String(unionId),
      title: `密封投标检验项目 ${stamp}`,
      category: 'counselling',
      budget: '60000',
      sessions: '4',
      minWorkerVisits: '100',
      eligibility: 'anyone',
      weightPrice: '30',
      weightPlan: '40',
      weightTeam: '20',
      weightTrackRecord: '10',
      deadline: shanghaiInput(new Date(Date.now() + biddingMs)),
      minBids: '1',
      objectionDays: '3',
      intent: 'publish',
      attachments: { name: '采购需求.pdf', mimeType: 'application/pdf', buffer: pdf },
    },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  const tenderId = Number(created.headers().location!.split('/').pop());
  expect(tenderId).toBeGreaterThan(0);
  const reviewerId = count("select id as n from users where email = 'reviewer@demo.gonghui.cn'");
  const assigned = await commissioner.post(`/tenders/${tenderId}/manage`, {
    form: { intent: 'assign', userId: String(reviewerId) },
    maxRedirects: 0,
  });
  expect(assigned.status()).toBe(302);

  // One organization submits, another keeps a draft; one asks a question.
  const legal = await as('legal@demo.gonghui.cn', baseURL!);
  const legalOrg = orgId('legal@demo.gonghui.cn');
  const submitted = await legal.post(`/tenders/${tenderId}`, {
    form: { organizationId: String(legalOrg), price: '48173.27', plan, team: '律师 3 名', intent: 'submit' },
    maxRedirects: 0,
  });
  expect(submitted.status()).toBe(302);
  await legal.post(`/tenders/${tenderId}`, {
    form: { organizationId: String(legalOrg), question: '服务地点由谁提供？', intent: 'ask' },
    maxRedirects: 0,
  });
  const psych = await as('psych@demo.gonghui.cn', baseURL!);
  const drafted = await psych.post(`/tenders/${tenderId}`, {
    form: {
      organizationId: String(orgId('psych@demo.gonghui.cn')),
      price: '50000',
      plan: draftPlan,
      intent: 'saveDraft',
    },
    maxRedirects: 0,
  });
  expect(drafted.status()).toBe(302);

  // The search can find the text where it legitimately is: the bidder's own page, with its receipt.
  const ownPage = await (await legal.get(`/tenders/${tenderId}`)).text();
  expect(ownPage).toContain(plan);
  const receipt = /data-testid="bid-hash">([0-9a-f]{64})</.exec(ownPage)?.[1];
  expect(receipt).toBeDefined();

  const ids: Record<string, number | string> = {
    tenderId,
    attachmentId: count('select max(id) as n from tender_attachments where tender_id = ?', tenderId),
    contractId: count('select min(id) as n from contracts'),
    eventId: count('select min(id) as n from events'),
    orgId: legalOrg,
    unionId,
    file: `${tenderId}.json`,
    applicationId: first('incubation_applications'),
    commissionId: first('commissions'),
    evaluationId: first('residency_evaluations'),
    incubatorId: first('incubators'),
    meetingId: first('joint_meetings'),
    milestoneId: first('milestones'),
    notificationId: first('notifications'),
    offeringId: first('offerings'),
    paymentId: first('payments'),
    photoId: 1,
    residencyId: first('residencies'),
    flagId: first('risk_flags'),
    feed: 'union-1-0.ics',
    table: 'organizations',
    lng: 'zh-CN',
    token: 'none',
  };
  const paths = routePaths(routes).map((pattern) =>
    pattern.replace(/:(\w+)\??/g, (_, name: string) => {
      expect(ids, `no id to substitute for :${name} in ${pattern}`).toHaveProperty(name);
      return String(ids[name]);
    }),
  );
  expect(paths).toContain(`/tenders/${tenderId}/evaluate`);
  expect(paths).toContain(`/api/ocds/tenders/${tenderId}.json`);

  const staff = ['commissioner', 'reviewer', 'rights', 'leadership', 'admin', 'finance', 'auditor', 'platform'];
  const checked: string[] = [];
  for (const email of staff.map((s) => `${s}@demo.gonghui.cn`)) {
    const context: APIRequestContext = email.startsWith('commissioner') ? commissioner : await as(email, baseURL!);
    for (const path of paths) {
      const data = path === '/' ? '/_root.data' : `${path}.data`;
      const requests = [
        () => context.get(path, { maxRedirects: 0 }),
        () => context.get(data, { maxRedirects: 0 }),
        ...(['/logout', '/__test/clock'].includes(path)
          ? []
          : [() => context.post(path, { form: {}, maxRedirects: 0 })]),
      ];
      for (const send of requests) {
        const response = await send();
        const body = await response.text();
        expect(response.status(), `${email} ${path}`).toBeLessThan(500);
        expect(body, `${email} ${response.url()}`).not.toContain(plan);
        expect(body, `${email} ${response.url()}`).not.toContain(draftPlan);
        // The price, raw or formatted (¥48,173.27).
        expect(body, `${email} ${response.url()}`).not.toMatch(/48,?173/);
        expect(body, `${email} ${response.url()}`).not.toContain(receipt);
        checked.push(response.url());
      }
    }
  }
  expect(checked.length).toBeGreaterThan(staff.length * paths.length * 2);

  // Nor does any route show it to the public.
  const anonymous = await playwrightRequest.newContext({ baseURL });
  for (const path of paths) {
    const response = await anonymous.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
    expect(await response.text(), path).not.toContain(plan);
  }

  // The database file (and its write-ahead log) holds only ciphertext.
  for (const file of ['tests/.tmp/e2e/app.db', 'tests/.tmp/e2e/app.db-wal'].filter((f) => existsSync(f))) {
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from(plan, 'utf8')), file).toBe(false);
    expect(bytes.includes(Buffer.from(draftPlan, 'utf8')), file).toBe(false);
  }
  expect(count('select count(*) as n from bids where tender_id = ? and sealed like ?', tenderId, `%${stamp}%`)).toBe(0);

  // After the deadline, the panel (having declared) can read it: the check above could have failed.
  await advanceClock(commissioner, biddingMs + 3600_000);
  const declared = await commissioner.post(`/tenders/${tenderId}/evaluate`, {
    form: { intent: 'declare' },
    maxRedirects: 0,
  });
  expect(declared.status()).toBe(302);
  expect(await (await commissioner.get(`/tenders/${tenderId}/evaluate`)).text()).toContain(plan);
  // …and a draft is never opened.
  expect(await (await commissioner.get(`/tenders/${tenderId}/evaluate`)).text()).not.toContain(draftPlan);
});
