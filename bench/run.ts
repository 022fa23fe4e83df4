/**
 * `npm run bench [-- --counties N --years Y --duration S --connections C --no-extras]`: the performance
 * harness. Builds the production server, generates (or reuses) a national-scale database, starts the
 * app, a bare node:http baseline on it and the framework's floor (bench/floor: a minimal React Router
 * page served the same way, alone and beside the product's route table), drives them with autocannon through each scenario, and prints
 * requests/s, p50/p99 latency and errors with the ratios to the baseline and to the floor, the
 * app's start-up time and resident memory, the compressed JavaScript of each page and the machine;
 * writes the same to bench-results.json.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, execSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { generatedDatabase, workingCopy } from './data';
import { checkinCode, prepareFixtures, type Device } from './fixtures';
import { ensureBuild } from '../scripts/ensure.mjs';
import { pageJavaScript } from '../scripts/page-js.mjs';

const { values: args } = parseArgs({
  options: {
    counties: { type: 'string', default: '300' },
    years: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'no-extras': { type: 'boolean', default: false },
  },
});
const counties = Number(args.counties);
const years = Number(args.years);
const duration = Number(args.duration);
const connections = Number(args.connections);
const appPort = Number(process.env.BENCH_PORT ?? 3600);
const baselinePort = appPort + 1;
const floorPort = appPort + 2;
const routesFloorPort = appPort + 3;
/** Dashboards are driven with fewer connections: a leadership page, not a crowd's. */
const dashboardConnections = 10;

/** The targets the app must meet on 2 cores with 300 counties and 50 connections (dashboards 10). */
const budgets: Record<string, { minRps?: number; maxP99?: number }> = {
  catalog: { minRps: 800, maxP99: 100 },
  catalogUnkept: {},
  tenders: { minRps: 800, maxP99: 100 },
  dashboard: { maxP99: 150 },
  countyDashboard: { maxP99: 50 },
  checkin: { minRps: 1500, maxP99: 50 },
  rating: { minRps: 1500, maxP99: 50 },
};
const memoryBudgetMiB = 300;
const startupBudgetMs = 5000;
const jsBudgetBytes = 150 * 1024;
const catalogQueries = [
  '心理健康',
  '应急救护',
  '法律援助',
  '技能培训',
  '婚恋交友',
  '劳动争议',
  '文体活动',
  '困难职工',
  '安阳县',
  '职工心理',
];

type Result = {
  name: string;
  label: string;
  connections: number;
  singleRequestMs: number;
  app: Figures | null;
  baseline: Figures | null;
  ratio: number | null;
  floorRatio: number | null;
  routesFloorRatio: number | null;
  budget: { minRps?: number; maxP99?: number };
  met: boolean | null;
};

type Figures = { rps: number; p50: number; p99: number; ok: number; failed: number; timeouts: number };

function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    freeRamGiB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

function startServer(name: string, command: string, argv: string[], env: Record<string, string>) {
  const child = spawn(command, argv, {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.on('exit', (code) => {
    if (code && code !== 143) console.error(`${name} exited with ${code}:\n${stderr}`);
  });
  return child;
}

/** SIGKILL: a server busy in a synchronous query would only run its SIGTERM handler afterwards. */
function stop(child: ChildProcess) {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Waits until the server has finished what the last run left in flight (a slow page keeps it busy). */
async function settle(port: number, path: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(300_000) });
  await response.arrayBuffer();
}

/** Waits for the first answer from `port`; returns the milliseconds since `since`. */
async function waitUntilUp(port: number, path: string, since = performance.now()) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      await response.arrayBuffer();
      if (response.status < 500) return Math.round(performance.now() - since);
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Nothing answered on port ${port}`);
}

/** Resident memory (MiB) of a process and each of its children (a cluster's workers), from /proc. */
function residentMemory(pid: number) {
  const rss = (id: number) => {
    const line = readFileSync(`/proc/${id}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Math.round(Number(line[1]) / 1024) : 0;
  };
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
  return { primary: rss(pid), workers: children.map(rss) };
}

