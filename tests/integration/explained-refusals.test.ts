// A page refused for a reason of state or time says why and what next, in the reader's language,
// inside the site (decision 111 and its addendum); someone who may not know the record exists still
// gets the plain 403 or 404.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemo } from '../../db/seed';
import { findUserByEmail } from '~/accounts/auth.server';
import { createSession } from '~/accounts/session.server';
import { formatDateTime } from '~/lib/format';
import { sqlite } from '~/lib/db.server';
import { addUser } from '../fixtures/accounts';
import { killServers, startServer, type Server } from '../support/server';

let server: Server;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const id = (query: string, ...params: unknown[]) => one<{ id: number }>(query, ...params).id;

function cookieFor(userId: number) {
  return `__Host-session=${encodeURIComponent(createSession(userId).token)}`;
}

/** Someone with only this role in the county union. */
function staff(role: string) {
  const userId = addUser(role);
  sqlite
    .prepare(
      "insert into staff_roles (union_id, user_id, role) values ((select id from unions where name = '象山县总工会'), ?, ?)",
    )
    .run(userId, role);
  return userId;
}

beforeAll(async () => {
  await seedDemo();
  for (const email of ['commissioner@demo.gonghui.cn', 'legal@demo.gonghui.cn'])
    cookies[email] = cookieFor(findUserByEmail(email)!.id);
  cookies.reviewer = cookieFor(staff('reviewer'));
  cookies.finance = cookieFor(staff('finance'));
  cookies.nobody = cookieFor(addUser('无组织的人'));
  const county = id("select id from unions where name = '象山县总工会'");
  for (const state of ['draft', 'closed', 'evaluating', 'cancelled', 'unsuccessful'])
    ids[state] = id('select id from tenders where state = ? and union_id = ? order by id limit 1', state, county);
  ids.incubator = id('select id from incubators where union_id = ?', county);
  // 象山县律师协会 is not a resident of the county's incubator.
  ids.legal = id(
    "select organization_id as id from organization_members m join users u on u.id = m.user_id where u.email = 'legal@demo.gonghui.cn'",
  );
  expect(one('select 1 from residencies where organization_id = ? and state = ?', ids.legal, 'active')).toBeUndefined();
  const contract = (state: string) =>
    Number(
      sqlite
        .prepare(
          `insert into contracts (union_id, organization_id, title, category, amount_fen, sessions, state)
           values (?, ?, '驿站法律讲座', 'legal_aid', 1000000, 4, ?)`,
        )
        .run(county, ids.legal, state).lastInsertRowid,
    );
  ids.pending = contract('pending');
  ids.completed = contract('completed');
  // An offering the organization withdrew after publishing it, and one it never published.
  ids.withdrawn = id("select id from offerings where state = 'published' order by id limit 1");
  sqlite
    .prepare("update offerings set state = 'draft', published_at = ? where id = ?")
    .run(Date.now() - 30 * 86_400_000, ids.withdrawn);
  ids.unpublished = Number(
    sqlite
      .prepare(
        `insert into offerings (organization_id, title, category, format, duration_minutes, capacity, price_fen, state)
         values (?, '尚未发布的服务', 'legal_aid', 'on_site', 60, 30, 100000, 'draft')`,
      )
      .run(ids.legal).lastInsertRowid,
  );
  server = await startServer();
}, 60_000);
afterAll(killServers);

async function page(path: string, who: string | null, language = 'zh-CN') {
  const headers: Record<string, string> = { 'Accept-Language': language };
  if (who) headers.cookie = cookies[who]!;
  const response = await fetch(server.url + path, { headers, redirect: 'manual' });
  const html = await response.text();
  // The page's own words, not the inline messages sent for scripts.
  const text = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');
  return { status: response.status, text, html };
}

const deadlineOf = (tenderId: number, language: string) =>
  formatDateTime(one<{ at: number }>('select deadline_at as at from tenders where id = ?', tenderId).at, language);

