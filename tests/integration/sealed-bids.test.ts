// Before a tender's deadline, nothing that union staff (any role) or the platform admin can open tells
// who bid, how many bids there are, or anything derived from a bid's content, so no bidder can learn what to beat. Every route
// of app/routes.ts and the root layout is loaded as every role of the authorization matrix, before
// and after four organizations bid on an open tender: no answer may change, and none may contain a
// bidder's name, a receipt or a price. Then the clock passes the deadline and the bids show where
// they should. See docs/decisions/093-sealed-until-the-deadline.md.
import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '../../db/schema';
import { getViewer } from '~/accounts/auth.server';
import { unionRoles } from '~/accounts/roles';
import { createSession, sessionCookie } from '~/accounts/session.server';
import { verifyAuditChain } from '~/lib/audit.server';
import { db, sqlite } from '~/lib/db.server';
import { composeEmail, previewOutboxEmail, retryEmail } from '~/notifications/outbox.server';
import { saveBidDraft, submitBid, withdrawBid } from '~/procurement/bids.server';
import { answerQuestion, askQuestion } from '~/procurement/questions.server';
import { createTender, closeDueTenders, updateTender } from '~/procurement/tenders.server';
import {
  allRoles,
  buildWorld,
  requestFor,
  rolledBack,
  routeLeaves,
  urlFor,
  type Role,
  type World,
} from '../support/authorization';
import { hoursFromNow, tenderInput } from '../fixtures/procurement';

type Module = { loader?: (args: unknown) => unknown };
type Probe = { label: string; file: string; url: string; params: Record<string, string> };

let world: World;

/** Pages asked for beyond each route's own URL: filters for bids, and the mail the bids will write. */
const probes: Probe[] = [];

/** The root layout (its loader runs on every page), every route, and the probes. */
function pages(): Probe[] {
  const routes = routeLeaves().map((leaf) => ({ label: leaf.path, file: leaf.file, ...urlFor(world, leaf.path) }));
  return [{ label: '', file: 'root.tsx', url: '/', params: {} }, ...routes, ...probes];
}

function serialize(value: unknown) {
  return JSON.stringify(value, (_, v: unknown) => {
    if (v instanceof Promise) throw new Error('A streamed loader value: await it in this test');
    return v;
  });
}

/** What a loader answers, as text: status, redirect target and body (a file or an export included). */
async function answerOf(run: () => unknown) {
  let value: unknown;
  try {
    value = await run();
  } catch (error) {
    value = error;
  }
  if (value instanceof Response) return `${value.status} ${value.headers.get('Location') ?? ''} ${await value.text()}`;
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'DataWithResponseInit') {
    const { data, init } = value as { data: unknown; init?: ResponseInit | null };
    return `${init?.status ?? 200} ${serialize(data)}`;
  }
  if (value instanceof Error) throw value;
  return `200 ${serialize(value)}`;
}

/** Every page as every role of the authorization matrix, each call rolled back: `/page as role` → answer. */
async function walk() {
  const answers = new Map<string, string>();
  for (const page of pages()) {
    const { loader } = (await import(resolve('app', page.file))) as Module;
    if (!loader) continue;
    for (const role of allRoles) {
      const request = requestFor(page.url, world.cookies[role]);
      const answer = await rolledBack(() => answerOf(() => loader({ request, params: page.params, context: {} })));
      answers.set(`/${page.label} as ${role}`, answer);
    }
  }
  return answers;
}

async function viewerFor(cookie: string | null) {
  return (await getViewer(requestFor('/', cookie)))!;
}

const unique = () => randomBytes(6).toString('hex');

/** An organization whose name, owner and email appear nowhere until something reveals them. */
async function newOrganization(label: string) {
  const name = `密封检验${label}社 ${unique()}`;
  const user = db
    .insert(s.users)
    .values({
      email: `bidder-${label}-${unique()}@example.test`,
      name: `投标人${label}${unique()}`,
      passwordHash: 'not-a-hash',
      emailVerifiedAt: new Date(),
    })
    .returning()
    .get();
  const organization = db.insert(s.organizations).values({ name, type: 'grassroots' }).returning().get();
  db.insert(s.organizationMembers).values({ organizationId: organization.id, userId: user.id, role: 'owner' }).run();
  const { token, expiresAt } = createSession(user.id);
  const cookie = sessionCookie(token, expiresAt).split(';')[0]!;
  return { id: organization.id, name, user, cookie, viewer: await viewerFor(cookie) };
}
type Bidder = Awaited<ReturnType<typeof newOrganization>>;

const content = (priceFen: number, label: string) => ({
  priceFen,
  plan: `方案${label}：每周三晚在驿站开展团体辅导 ${unique()}`,
  team: `心理咨询师 ${label} 名`,
});
const sha256 = (c: ReturnType<typeof content>) =>
  createHash('sha256')
    .update(JSON.stringify({ priceFen: c.priceFen, plan: c.plan, team: c.team }))
    .digest('hex');
