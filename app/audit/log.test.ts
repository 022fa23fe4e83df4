// The audit log page's loader, asked as each kind of reader would ask it: a union's admins see that
// union's rows only, filtered and paged newest first; platform admins see every union's and their own.
import { beforeAll, describe, expect, it } from 'vitest';
import { changesOf } from './log.server';
import { eq } from 'drizzle-orm';
import { bids, tenders } from '../../db/schema';
import { audit } from '~/lib/audit.server';
import { db, transaction } from '~/lib/db.server';
import { createTender, requireTender } from '~/procurement/tenders.server';
import { loader } from '~/routes/audit';
import { addUser, signedInRequest, viewerFor } from '../../tests/fixtures/accounts';
import { grantRole, makeUnion } from '../../tests/fixtures/payments';
import { seedCounty, tenderInput } from '../../tests/fixtures/procurement';

let unionA: number;
let unionB: number;
let tenderA: number;
let adminA: number;
let adminB: number;
let platformId: number;

beforeAll(async () => {
  await seedCounty();
  const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  adminA = (await viewerFor('admin@demo.gonghui.cn')).id;
  platformId = (await viewerFor('platform@demo.gonghui.cn')).id;
  tenderA = createTender(commissioner, tenderInput());
  unionA = requireTender(tenderA).unionId;
  unionB = makeUnion().unionId;
  adminB = addUser('admin-b');
  grantRole(unionB, adminB, 'admin');
  transaction((tx) => {
    for (let i = 0; i < 60; i++)
      audit(tx, {
        actorId: adminB,
        action: 'test.bulk',
        subjectType: 'union',
        subjectId: unionB,
        after: { n: i },
      });
    audit(tx, { actorId: platformId, action: 'platform.thing', subjectType: 'user', subjectId: platformId });
  });
});

async function load(userId: number, path: string) {
  const request = signedInRequest(userId, path);
  const unionId = path.match(/^\/unions\/(\d+)/)?.[1];
  try {
    return await loader({ request, params: unionId ? { unionId } : {}, context: {} } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function rows(userId: number, path: string) {
  const result = await load(userId, path);
  if (result instanceof Response) throw new Error(`status ${result.status}`);
  return result;
}

describe('the audit log page', () => {
  it("shows a union's admins its rows, newest first, with before and after", async () => {
    const page = await rows(adminA, `/unions/${unionA}/audit`);
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.unionId === unionA)).toBe(true);
    expect(page.rows.map((r) => r.id)).toEqual([...page.rows.map((r) => r.id)].sort((a, b) => b - a));
    const publish = page.rows.find((r) => r.action === 'tender.publish' && r.subjectId === tenderA)!;
    expect(publish.changes).toEqual([{ field: 'state', before: 'draft', after: 'published' }]);
  });

  it("keeps union B's admins out of union A's rows, and union A's rows out of theirs", async () => {
    expect(await load(adminB, `/unions/${unionA}/audit`)).toMatchObject({ status: 403 });
    expect(await load(adminB, '/admin/audit')).toMatchObject({ status: 403 });
    const own = await rows(adminB, `/unions/${unionB}/audit`);
    expect(own.rows.length).toBe(50);
    expect(own.rows.every((r) => r.unionId === unionB)).toBe(true);
    const ofA = await rows(adminB, `/unions/${unionB}/audit?subjectType=tender&subjectId=${tenderA}`);
    expect(ofA.rows).toEqual([]);
  });

  it('filters by action, subject, actor and dates, and pages through older rows', async () => {
    const byAction = await rows(adminA, `/unions/${unionA}/audit?action=tender.pub`);
    expect(new Set(byAction.rows.map((r) => r.action))).toEqual(new Set(['tender.publish']));
    const bySubject = await rows(adminA, `/unions/${unionA}/audit?subjectType=tender&subjectId=${tenderA}`);
    expect(bySubject.rows.map((r) => r.action)).toEqual(['tender.publish', 'tender.create']);
    const byActor = await rows(adminA, `/unions/${unionA}/audit?actor=commissioner@demo`);
    expect(byActor.rows.length).toBeGreaterThan(0);
    expect((await rows(adminA, `/unions/${unionA}/audit?actor=nobody-at-all`)).rows).toEqual([]);
    expect((await rows(adminA, `/unions/${unionA}/audit?to=2000-01-01`)).rows).toEqual([]);
    expect((await rows(adminA, `/unions/${unionA}/audit?from=2000-01-01&subjectId=${tenderA}`)).rows.length).toBe(2);
    expect((await rows(adminA, `/unions/${unionA}/audit?from=not-a-date`)).rows.length).toBeGreaterThan(0);

    const first = await rows(adminB, `/unions/${unionB}/audit?action=test.bulk`);
    expect(first.olderBefore).toBe(first.rows.at(-1)!.id);
    const second = await rows(adminB, `/unions/${unionB}/audit?action=test.bulk&before=${first.olderBefore}`);
    expect(second.rows.map((r) => r.after)).toEqual(Array.from({ length: 10 }, (_, i) => ({ n: 9 - i })));
    expect(second.olderBefore).toBeNull();
  });

  it('shows platform admins every union and the platform rows', async () => {
    const all = await rows(platformId, '/admin/audit?actor=');
    expect(all.allUnions).toBe(true);
    expect(all.rows.some((r) => r.unionId === null && r.action === 'platform.thing')).toBe(true);
    expect((await rows(platformId, `/admin/audit?subjectType=tender&subjectId=${tenderA}`)).rows).toHaveLength(2);
    expect((await rows(platformId, `/unions/${unionA}/audit`)).rows.every((r) => r.unionId === unionA)).toBe(true);
  });

  it('never shows the unkeyed digest of bid content that rows from before decision 093 carry', async () => {
    const contracted = db.select().from(tenders).where(eq(tenders.state, 'contracted')).get()!;
    const bid = db.select().from(bids).where(eq(bids.tenderId, contracted.id)).get()!;
    const digest = 'f'.repeat(64);
    transaction((tx) =>
      audit(tx, {
        actorId: adminA,
        action: 'bid.submit',
        subjectType: 'bid',
        subjectId: bid.id,
        data: { contentHash: digest },
        after: { state: 'submitted' },
      }),
    );
    const page = await rows(adminA, `/unions/${unionA}/audit?subjectType=bid&subjectId=${bid.id}`);
    expect(page.rows.map((r) => r.action)).toEqual(['bid.submit']);
    expect(JSON.stringify(page)).not.toContain(digest);
  });

  it('turns before and after into field-by-field changes', () => {
    expect(changesOf({ state: 'a', n: 1 }, { state: 'b', extra: null })).toEqual([
      { field: 'state', before: 'a', after: 'b' },
      { field: 'n', before: '1', after: null },
      { field: 'extra', before: null, after: '—' },
    ]);
  });
});