describe('the evaluation of a tender whose bids will not open (yet)', () => {
  test.each([
    ['draft', '采购项目还是草稿，尚未发布', 'This tender is still a draft'],
    ['cancelled', '采购项目已取消，投标不会开启评审', 'This tender was cancelled'],
    ['unsuccessful', '有效投标不足，采购项目已流标', 'Too few valid bids'],
  ])('a %s tender tells its commissioner why', async (state, zh, en) => {
    const refused = await page(`/tenders/${ids[state]}/evaluate`, 'commissioner@demo.gonghui.cn');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(zh);
    expect(refused.text).toContain('我的工作台');
    expect(refused.text).not.toContain('您没有权限');
    expect((await page(`/tenders/${ids[state]}/evaluate`, 'commissioner@demo.gonghui.cn', 'en')).text).toContain(en);
  });

  test('a reviewer of the union not on the panel is told who chooses it; finance, and anyone else, is refused plainly', async () => {
    const reviewer = await page(`/tenders/${ids.evaluating}/evaluate`, 'reviewer');
    expect(reviewer.status).toBe(403);
    expect(reviewer.text).toContain('您不在这个采购项目的评审小组中');
    expect((await page(`/tenders/${ids.evaluating}/evaluate`, 'reviewer', 'zh-TW')).text).toContain(
      '您不在這個採購案的評審小組中',
    );
    for (const who of ['finance', 'legal@demo.gonghui.cn', 'nobody']) {
      const plain = await page(`/tenders/${ids.evaluating}/evaluate`, who);
      expect(plain.status).toBe(403);
      expect(plain.text).toContain('您没有权限查看此页面');
    }
  });
});

describe('the edit page of a tender that can no longer change', () => {
  test('after the deadline says when bidding closed, in the reader’s language', async () => {
    for (const language of ['zh-CN', 'en']) {
      const refused = await page(`/tenders/${ids.closed}/edit`, 'commissioner@demo.gonghui.cn', language);
      expect(refused.status).toBe(409);
      expect(refused.text).toContain(deadlineOf(ids.closed!, language));
    }
    expect((await page(`/tenders/${ids.closed}/edit`, 'commissioner@demo.gonghui.cn')).text).toContain(
      '采购项目的内容已经确定，不能再修改',
    );
    expect((await page(`/tenders/${ids.cancelled}/edit`, 'commissioner@demo.gonghui.cn')).text).toContain(
      '采购项目已取消，不能再修改',
    );
    expect((await page(`/tenders/${ids.closed}/edit`, 'reviewer')).status).toBe(403);
  });
});

describe('scheduling an event under a contract not in effect', () => {
  test('says the contract must be signed first, or that it has ended, instead of a form that cannot be sent', async () => {
    const pending = await page(`/contracts/${ids.pending}/events/new`, 'legal@demo.gonghui.cn');
    expect(pending.status).toBe(409);
    expect(pending.text).toContain('合同尚未生效');
    expect(pending.html).not.toContain('name="startsAt"');
    const ended = await page(`/contracts/${ids.completed}/events/new`, 'legal@demo.gonghui.cn', 'en');
    expect(ended.text).toContain('The contract has ended');
    expect((await page(`/contracts/${ids.pending}/events/new`, 'reviewer')).status).toBe(403);
  });
});

describe('joint meetings', () => {
  test('tell a member of an organization not resident there that they open once it is admitted; others are refused plainly', async () => {
    const member = await page(`/incubators/${ids.incubator}/meetings`, 'legal@demo.gonghui.cn');
    expect(member.status).toBe(403);
    expect(member.text).toContain('贵组织入驻本基地后即可查看');
    const nobody = await page(`/incubators/${ids.incubator}/meetings`, 'nobody');
    expect(nobody.status).toBe(403);
    expect(nobody.text).toContain('您没有权限查看此页面');
  });
});

describe('an offering no longer in the catalog', () => {
  test('withdrawn after it was public, says so to anyone; never published, is not found', async () => {
    for (const who of [null, 'commissioner@demo.gonghui.cn']) {
      const withdrawn = await page(`/catalog/${ids.withdrawn}`, who);
      expect(withdrawn.status).toBe(404);
      expect(withdrawn.text).toContain('这项服务已由发布它的社会组织下架');
    }
    const unpublished = await page(`/catalog/${ids.unpublished}`, 'commissioner@demo.gonghui.cn');
    expect(unpublished.status).toBe(404);
    expect(unpublished.text).toContain('页面不存在');
    expect(unpublished.text).not.toContain('下架');
  });
});
