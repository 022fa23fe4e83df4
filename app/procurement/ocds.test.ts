import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '../../db/demo-data';
import { contracts, milestones, organizations, payments, tenders, users } from '../../db/schema';
import { proposeAward } from './award.server';
import { openBids, submitBid } from './bids.server';
import { completeContract, confirmContract } from './contracts.server';
import { declareConflicts, scoreBid } from './evaluation.server';
import { createTender, requireTender } from './tenders.server';
import { publishedTenders, releasePackage, releasesPerPage } from './ocds.server';
import { viewerFor } from '../../tests/fixtures/accounts';
import {
  advanceHours,
  hoursFromNow,
  organizationOf,
  resetClock,
  seedCounty,
  tenderInput,
} from '../../tests/fixtures/procurement';
import { runClock } from '~/jobs/ticks.server';
import { db } from '~/lib/db.server';
import { loader as releasesLoader } from '~/routes/api.ocds.releases';
import { loader as tenderLoader } from '~/routes/api.ocds.tenders.$file';

const schemaDir = resolve('tests/support/ocds-1.1');
const readSchema = (name: string) => JSON.parse(readFileSync(resolve(schemaDir, name), 'utf8'));

/** OCDS 1.1 is JSON Schema draft 4; the package refers to the release schema by its id. */
function packageValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s));
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addSchema(readSchema('release-schema.json'));
  return ajv.compile(readSchema('release-package-schema.json'));
}
const validate = packageValidator();

/** JSON Merge Patch (RFC 7386), as OCDS applies an extension's release-schema.json to the release schema. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete (base as Record<string, unknown>)[key];
    else (base as Record<string, unknown>)[key] = mergePatch((base as Record<string, unknown>)[key], value);
  }
  return base;
}

/** The package validated against the release schema with the repository's red-flags extension applied. */
function extendedValidator() {
  const extension = resolve('public/ocds-extension-red-flags');
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s));
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  const patch = JSON.parse(readFileSync(resolve(extension, 'release-schema.json'), 'utf8'));
  ajv.addSchema(mergePatch(readSchema('release-schema.json'), patch) as object);
  return ajv.compile(readSchema('release-package-schema.json'));
}

async function get(loader: (args: never) => Promise<Response>, path: string, params: Record<string, string> = {}) {
  const response = await loader({ request: new Request(`http://localhost${path}`), params, context: {} } as never);
  expect(response.status).toBe(200);
  return { text: await response.clone().text(), json: (await response.json()) as Record<string, unknown> };
}

function expectValid(json: unknown) {
  const valid = validate(json);
  expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
  expect(valid).toBe(true);
}

const secretPlan = `密封方案 ${Math.random().toString(36).slice(2)}`;
let contracted: number;
let proposed: number;
let open: number;

beforeAll(async () => {
  await seedCounty();
  const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  const legal = await viewerFor('legal@demo.gonghui.cn');
  const legalOrg = organizationOf('legal@demo.gonghui.cn');
  const run = (objectionDays: number, price: number) => {
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2), objectionDays }));
    submitBid(legal, id, legalOrg.id, { priceFen: price, plan: secretPlan, team: '' });
    return id;
  };
  contracted = run(0, 3_210_000);
  proposed = run(5, 3_330_000);
  advanceHours(3);
  runClock();
  open = run(3, 3_450_000);
  for (const id of [contracted, proposed]) {
    declareConflicts(commissioner, id, []);
    const bid = openBids(commissioner, requireTender(id))[0]!;
    scoreBid(commissioner, id, {
      bidId: bid.id,
      plan: 80,
      team: 80,
      track_record: 80,
      plan_comment: '',
      team_comment: '',
      track_record_comment: '',
    });
    const contractId = proposeAward(commissioner, id, bid.id);
    if (!contractId) continue;
    confirmContract(legal, contractId);
    const signing = db.select().from(milestones).where(eq(milestones.contractId, contractId)).get()!;
    db.update(milestones).set({ state: 'paid' }).where(eq(milestones.id, signing.id)).run();
    db.insert(payments)
      .values({
        milestoneId: signing.id,
        method: 'bank_transfer',
        amountFen: signing.amountFen,
        paidOn: '2026-06-01',
        reference: 'HX-0001',
      })
      .run();
  }
});
// The clock stays after the deadlines for the whole file, as it would in life.
afterAll(resetClock);