/** A price as a page might print it: fen, yuan, yuan with thousands separators. */
const priceForms = (fen: number) => {
  const yuan = (fen / 100).toFixed(2);
  return [String(fen), yuan, Number(yuan).toLocaleString('en-US', { minimumFractionDigits: 2 })];
};

describe('sealed bids stay sealed until the deadline', () => {
  let tenderId: number;
  const bidders = {} as Record<'a' | 'b' | 'c' | 'd', Bidder>;
  /** Text that must not reach union staff or the platform admin before the deadline. */
  const secrets: string[] = [];
  const receipts: Record<string, string> = {};
  let firstNewNotification: number;
  let before: Map<string, string>;

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    world = await buildWorld();
    const commissioner = await viewerFor(world.cookies.commissionerA);
    // Due within the sessions' idle timeout, so that every role is still signed in after it: the
    // county has no minimum bidding period here (decision 110).
    db.update(s.unions).set({ minBiddingDays: 0 }).where(eq(s.unions.id, world.unionA.id)).run();
    const due = { deadline: hoursFromNow(1), budget: 6_000_000, title: `密封投标检验 ${unique()}` };
    tenderId = createTender(commissioner, tenderInput(due));
    world.params.tenderId = String(tenderId);
    world.params.file = `${tenderId}.json`;
    world.paramsByRoute['tenders/:tenderId/evaluate'] = { tenderId: String(tenderId) };
    for (const label of ['a', 'b', 'c', 'd'] as const) bidders[label] = await newOrganization(label);
    for (const b of Object.values(bidders)) secrets.push(b.name, b.user.name, b.user.email);

    // Organization c asks a question, which is answered: the answer is public, the asker is not.
    const { c } = bidders;
    askQuestion(c.viewer, tenderId, c.id, '服务地点由谁提供？');
    const question = db.select().from(s.tenderQuestions).where(eq(s.tenderQuestions.tenderId, tenderId)).get()!;
    answerQuestion(commissioner, tenderId, question.id, '由工会提供驿站场地。');

    // The pages a bid could add rows to, asked for bids outright, and the mail it will write.
    firstNewNotification = db
      .select({ n: sql<number>`max(id) + 1` })
      .from(s.notifications)
      .get()!.n;
    probes.push(
      {
        label: 'admin/audit?subjectType=bid',
        file: 'routes/audit.tsx',
        url: '/admin/audit?subjectType=bid',
        params: {},
      },
      {
        label: 'unions/:unionId/audit?action=bid',
        file: 'routes/audit.tsx',
        url: `/unions/${world.unionA.id}/audit?action=bid`,
        params: { unionId: String(world.unionA.id) },
      },
      ...Array.from({ length: 8 }, (_, i) => {
        const notificationId = String(firstNewNotification + i);
        return {
          label: `admin/outbox/${notificationId}`,
          file: 'routes/admin.outbox.$notificationId.tsx',
          url: `/admin/outbox/${notificationId}`,
          params: { notificationId },
        };
      }),
    );
    before = await walk();
  }, 120_000);

  afterAll(() => vi.useRealTimers());

  it('before the deadline, bidding changes nothing any role can load', async () => {
    const { a, b, c, d } = bidders;
    const bid = (bidder: Bidder, priceFen: number) => {
      const submitted = content(priceFen, bidder.name);
      secrets.push(submitted.plan, sha256(submitted), ...priceForms(priceFen));
      receipts[bidder.name] = submitBid(bidder.viewer, tenderId, bidder.id, submitted).receipt;
    };
    bid(a, 4_817_327);
    bid(b, 5_123_456);
    bid(b, 5_098_765);
    const draft = content(4_987_654, c.name);
    secrets.push(draft.plan, ...priceForms(draft.priceFen));
    saveBidDraft(c.viewer, tenderId, c.id, draft);
    bid(d, 4_765_432);
    withdrawBid(d.viewer, tenderId, d.id);
    secrets.push(...Object.values(receipts));

    const after = await walk();
    const changed = [...after].filter(([key, answer]) => before.get(key) !== answer).map(([key]) => key);
    expect(changed, 'pages whose answer changed when organizations bid').toEqual([]);
    expect(leaks(before), 'the asker shown before the deadline').toEqual([]);
    expect(leaks(after), 'bidders, receipts or prices shown before the deadline').toEqual([]);
  }, 120_000);

  it('shows the bidder, and only the bidder, its keyed receipt: on its page and in its email', async () => {
    const { a } = bidders;
    const receipt = receipts[a.name]!;
    const own = await rolledBack(() =>
      answerOf(async () => {
        const { loader } = (await import('~/routes/tenders.$tenderId')) as Module;
        return loader!({ request: requestFor(`/tenders/${tenderId}`, a.cookie), params: world.params, context: {} });
      }),
    );
    expect(own).toContain(receipt);
    const mail = db
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.userId, a.user.id))
      .all()
      .find((n) => n.template === 'bid_receipt')!;
    const email = await composeEmail(mail);
    expect(email.text).toContain(receipt);
    expect(email.html).toContain(receipt);
  });

  it('keeps amendments and cancellations sent to the bidders out of the outbox until the deadline', async () => {
    const commissioner = await viewerFor(world.cookies.commissionerA);
    const platform = await viewerFor(world.cookies.platform);
    const tender = db.select().from(s.tenders).where(eq(s.tenders.id, tenderId)).get()!;
    const amendment = await rolledBack(async () => {
      updateTender(
        commissioner,
        tenderId,
        tenderInput({
          title: tender.title,
          budget: 6_000_000,
          sessions: 12,
          deadline: tender.deadlineAt,
          rationale: '服务场次由 10 场调整为 12 场',
          intent: undefined,
        }),
      );
      const amended = db
        .select()
        .from(s.notifications)
        .where(eq(s.notifications.template, 'tender_amended'))
        .all()
        .filter((n) => n.sealedTenderId === tenderId);
      const outbox = await answerOf(async () => {
        const { loader } = (await import('~/routes/admin.outbox')) as Module;
        return loader!({ request: requestFor('/admin/outbox', world.cookies.platform), params: {}, context: {} });
      });
      const previews = await Promise.all(amended.map((n) => answerOf(() => previewOutboxEmail(platform, n.id))));
      const retries = await Promise.all(amended.map((n) => answerOf(() => retryEmail(platform, n.id))));
      return { count: amended.length, outbox, previews, retries };
    });
    // Organizations a, b and d bid (d withdrew), c asked: all four are told.
    expect(amendment.count).toBe(4);
    expect(secrets.filter((secret) => amendment.outbox.includes(secret))).toEqual([]);
    expect(amendment.outbox).not.toContain('tender_amended');
    expect(amendment.previews.map((p) => p.slice(0, 3))).toEqual(['404', '404', '404', '404']);
    expect(amendment.retries.map((p) => p.slice(0, 3))).toEqual(['404', '404', '404', '404']);
  });

  it('after the deadline, shows who bid to the union as before, and still nothing to outsiders', async () => {
    const tender = db.select().from(s.tenders).where(eq(s.tenders.id, tenderId)).get()!;
    vi.setSystemTime(tender.deadlineAt.getTime() + 60_000);
    closeDueTenders();
    const opened = await walk();
    const answer = (path: string, role: Role) => opened.get(`/${path} as ${role}`)!;
    const { a, b, c, d } = bidders;

    // The union's admin and the platform admin read the bids' trail (who, when, never what).
    for (const [path, role] of [
      ['unions/:unionId/audit?action=bid', 'adminA'],
      ['admin/audit?subjectType=bid', 'platform'],
    ] as const) {
      for (const bidder of [a, b, c, d]) expect(answer(path, role), `${path} as ${role}`).toContain(bidder.user.email);
      expect(answer(path, role)).not.toContain(receipts[a.name]);
    }
    expect(answer('unions/:unionId/audit', 'adminA')).toContain(c.user.email);
    // The platform admin sees the receipts in the outbox, and can preview them.
    expect(answer('admin/outbox', 'platform')).toContain(a.user.email);
    const previews = [...opened]
      .filter(([key]) => key.startsWith('/admin/outbox/') && key.endsWith(' as platform'))
      .map(([, text]) => text);
    expect(previews.some((text) => text.includes(receipts[a.name]!))).toBe(true);
    // The panel sees the submitted bids (not the draft, not the withdrawn one).
    const evaluate = answer('tenders/:tenderId/evaluate', 'commissionerA');
    expect(evaluate).toContain(a.name);
    expect(evaluate).toContain(b.name);
    expect(evaluate).not.toContain(c.name);
    expect(evaluate).not.toContain(d.name);
    // The open data counts them.
    expect(answer('api/ocds/tenders/:file', 'anon')).toContain('"numberOfTenderers":2');

    const insiders = new Set<Role>([...unionRoles.map((r) => `${r}A` as Role), 'platform']);
    const outsiders = allRoles.filter((role) => !insiders.has(role));
    const shown = leaks(opened).filter((line) => outsiders.some((role) => line.includes(` as ${role}:`)));
    expect(shown, 'bidders, receipts or prices shown to outsiders after the deadline').toEqual([]);
  }, 120_000);

  it('leaves the audit chain intact', () => {
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
  });

  /** Every answer that contains one of the secrets, as `page as role: secret`. */
  function leaks(answers: Map<string, string>) {
    return [...answers].flatMap(([key, text]) =>
      secrets.filter((secret) => text.includes(secret)).map((secret) => `${key}: ${secret}`),
    );
  }
});
