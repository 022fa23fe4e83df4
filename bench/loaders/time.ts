// Times the main pages' loaders on a database (bench/loaders/make-db.ts builds one): median and
// worst of several runs after a warm-up, in milliseconds. Prints figures only; nothing is asserted.
// Usage: DATABASE_PATH=data/perf.db npx tsx bench/loaders/time.ts
import { createSession } from '~/accounts/session.server';
import { sqlite } from '~/lib/db.server';

process.env.CHECKIN_SECRET ??= 'b'.repeat(64);
process.env.BID_SEALING_SECRET ??= 'a'.repeat(64);
process.env.UNSUBSCRIBE_SECRET ??= 'c'.repeat(64);

const one = <T>(q: string, ...p: unknown[]) => sqlite.prepare(q).get(...p) as T;
const cookie = (email: string) => {
  const { id } = one<{ id: number }>('select id from users where email = ?', email);
  return `session=${encodeURIComponent(createSession(id).token)}`;
};

type Loader = (args: never) => unknown;
async function time(name: string, loader: Loader, url: string, params: Record<string, string>, auth?: string) {
  const call = () =>
    loader({
      request: new Request(`http://localhost${url}`, { headers: auth ? { cookie: auth } : {} }),
      params,
      context: {},
    } as never);
  await call();
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    await call();
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(28)} median ${runs[3]!.toFixed(1).padStart(8)} ms   max ${runs[6]!.toFixed(1).padStart(8)} ms`,
  );
}

const province = one<{ id: number }>("select id from unions where level = 'province' order by id limit 1").id;
const event = one<{ id: number; contractId: number; organizationId: number }>(
  "select id, contract_id as contractId, organization_id as organizationId from events where state = 'accepted' order by id limit 1",
);
const commissioner = one<{ email: string }>(
  "select u.email from users u join staff_roles r on r.user_id = u.id join contracts c on c.union_id = r.union_id where r.role = 'commissioner' and c.id = ?",
  event.contractId,
).email;
const owner = one<{ email: string }>(
  'select u.email from users u join organization_members m on m.user_id = u.id where m.organization_id = ?',
  event.organizationId,
).email;
const offering = one<{ id: number }>("select id from offerings where state = 'published' order by id limit 1").id;
// A tender without bids: the generated bids are sealed with the generator's own key.
const tender = one<{ id: number }>(
  "select id from tenders t where state <> 'draft' and not exists (select 1 from bids b where b.tender_id = t.id) order by id limit 1",
).id;
const leadership = cookie(
  one<{ email: string }>(
    "select u.email from users u join staff_roles r on r.user_id = u.id join unions n on n.id = r.union_id where n.level = 'province' and r.role = 'leadership' order by u.id limit 1",
  ).email,
);

const page = async (module: string) => ((await import(`../../app/routes/${module}.tsx`)) as { loader: Loader }).loader;
console.log(
  `${one<{ n: number }>('select count(*) as n from ratings').n} ratings, ${one<{ n: number }>('select count(*) as n from events').n} events`,
);
await time('province dashboard (year)', await page('reports._index'), `/reports?unionId=${province}`, {}, leadership);
await time(
  'province dashboard (month)',
  await page('reports._index'),
  `/reports?unionId=${province}&granularity=month`,
  {},
  leadership,
);
await time('catalog', await page('catalog._index'), '/catalog', {});
await time(
  'catalog by satisfaction',
  await page('catalog._index'),
  '/catalog?q=%E5%BF%83%E7%90%86%E7%96%8F%E5%AF%BC&sort=satisfaction',
  {},
);
await time('offering', await page('catalog.$offeringId'), `/catalog/${offering}`, { offeringId: String(offering) });
await time('tender list', await page('tenders._index'), '/tenders', {});
await time('tender', await page('tenders.$tenderId'), `/tenders/${tender}`, { tenderId: String(tender) });
await time('organization', await page('orgs.$orgId'), `/orgs/${event.organizationId}`, {
  orgId: String(event.organizationId),
});
await time(
  'contract',
  await page('contracts.$contractId'),
  `/contracts/${event.contractId}`,
  { contractId: String(event.contractId) },
  cookie(commissioner),
);
await time(
  'event',
  await page('events.$eventId'),
  `/events/${event.id}`,
  { eventId: String(event.id) },
  cookie(commissioner),
);
await time('me (organization owner)', await page('me'), '/me', {}, cookie(owner));
await time('check-in page', await page('c.$eventId'), `/c/${event.id}`, { eventId: String(event.id) });
