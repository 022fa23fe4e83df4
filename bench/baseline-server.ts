/**
 * The benchmark's baseline: a bare node:http server answering each scenario's main query straight
 * through better-sqlite3, JSON out; no framework, no rendering, no sessions. The app's figures are
 * read as a ratio to these, measured in the same run on the same database.
 * Run: DATABASE_PATH=… PORT=… tsx bench/baseline-server.ts
 */
import Database from 'better-sqlite3';
import { createHmac, timingSafeEqual } from 'node:crypto';
import cluster from 'node:cluster';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import { parseCatalogQuery } from '../app/catalog/query';
import { catalogAreas, searchCatalog } from '../app/catalog/search.server';
import { subtreeBases } from '../app/delivery/figures.server';
import { shanghaiYear } from '../app/lib/time';
import {
  activityByCategory,
  activityByMonth,
  activityByUnion,
  contractsByState,
  incubation,
  organizationActivity,
  yearSpan,
} from '../app/reports/leadership-figures.server';
import { listedOrganizations } from '../app/reports/tables';

const sqlite = new Database(process.env.DATABASE_PATH!);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = NORMAL');
sqlite.pragma('busy_timeout = 5000');

// The tender list's query (app/procurement/tenders.server.ts listTenders).
const tenderList = sqlite.prepare(`
  select t.id, t.title, t.category, t.budget_fen, t.sessions, t.deadline_at, t.state, u.name as union_name
  from tenders t join unions u on u.id = t.union_id where t.state <> 'draft' order by t.deadline_at desc limit 50`);

// The dashboard's queries (app/reports/dashboard.server.ts buildReport, month granularity): the app's
// functions over the union and the unions below it; scope.server's lookup of the children written
// out here because that module also holds the viewer's authorization.
const children = sqlite.prepare(`select id, name from unions where parent_id = ? order by id`);
function dashboard(unionId: number, year: number) {
  const scope = { unionId, year };
  const { from, to } = yearSpan(year);
  return {
    basis: subtreeBases(unionId).whole,
    months: activityByMonth(scope, from, to),
    incubation: incubation(scope),
    contracts: contractsByState(scope),
    categories: activityByCategory(scope),
    unions: activityByUnion(
      scope,
      (children.all(unionId) as { id: number }[]).map((c) => c.id),
    ),
    organizations: organizationActivity(scope, listedOrganizations),
  };
}

// The check-in page and the rating submission (app/delivery/checkin.server.ts).
const eventById = sqlite.prepare(`select * from events where id = ?`);
const checkinOf = sqlite.prepare(`select * from checkins where event_id = ? and worker_id = ?`);
const ratingOf = sqlite.prepare(`select id from ratings where checkin_id = ?`);
const insertRating = sqlite.prepare(
  `insert into ratings (checkin_id, event_id, score, comment, tags, created_at) values (?, ?, ?, ?, '[]', ?) returning id`,
);
const insertAudit = sqlite.prepare(
  `insert into audit_log (actor_id, action, subject_type, subject_id, created_at) values (null, 'rating.create', 'rating', ?, ?)`,
);
const rate = sqlite.transaction((checkinId: number, eventId: number, score: number, comment: string) => {
  const id = (insertRating.get(checkinId, eventId, score, comment, Date.now()) as { id: number }).id;
  insertAudit.run(id, Date.now());
});

// The worker credential's key, derived from CHECKIN_SECRET as app/delivery/keys.server.ts does.
const credentialKey = createHmac('sha256', Buffer.from(process.env.CHECKIN_SECRET ?? '', 'hex'))
  .update('delivery:worker-credential')
  .digest();

/** The worker id of a verifying `worker` cookie (app/delivery/workers.server.ts), else 0. */
function worker(request: IncomingMessage) {
  const match = /(?:^|;\s*)worker=(\d+)\.(\d+)\.([A-Za-z0-9_-]{43})/.exec(request.headers.cookie ?? '');
  if (!match) return 0;
  const mac = createHmac('sha256', credentialKey).update(`${match[1]}.${match[2]}`).digest('base64url');
  return timingSafeEqual(Buffer.from(mac), Buffer.from(match[3]!)) ? Number(match[1]) : 0;
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage) {
  return new Promise<string>((resolve) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
  });
}

async function handle(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const checkinPath = /^\/c\/(\d+)(\/rate)?$/.exec(url.pathname);
  if (url.pathname === '/catalog') {
    // The catalog page's queries are the app's own (plain drizzle over the same file): the ratio
    // measures the framework, not a different query.
    const { query } = parseCatalogQuery(url.searchParams);
    return json(response, 200, { areas: catalogAreas(), ...searchCatalog(query) });
  }
  if (url.pathname === '/tenders') return json(response, 200, tenderList.all());
  if (url.pathname === '/reports')
    return json(response, 200, dashboard(Number(url.searchParams.get('union') ?? 1), shanghaiYear(Date.now())));
  if (checkinPath && request.method === 'GET') {
    const event = eventById.get(Number(checkinPath[1]));
    if (!event) return json(response, 404, {});
    return json(response, 200, { event, checkin: checkinOf.get(Number(checkinPath[1]), worker(request)) ?? null });
  }
  if (checkinPath?.[2] && request.method === 'POST') {
    const eventId = Number(checkinPath[1]);
    const form = new URLSearchParams(await readBody(request));
    const score = Number(form.get('score'));
    if (!(score >= 1 && score <= 5) || !eventById.get(eventId)) return json(response, 400, {});
    const checkin = checkinOf.get(eventId, worker(request)) as { id: number } | undefined;
    if (!checkin) return json(response, 403, { failure: 'errors.checkInFirst' });
    if (ratingOf.get(checkin.id)) return json(response, 409, { failure: 'errors.alreadyRated' });
    rate(checkin.id, eventId, score, form.get('comment') ?? '');
    response.writeHead(302, { location: `/c/${eventId}/rate?thanks` });
    return response.end();
  }
  json(response, 404, {});
}

// A process per core, as server.mjs runs the app (WEB_CONCURRENCY), so the ratio compares like with like.
const processes = Number(process.env.WEB_CONCURRENCY || availableParallelism());
if (cluster.isPrimary && processes > 1) {
  for (let i = 0; i < processes; i++) cluster.fork();
} else {
  createServer((request, response) => {
    handle(request, response).catch((error: unknown) => json(response, 500, { error: String(error) }));
  }).listen(Number(process.env.PORT ?? 3601));
}