type Request = { method?: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

/** Drives `port` for the scenario's duration, each request from `next()`. */
async function drive(port: number, next: () => Request, connectionCount = connections): Promise<Figures> {
  const first = next();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: connectionCount,
    duration,
    timeout: 30,
    requests: [
      {
        ...first,
        setupRequest: (request) => {
          const r = next();
          return {
            ...request,
            method: r.method ?? 'GET',
            path: r.path,
            headers: { ...request.headers, ...r.headers },
            body: r.body,
          };
        },
      },
    ],
  });
  const failed = result['4xx'] + result['5xx'] + result.errors;
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'] + result['3xx'],
    failed,
    timeouts: result.timeouts,
  };
}

function cycle<T>(items: T[]) {
  let i = 0;
  return () => items[i++ % items.length]!;
}

function ratingRequests(devices: Device[]) {
  let i = 0;
  return (): Request => {
    const device = devices[i++];
    if (!device) return { method: 'POST', path: '/c/0/rate' }; // minted too few: shows as errors
    return {
      method: 'POST',
      path: `/c/${device.eventId}/rate`,
      headers: { cookie: device.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `score=${1 + (i % 5)}&comment=`,
    };
  };
}

/** A single request's time, to see whether the page can be driven with 50 connections at all. */
async function probe(port: number, request: Request) {
  const started = performance.now();
  try {
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
      headers: request.headers,
      signal: AbortSignal.timeout(probeTimeoutMs),
    });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  } catch {
    return { ms: performance.now() - started, status: 0 };
  }
}

/** Longer than this alone, a page is not driven under load (the server would stay busy with it). */
const probeTimeoutMs = 60_000;

const format = (n: number) => n.toLocaleString('en');