describe('/api/ocds/releases.json', () => {
  it('is a valid OCDS 1.1 release package of every published tender, including awards and contracts', async () => {
    const { json } = await get(releasesLoader as never, '/api/ocds/releases.json');
    expectValid(json);
    const releases = json.releases as { ocid: string; tag: string[] }[];
    const published = db
      .select()
      .from(tenders)
      .all()
      .filter((t) => t.state !== 'draft');
    expect(releases).toHaveLength(published.length);
    expect(releases.some((r) => r.tag.includes('contract') && r.tag.includes('implementation'))).toBe(true);
    expect(releases.some((r) => r.tag.includes('tenderCancellation'))).toBe(true);
  });

  it('comes a page at a time: after a tender, and naming the next page while there is one', async () => {
    const published = publishedTenders({ limit: 1000 }).tenders.map((t) => t.id);
    expect(published.length).toBeGreaterThan(3);
    const seen: number[] = [];
    let after = 0;
    for (let page = publishedTenders({ after, limit: 2 }); ; page = publishedTenders({ after, limit: 2 })) {
      expect(page.tenders.length).toBeLessThanOrEqual(2);
      seen.push(...page.tenders.map((t) => t.id));
      if (!page.more) break;
      after = page.tenders.at(-1)!.id;
    }
    expect(seen).toEqual(published);
    expect(published.length).toBeLessThan(releasesPerPage);

    const { json } = await get(releasesLoader as never, `/api/ocds/releases.json?after=${published[1]}`);
    expectValid(json);
    expect((json.releases as { ocid: string }[]).map((r) => Number(r.ocid.split('-').at(-1)))).toEqual(
      published.slice(2),
    );
    expect(json.links).toBeUndefined();
    expect(releasePackage([], 'https://example.cn/p', 'x', 'https://example.cn/p?after=9')).toMatchObject({
      links: { next: 'https://example.cn/p?after=9' },
    });
    await expect(get(releasesLoader as never, '/api/ocds/releases.json?after=x')).rejects.toMatchObject({
      status: 400,
    });
  });

  it('never contains bid plans or personal data', async () => {
    const { text } = await get(releasesLoader as never, '/api/ocds/releases.json');
    expect(text).not.toContain(secretPlan);
    for (const t of demo.tenders) for (const b of t.bids) expect(text).not.toContain(b.plan.slice(0, 12));
    for (const user of db.select().from(users).all()) {
      expect(text).not.toContain(user.email);
    }
    for (const org of db.select().from(organizations).all()) {
      if (org.contactPhone) expect(text).not.toContain(org.contactPhone);
      if (org.contactName) expect(text).not.toContain(`"${org.contactName}"`);
    }
    expect(text).not.toContain('HX-0001');
  });
});

describe('the red-flags extension', () => {
  it('publishes an awarded tender’s flags, and the package validates with the extension applied', async () => {
    const { json } = await get(tenderLoader as never, `/api/ocds/tenders/${contracted}.json`, {
      file: `${contracted}.json`,
    });
    expectValid(json);
    const extended = extendedValidator();
    expect(extended(json), JSON.stringify(extended.errors?.slice(0, 5))).toBe(true);
    expect(json.extensions).toEqual(['http://localhost/ocds-extension-red-flags/extension.json']);
    const [release] = json.releases as { redFlags?: { indicator: string; description: string }[] }[];
    expect(release!.redFlags!.map((f) => f.indicator)).toContain('single_bid');
    expect(release!.redFlags![0]!.description).toContain('有效投标');
    const extensionFile = JSON.parse(readFileSync(resolve('public/ocds-extension-red-flags/extension.json'), 'utf8'));
    expect(extensionFile.schemas).toEqual(['release-schema.json']);
  });

  it('publishes no flags before the award', async () => {
    const bidding = await get(tenderLoader as never, `/api/ocds/tenders/${open}.json`, { file: `${open}.json` });
    expect(bidding.text).not.toContain('redFlags');
  });

  it('rejects a flag the extension does not describe', () => {
    const extended = extendedValidator();
    const release = {
      ocid: 'ocds-x-1',
      id: '1',
      date: '2026-01-01T00:00:00Z',
      tag: ['award'],
      initiationType: 'tender',
    };
    const bad = { redFlags: [{ id: 'r', indicator: 'made_up', description: 'x' }] };
    const pkg = (extra: object) => ({
      uri: 'http://localhost/p',
      version: '1.1',
      publishedDate: '2026-01-01T00:00:00Z',
      publisher: { name: 'x' },
      releases: [{ ...release, ...extra }],
    });
    expect(extended(pkg({}))).toBe(true);
    expect(extended(pkg(bad))).toBe(false);
  });
});