async function main() {
  const started = new Date();
  const host = machine();
  console.log(
    `Machine: ${host.cpu}, ${host.cores} cores, ${host.ramGiB} GiB RAM, Node ${host.node}, load ${host.loadAverageAtStart.join(' ')}`,
  );
  ensureBuild();
  spawnSync('npx', ['react-router', 'build', 'bench/floor'], { stdio: 'ignore' });
  spawnSync('npx', ['react-router', 'build', 'bench/floor'], {
    stdio: 'ignore',
    env: { ...process.env, FLOOR_ROUTES: 'app' },
  });
  const data = await generatedDatabase(counties, years);
  const steady = spawnSync(process.execPath, ['--import', 'tsx', 'bench/steady.ts'], {
    env: { ...process.env, DATABASE_PATH: data.path },
    stdio: 'inherit',
  });
  if (steady.status !== 0) throw new Error('bench/steady.ts failed');
  const database = workingCopy(data.path);
  const secrets = {
    CHECKIN_SECRET: randomBytes(32).toString('hex'),
    BID_SEALING_SECRET: randomBytes(32).toString('hex'),
    UNSUBSCRIBE_SECRET: randomBytes(32).toString('hex'),
  };
  const fixtures = prepareFixtures(database, {
    events: 10,
    devicesPerServer: 40_000,
    checkinSecret: secrets.CHECKIN_SECRET,
  });
  const env = { ...secrets, DATABASE_PATH: database, NODE_ENV: 'production', RATE_LIMITS: 'off' };
  const serverCommand = existsSync('server.mjs')
    ? { command: process.execPath, argv: ['server.mjs'], name: 'node server.mjs' }
    : {
        command: process.execPath,
        argv: ['node_modules/.bin/react-router-serve', 'build/server/index.js'],
        name: 'react-router-serve',
      };
  const appStarted = performance.now();
  const app = startServer('app', serverCommand.command, serverCommand.argv, { ...env, PORT: String(appPort) });
  const baseline = startServer('baseline', process.execPath, ['--import', 'tsx', 'bench/baseline-server.ts'], {
    ...env,
    PORT: String(baselinePort),
  });
  const floor = startServer('floor', process.execPath, ['bench/floor/server.mjs'], { PORT: String(floorPort) });
  const routesFloor = startServer('floor with the routes', process.execPath, ['bench/floor/server.mjs'], {
    PORT: String(routesFloorPort),
    FLOOR_ROUTES: 'app',
  });
  const servers = [app, baseline, floor, routesFloor];
  const cleanUp = () => servers.forEach(stop);
  process.on('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });

  try {
    const [startupMs] = await Promise.all([
      waitUntilUp(appPort, '/tenders', appStarted),
      waitUntilUp(baselinePort, '/tenders'),
      waitUntilUp(floorPort, '/'),
      waitUntilUp(routesFloorPort, '/'),
    ]);
    console.log(
      `App (${serverCommand.name}) on :${appPort} answered its first request ${format(startupMs)} ms after it was started; baseline on :${baselinePort}, floor on :${floorPort}; ${duration} s per run, ${connections} connections.\n`,
    );
    const dashboardPath = `/reports?union=${fixtures.provinceUnionId}`;
    const countyDashboardPath = `/reports?union=${fixtures.countyUnionId}`;
    const idlePath = `/c/${fixtures.events[0]!.id}/rate`;
    const checkinPaths = () => fixtures.events.map((e) => `/c/${e.id}?k=${checkinCode(e)}`);
    const scenarios: { name: string; label: string; app: () => () => Request; baseline: () => () => Request }[] = [
      {
        name: 'catalog',
        label: 'catalog search /catalog?q=',
        app: () => cycle(catalogQueries.map((q) => ({ path: `/catalog?q=${encodeURIComponent(q)}` }))),
        baseline: () => cycle(catalogQueries.map((q) => ({ path: `/catalog?q=${encodeURIComponent(q)}` }))),
      },
      {
        // The same queries at addresses never asked before: the page rendered for every request, as
        // for a long tail of queries that no kept copy serves (docs/decisions/114).
        name: 'catalogUnkept',
        label: 'catalog, every address new',
        app: () => {
          let n = 0;
          return () => ({
            path: `/catalog?q=${encodeURIComponent(catalogQueries[n % catalogQueries.length]!)}&n=${n++}`,
          });
        },
        baseline: () => cycle(catalogQueries.map((q) => ({ path: `/catalog?q=${encodeURIComponent(q)}` }))),
      },
      {
        name: 'tenders',
        label: 'tender list /tenders',
        app: () => cycle([{ path: '/tenders' }]),
        baseline: () => cycle([{ path: '/tenders' }]),
      },
      {
        name: 'checkin',
        label: 'check-in page GET /c/:id',
        app: () => cycle(checkinPaths().map((path) => ({ path }))),
        baseline: () => cycle(checkinPaths().map((path) => ({ path }))),
      },
      {
        name: 'rating',
        label: 'rating POST /c/:id/rate',
        app: () => ratingRequests(fixtures.appDevices),
        baseline: () => ratingRequests(fixtures.baselineDevices),
      },
      {
        name: 'dashboard',
        label: 'province dashboard /reports',
        app: () => cycle([{ path: dashboardPath, headers: { cookie: fixtures.sessionCookie } }]),
        baseline: () => cycle([{ path: dashboardPath }]),
      },
      {
        name: 'countyDashboard',
        label: 'county dashboard /reports',
        app: () => cycle([{ path: countyDashboardPath, headers: { cookie: fixtures.sessionCookie } }]),
        baseline: () => cycle([{ path: countyDashboardPath }]),
      },
    ];

    process.stdout.write('framework floor (bench/floor, GET /)… ');
    const floorFigures = await drive(floorPort, () => ({ path: '/' }));
    console.log(`${format(floorFigures.rps)} req/s, p99 ${floorFigures.p99} ms`);
    process.stdout.write('the same page beside the app’s route table… ');
    const routesFloorFigures = await drive(routesFloorPort, () => ({ path: '/' }));
    console.log(`${format(routesFloorFigures.rps)} req/s, p99 ${routesFloorFigures.p99} ms`);
    const toFloor = (figures: Figures, floor: Figures) =>
      floor.rps ? Number((figures.rps / floor.rps).toFixed(3)) : null;

    const pages: { page: string; headers: Record<string, string> }[] = [
      { page: '/catalog?q=心理健康', headers: {} },
      { page: '/tenders', headers: {} },
      // The dashboard route's JavaScript, on a county's dashboard: the province's may take minutes.
      { page: `/reports?union=${fixtures.countyUnionId}`, headers: { cookie: fixtures.sessionCookie } },
      { page: checkinPaths()[0]!, headers: {} },
      { page: `/c/${fixtures.events[0]!.id}/rate`, headers: {} },
    ];
    const javascript = [];
    for (const { page, headers } of pages) {
      const js = await pageJavaScript(`http://127.0.0.1:${appPort}`, page, headers.cookie);
      javascript.push({ ...js, page, met: js.gzip <= jsBudgetBytes });
    }

    const results: Result[] = [];
    for (const scenario of scenarios) {
      const single = await probe(appPort, scenario.app()());
      if (single.status === 0) {
        console.log(`${scenario.label}: one request took over ${probeTimeoutMs / 1000} s; not driven under load.`);
        results.push({
          name: scenario.name,
          label: scenario.label,
          connections: 0,
          singleRequestMs: Math.round(single.ms),
          app: null,
          baseline: null,
          ratio: null,
          floorRatio: null,
          routesFloorRatio: null,
          budget: budgets[scenario.name]!,
          met: false,
        });
        continue;
      }
      // A page that takes seconds alone would leave 50 queued requests running long after the run:
      // drive it with one connection and say so.
      const load = scenario.name.toLowerCase().includes('dashboard') ? dashboardConnections : connections;
      const connectionCount = scenario.name !== 'rating' && single.ms > 1000 ? 1 : load;
      if (single.status >= 400) console.log(`  (warning: ${scenario.label} answered HTTP ${single.status})`);
      process.stdout.write(`${scenario.label}: app… `);
      const appFigures = await drive(appPort, scenario.app(), connectionCount);
      await settle(appPort, idlePath);
      process.stdout.write('baseline… ');
      const baselineFigures = await drive(baselinePort, scenario.baseline(), connectionCount);
      await settle(baselinePort, idlePath);
      const budget = budgets[scenario.name]!;
      const met =
        (budget.minRps === undefined || appFigures.rps >= budget.minRps) &&
        (budget.maxP99 === undefined || appFigures.p99 <= budget.maxP99) &&
        appFigures.failed === 0;
      results.push({
        name: scenario.name,
        label: scenario.label,
        connections: connectionCount,
        singleRequestMs: Math.round(single.ms),
        app: appFigures,
        baseline: baselineFigures,
        ratio: baselineFigures.rps ? Number((appFigures.rps / baselineFigures.rps).toFixed(3)) : null,
        floorRatio: toFloor(appFigures, floorFigures),
        routesFloorRatio: toFloor(appFigures, routesFloorFigures),
        budget,
        met: Object.keys(budget).length ? met : null,
      });
      console.log('done');
    }

    const memory = residentMemory(app.pid!);
    const largestMiB = Math.max(memory.primary, ...memory.workers);
    console.log(
      `\n${'scenario'.padEnd(30)} ${'conns'.padStart(5)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} │ ${'baseline req/s'.padStart(14)} ${'p99'.padStart(6)} │ ${'ratio'.padStart(6)} │ ${'floor'.padStart(6)} │ ${'routes'.padStart(6)} │ budget`,
    );
    for (const r of results) {
      const budget = [r.budget.minRps ? `≥${r.budget.minRps}/s` : '', r.budget.maxP99 ? `p99≤${r.budget.maxP99}` : '']
        .filter(Boolean)
        .join(' ');
      if (!r.app || !r.baseline) {
        console.log(`${r.label.padEnd(30)} one request took over ${format(r.singleRequestMs)} ms: ${budget} NOT MET`);
        continue;
      }
      console.log(
        `${r.label.padEnd(30)} ${String(r.connections).padStart(5)} ${format(r.app.rps).padStart(7)} ${String(r.app.p50).padStart(7)} ${String(r.app.p99).padStart(7)} ${String(r.app.failed + r.app.timeouts).padStart(7)} │ ${format(r.baseline.rps).padStart(14)} ${String(r.baseline.p99).padStart(6)} │ ${String(r.ratio ?? '–').padStart(6)} │ ${String(r.floorRatio ?? '–').padStart(6)} │ ${String(r.routesFloorRatio ?? '–').padStart(6)} │ ${budget || '–'} ${r.met === null ? '' : r.met ? 'MET' : 'NOT MET'}${r.connections === 1 ? ` (one request took ${format(r.singleRequestMs)} ms)` : ''}`,
      );
    }
    for (const [label, figures] of [
      ['framework floor (bench/floor)', floorFigures],
      ['floor beside the app’s routes', routesFloorFigures],
    ] as const) {
      console.log(
        `${label.padEnd(30)} ${String(connections).padStart(5)} ${format(figures.rps).padStart(7)} ${String(figures.p50).padStart(7)} ${String(figures.p99).padStart(7)} ${String(figures.failed + figures.timeouts).padStart(7)}`,
      );
    }
    console.log(
      `\nStart-up to the first answered request: ${format(startupMs)} ms (budget ${format(startupBudgetMs)} ms) ${startupMs <= startupBudgetMs ? 'MET' : 'NOT MET'}`,
    );
    console.log(
      `Resident memory at the end: primary ${memory.primary} MiB, workers ${memory.workers.join(', ') || '–'} MiB (budget ${memoryBudgetMiB} MiB per process) ${largestMiB <= memoryBudgetMiB ? 'MET' : 'NOT MET'}`,
    );
    console.log('\nCompressed client JavaScript per page (gzip -9, module preloads + scripts + inline):');
    for (const j of javascript) {
      console.log(
        `  ${j.page.padEnd(40)} HTTP ${j.status} ${String(j.files).padStart(2)} files  ${format(j.gzip).padStart(8)} bytes  ${j.met ? 'within' : 'OVER'} 150 KB`,
      );
    }
    const output = {
      date: started.toISOString(),
      machine: host,
      loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
      server: serverCommand.name,
      counties,
      years,
      durationSeconds: duration,
      connections,
      dashboardConnections,
      database: { rows: data.counts, generation: data.generation },
      startup: { ms: startupMs, budgetMs: startupBudgetMs, met: startupMs <= startupBudgetMs },
      residentMemoryMiB: { ...memory, budgetPerProcess: memoryBudgetMiB, met: largestMiB <= memoryBudgetMiB },
      floor: floorFigures,
      routesFloor: routesFloorFigures,
      scenarios: results,
      javascript,
      note: 'Figures from a shared machine are noisy: compare the app with the baseline of the same run.',
    };
    writeFileSync('bench-results.json', JSON.stringify(output, null, 2) + '\n');
    console.log(`\nWritten to bench-results.json. Load average at the end: ${output.loadAverageAtEnd.join(' ')}`);
  } finally {
    cleanUp();
  }

  if (!args['no-extras']) {
    console.log(
      '\nThe rating burst through the capability functions, and every main page’s JavaScript budget on the demo county:',
    );
    execSync('npx tsx bench/rating-burst.ts', { stdio: 'inherit' });
    // It exits 1 when a page is over budget; its table has said which.
    spawnSync('node', ['scripts/page-js.mjs'], { stdio: 'inherit' });
  }
}

await main();