describe('/api/ocds/tenders/:id.json', () => {
  it('describes a contracted tender with award, contract, milestones, transactions and parties', async () => {
    const { json } = await get(tenderLoader as never, `/api/ocds/tenders/${contracted}.json`, {
      file: `${contracted}.json`,
    });
    expectValid(json);
    const [release] = json.releases as Record<string, unknown>[];
    const r = release as unknown as {
      ocid: string;
      parties: { id: string; roles: string[] }[];
      awards: { status: string; value: { amount: number } }[];
      contracts: {
        status: string;
        implementation: { transactions: unknown[]; milestones: { type: string; description?: string }[] };
      }[];
    };
    expect(r.ocid).toBe(`ocds-gonghui-${contracted}`);
    expect(r.awards[0]).toMatchObject({ status: 'active', value: { amount: 32_100, currency: 'CNY' } });
    expect(r.contracts[0]!.status).toBe('active');
    expect(r.contracts[0]!.implementation.transactions).toHaveLength(1);
    expect(r.contracts[0]!.implementation.milestones.map((m) => m.type)).toContain('payment');
    // The delivery milestone says which attendance standard its figures rest on.
    const delivery = r.contracts[0]!.implementation.milestones.find((m) => m.type === 'delivery')!;
    expect(delivery.description).toContain('按短信验证签到计');
    const roles = Object.fromEntries(r.parties.map((p) => [p.id, p.roles]));
    expect(roles[`union-${requireTender(contracted).unionId}`]).toEqual(['buyer', 'procuringEntity', 'payer']);
    expect(roles[`org-${organizationOf('legal@demo.gonghui.cn').id}`]).toEqual(['tenderer', 'supplier', 'payee']);
    expect(db.select().from(contracts).where(eq(contracts.tenderId, contracted)).get()!.state).toBe('active');
  });

  it('shows a proposed award as pending, and an open tender without any bid content', async () => {
    const pending = await get(tenderLoader as never, `/api/ocds/tenders/${proposed}.json`, {
      file: `${proposed}.json`,
    });
    expectValid(pending.json);
    expect(pending.text).toContain('"status":"pending"');
    const bidding = await get(tenderLoader as never, `/api/ocds/tenders/${open}.json`, { file: `${open}.json` });
    expectValid(bidding.json);
    expect(bidding.text).not.toContain('34500');
    expect(bidding.text).not.toContain('"awards"');
    expect(bidding.text).not.toContain('"tenderers"');
    expect(bidding.text).not.toContain('numberOfTenderers');
  });

  it('does not publish drafts or unknown paths', async () => {
    const draft = db.select().from(tenders).where(eq(tenders.state, 'draft')).get()!;
    const call = (file: string) =>
      (tenderLoader as (a: never) => Promise<Response>)({
        request: new Request(`http://localhost/api/ocds/tenders/${file}`),
        params: { file },
        context: {},
      } as never).catch((e: Response) => e);
    expect((await call(`${draft.id}.json`)).status).toBe(404);
    expect((await call('abc.json')).status).toBe(404);
  });

  it('publishes a completed contract as closed, dated by its completion', async () => {
    const contract = db.select().from(contracts).where(eq(contracts.tenderId, contracted)).get()!;
    advanceHours(2);
    completeContract(await viewerFor('commissioner@demo.gonghui.cn'), contract.id, '按实际完成结项');
    const completedAt = db.select().from(contracts).where(eq(contracts.id, contract.id)).get()!.completedAt!;
    const { json } = await get(tenderLoader as never, `/api/ocds/tenders/${contracted}.json`, {
      file: `${contracted}.json`,
    });
    expectValid(json);
    const [release] = json.releases as { date: string; contracts: { status: string }[] }[];
    expect(release!.contracts[0]!.status).toBe('terminated');
    expect(release!.date).toBe(completedAt.toISOString());
  });
});
