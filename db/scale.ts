/**
 * The national-scale data generator, to measure the app at the size it must serve: a province union,
 * its cities and N county unions, each county with its organizations, offerings, tenders, contracts,
 * payments and several years of events with check-ins and ratings, in the `proportions` below. Raw
 * prepared statements in one transaction per county, journal and sync off while loading, the big
 * tables' indexes built once at the end: see docs/decisions/080-scale-generator-and-bench.md.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { offerings as demoOfferings } from './demo-data';
import { hashPassword } from '../app/accounts/password.server';
import { categories, type Category } from '../app/catalog/taxonomy';
import { occupations, venueTypes } from '../app/delivery/machine';
import { gradeFor, gradeThresholds } from '../app/evaluation/grades';
import { ratingTags } from '../app/delivery/schemas';
import { defaultWeights } from '../app/procurement/machine';
import { monthStart, shanghaiDate, shanghaiYear } from '../app/lib/time';

export type ScaleOptions = {
  counties: number;
  years?: number;
  /** Business "now": events after it are scheduled, events before it delivered. */
  now?: Date;
  /** Called about four times a second while rows go in. */
  onProgress?: (rows: number, expected: number) => void;
};

/** Per county, per year unless said otherwise: an active county's volume, the load the app is sized for. */
export const proportions = {
  organizationsPerCounty: 20,
  offeringsPerOrganization: 2,
  contractsPerYear: 12,
  tenderedContractsPerYear: 6,
  openTendersPerCounty: 2,
  bidsPerTender: 3,
  eventsPerYear: 250,
  checkinsPerEvent: 40,
  ratingsPerEvent: 30,
  /** The county's workers (SMS-confirmed numbers) whom its events' check-ins are drawn from. */
  workersPerCounty: 400,
} as const;

/** Bump when the generated data changes: cached benchmark databases are keyed by it. */
export const generatorVersion = 3;

export const scalePassword = 'gonghui-scale-2026';
export const provinceLeadershipEmail = 'leadership@province.scale.gonghui.cn';

const day = 86_400_000;
const cityNames = [
  '杭州市',
  '宁波市',
  '温州市',
  '嘉兴市',
  '湖州市',
  '绍兴市',
  '金华市',
  '衢州市',
  '舟山市',
  '台州市',
  '丽水市',
];
const countyFirst = '安宁平清长永新德明华云泰兴康乐丰嘉和顺通瑞昌盛文武东西南北江海山湖'.split('');
const countySecond = '阳山江溪川源城门林田岭桥湾浦塘口坪州水丰安'.split('');
const countySuffixes = ['县', '区', '市'];
const orgKinds = ['服务中心', '协会', '社会工作服务社', '志愿服务队', '促进会', '公益发展中心'];
const categoryThemes: Record<Category, string> = {
  counselling: '心理健康',
  rescue_training: '应急救护',
  performance: '职工文艺',
  legal_aid: '法律援助',
  mediation: '劳动争议调解',
  matchmaking: '青年交友',
  skills_training: '技能培训',
  childcare: '爱心托育',
  career_planning: '职业发展',
  health_care: '职工健康',
  sports_culture: '文体活动',
  hardship_followup: '困难职工帮扶',
  volunteer_service: '公益志愿',
};
const comments = [
  '讲得很实用',
  '老师很耐心，下次还来',
  '时间有点短',
  '希望多办几场',
  '内容贴近我们的工作',
  '场地有点挤',
];
const lastNames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');

/** Deterministic, fast pseudo-random numbers (mulberry32): the same N gives the same database. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const shanghaiYearStart = (year: number) => monthStart(year, 1).getTime();
const isoDay = (ms: number) => shanghaiDate(ms);

export function countyName(index: number) {
  const first = countyFirst[index % countyFirst.length]!;
  const second = countySecond[Math.floor(index / countyFirst.length) % countySecond.length]!;
  const round = Math.floor(index / (countyFirst.length * countySecond.length));
  return `${first}${second}${round ? '第' + (round + 1) : ''}${countySuffixes[index % countySuffixes.length]}`;
}

/** How many rows a run will write, to the nearest few percent: the progress bar's 100%. */
export function expectedRows(counties: number, years: number) {
  const p = proportions;
  const perEvent = 1 + p.checkinsPerEvent + p.ratingsPerEvent;
  const perYear = p.eventsPerYear * perEvent * 0.96 + p.contractsPerYear * 9 + p.tenderedContractsPerYear * 4;
  return Math.round(counties * (years * perYear + p.organizationsPerCounty * 7 + p.workersPerCounty + 12));
}

/** Opens `path` as a new, migrated database; an existing file there is replaced. */
function freshDatabase(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  const sqlite = new Database(path);
  sqlite.pragma('foreign_keys = OFF');
  migrate(drizzle(sqlite), { migrationsFolder: resolve(process.env.MIGRATIONS_PATH ?? 'db/migrations') });
  return sqlite;
}

/** The big tables' secondary indexes, dropped while loading and built once at the end. */
function dropBulkIndexes(sqlite: Database.Database) {
  const indexes = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
        and tbl_name in ('checkins', 'ratings', 'events')`,
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`drop index "${index.name}"`);
  return indexes;
}

/**
 * The rollup triggers (those named `%rollup%`) cost a third of the load: drop them, and at the end
 * run the rollups' backfills and recreate them — the same sums, computed once.
 */
function dropRollupTriggers(sqlite: Database.Database) {
  const triggers = sqlite
    .prepare(`select name, sql from sqlite_master where type = 'trigger' and name like '%rollup%'`)
    .all() as { name: string; sql: string }[];
  for (const trigger of triggers) sqlite.exec(`drop trigger "${trigger.name}"`);
  return triggers;
}

/**
 * The backfill statements (`INSERT INTO <x>_rollups`) of the rollup migrations (`*_rollups.sql`,
 * `*_rollup_triggers.sql`), in order, from the latest that recomputes them all from the base tables
 * (it empties `event_rollups` first): later ones add their rollups from those.
 */
function rollupBackfills(folder: string) {
  const migrations = readdirSync(folder)
    .filter((file) => /_rollup(s|_triggers)\.sql$/.test(file))
    .sort()
    .map((file) => readFileSync(resolve(folder, file), 'utf8'));
  const from = migrations.findLastIndex((text) => /^DELETE FROM event_rollups;/m.test(text));
  if (from < 0) throw new Error('No rollup migration recomputes event_rollups in ' + folder);
  return migrations.slice(from).flatMap((text) =>
    text
      .split('--> statement-breakpoint')
      .map((statement) => statement.replace(/^\s*(--[^\n]*\n)*/, '').trim())
      .filter((statement) => /^INSERT INTO \w+_rollups\b/.test(statement)),
  );
}

function restoreRollups(sqlite: Database.Database, triggers: { sql: string }[]) {
  for (const statement of rollupBackfills(resolve(process.env.MIGRATIONS_PATH ?? 'db/migrations')))
    sqlite.exec(statement);
  for (const trigger of triggers) sqlite.exec(trigger.sql);
}

/** Rows per multi-row INSERT for the big tables: one statement call per batch, not per row. */
const batchRows = 100;

/** Buffers rows of one table and writes them `batchRows` at a time. */
function batcher(sqlite: Database.Database, table: string, columns: string[]) {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sqlFor = (n: number) =>
    `insert into ${table} (${columns.join(', ')}) values ${Array(n).fill(tuple).join(', ')}`;
  const full = sqlite.prepare(sqlFor(batchRows));
  let values: unknown[] = [];
  const flush = () => {
    if (!values.length) return;
    const n = values.length / columns.length;
    (n === batchRows ? full : sqlite.prepare(sqlFor(n))).run(values);
    values = [];
  };
  return {
    add(...row: unknown[]) {
      values.push(...row);
      if (values.length === batchRows * columns.length) flush();
    },
    flush,
  };
}

function statements(sqlite: Database.Database) {
  const insert = (table: string, columns: string[]) =>
    sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
  return {
    union: insert('unions', ['id', 'name', 'level', 'parent_id', 'region_code', 'created_at']),
    department: insert('departments', ['id', 'union_id', 'name', 'created_at']),
    budget: insert('budgets', ['department_id', 'year', 'amount_fen']),
    user: insert('users', ['id', 'email', 'name', 'password_hash', 'email_verified_at', 'created_at']),
    staffRole: insert('staff_roles', ['union_id', 'user_id', 'role', 'department_id', 'created_at']),
    organization: insert('organizations', [
      'id',
      'name',
      'type',
      'credit_code',
      'fields',
      'description',
      'contact_name',
      'contact_phone',
      'team_size',
      'volunteers',
      'founded_on',
      'created_at',
    ]),
    member: insert('organization_members', ['organization_id', 'user_id', 'role', 'created_at']),
    offering: insert('offerings', [
      'id',
      'organization_id',
      'title',
      'category',
      'description',
      'format',
      'duration_minutes',
      'capacity',
      'price_fen',
      'areas',
      'state',
      'published_at',
      'created_at',
    ]),
    tender: insert('tenders', [
      'id',
      'union_id',
      'department_id',
      'created_by',
      'title',
      'category',
      'scope',
      'sessions',
      'budget_fen',
      'period_start',
      'period_end',
      'weights',
      'deadline_at',
      'state',
      'published_at',
      'awarded_bid_id',
      'award_proposed_at',
      'objection_ends_at',
      'awarded_at',
      'created_at',
    ]),
    bid: insert('bids', [
      'id',
      'tender_id',
      'organization_id',
      'sealed',
      'state',
      'submitted_at',
      'submitted_by',
      'created_at',
    ]),
    contract: insert('contracts', [
      'id',
      'union_id',
      'department_id',
      'organization_id',
      'tender_id',
      'bid_id',
      'offering_id',
      'title',
      'category',
      'amount_fen',
      'sessions',
      'min_worker_visits',
      'period_start',
      'period_end',
      'state',
      'issued_at',
      'issued_by',
      'signed_at',
      'signed_by',
      'completed_at',
      'created_at',
    ]),
    milestone: insert('milestones', [
      'id',
      'contract_id',
      'label',
      'amount_fen',
      'condition',
      'condition_sessions',
      'state',
      'due_at',
      'created_at',
    ]),
    payment: insert('payments', [
      'id',
      'milestone_id',
      'method',
      'amount_fen',
      'reference',
      'paid_on',
      'recorded_by',
      'confirmed_at',
      'created_at',
    ]),
    ledger: insert('ledger_entries', ['contract_id', 'milestone_id', 'payment_id', 'kind', 'amount_fen', 'created_at']),
    evaluation: insert('evaluations', [
      'organization_id',
      'contract_id',
      'period_start',
      'period_end',
      'basis',
      'score',
      'grade',
      'indicators',
      'model',
      'created_by',
      'created_at',
    ]),
    event: insert('events', [
      'id',
      'organization_id',
      'contract_id',
      'title',
      'starts_at',
      'ends_at',
      'venue_type',
      'address',
      'capacity',
      'expected_attendance',
      'walk_ins',
      'checkin_secret',
      'state',
      'report_summary',
      'reported_at',
      'accepted_at',
      'created_at',
      'attendance_review',
      'attendance_review_reason',
      'attendance_reviewed_at',
    ]),
    worker: insert('workers', ['id', 'phone_hash', 'created_at']),
    checkins: batcher(sqlite, 'checkins', [
      'id',
      'event_id',
      'worker_id',
      'verification',
      'device_hash',
      'occupation',
      'union_member',
      'network_hash',
      'created_at',
    ]),
    ratings: batcher(sqlite, 'ratings', ['checkin_id', 'event_id', 'score', 'comment', 'tags', 'created_at']),
  };
}

/** Generates the whole data set into a fresh database at `path` and returns the row counts. */
export async function generateScale(path: string, options: ScaleOptions) {
  const years = options.years ?? 3;
  const now = (options.now ?? new Date()).getTime();
  const passwordHash = await hashPassword(scalePassword);
  const sqlite = freshDatabase(path);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');
  const indexes = dropBulkIndexes(sqlite);
  const rollupTriggers = dropRollupTriggers(sqlite);
  const s = statements(sqlite);
  const rand = random(options.counties * 7919 + years);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const expected = expectedRows(options.counties, years);
  let rows = 0;
  let lastReport = 0;
  const run = (statement: Database.Statement, ...values: unknown[]) => {
    statement.run(...values);
    rows++;
  };
  const report = () => {
    const t = performance.now();
    if (t - lastReport < 250) return;
    lastReport = t;
    options.onProgress?.(rows, expected);
  };

  const ids = { union: 0, department: 0, user: 0, organization: 0, offering: 0, tender: 0, bid: 0, contract: 0 };
  const more = { milestone: 0, payment: 0, event: 0, checkin: 0, worker: 0 };
  const currentYear = shanghaiYear(now);
  const yearList = Array.from({ length: years }, (_, i) => currentYear - years + 1 + i);
  const created = shanghaiYearStart(yearList[0]!) - 30 * day;
  const weights = JSON.stringify(defaultWeights);
  const evaluationModel = JSON.stringify({
    weights: { completion: 40, satisfaction: 40, compliance: 20 },
    thresholds: gradeThresholds,
  });

  const addUnion = (name: string, level: string, parentId: number | null, regionCode: string) => {
    const id = ++ids.union;
    run(s.union, id, name, level, parentId, regionCode, created);
    const departmentId = ++ids.department;
    run(s.department, departmentId, id, '职工服务中心', created);
    for (const year of yearList) run(s.budget, departmentId, year, level === 'county' ? 300_000_000 : 1_000_000_000);
    return { id, departmentId };
  };
  const addStaff = (email: string, name: string, unionId: number, role: string, departmentId: number) => {
    const id = ++ids.user;
    run(s.user, id, email, name, passwordHash, created, created);
    run(s.staffRole, unionId, id, role, departmentId, created);
    return id;
  };

  const accounts: { email: string; who: string }[] = [];
  const province = sqlite.transaction(() => {
    const union = addUnion('浙江省总工会', 'province', null, '330000');
    addStaff(provinceLeadershipEmail, '省总工会领导', union.id, 'leadership', union.departmentId);
    addStaff(
      'commissioner@province.scale.gonghui.cn',
      '省总工会采购专员',
      union.id,
      'commissioner',
      union.departmentId,
    );
    const cityCount = Math.min(cityNames.length, Math.max(1, Math.ceil(options.counties / 25)));
    const cities = cityNames.slice(0, cityCount).map((name, i) => {
      const city = addUnion(`${name}总工会`, 'city', union.id, `33${String(i + 1).padStart(2, '0')}00`);
      addStaff(
        `leadership@city${i + 1}.scale.gonghui.cn`,
        `${name}总工会领导`,
        city.id,
        'leadership',
        city.departmentId,
      );
      return { ...city, name };
    });
    return { union, cities };
  })();
  accounts.push(
    { email: provinceLeadershipEmail, who: '浙江省总工会 leadership (province dashboard)' },
    { email: 'commissioner@province.scale.gonghui.cn', who: '浙江省总工会 commissioner' },
    { email: 'leadership@city1.scale.gonghui.cn', who: `${cityNames[0]}总工会 leadership` },
    { email: 'commissioner@county1.scale.gonghui.cn', who: `${countyName(0)}总工会 commissioner` },
  );

  const generateCounty = sqlite.transaction((index: number) => {
    const city = province.cities[index % province.cities.length]!;
    const short = countyName(index);
    const county = addUnion(`${city.name}${short}总工会`, 'county', city.id, `33${String(index).padStart(4, '0')}`);
    const staffName = (role: string) => `${short}总工会${role}`;
    const commissioner = addStaff(
      `commissioner@county${index + 1}.scale.gonghui.cn`,
      staffName('采购专员'),
      county.id,
      'commissioner',
      county.departmentId,
    );
    addStaff(
      `leadership@county${index + 1}.scale.gonghui.cn`,
      staffName('领导'),
      county.id,
      'leadership',
      county.departmentId,
    );
    const finance = addStaff(
      `finance@county${index + 1}.scale.gonghui.cn`,
      staffName('财务'),
      county.id,
      'finance',
      county.departmentId,
    );

    // No number stands behind a generated worker: a random hash looks like a keyed one.
    const firstWorker = more.worker + 1;
    for (let w = 0; w < proportions.workersPerCounty; w++) {
      run(s.worker, ++more.worker, randomBytes(32).toString('hex'), created);
    }

    const orgs = Array.from({ length: proportions.organizationsPerCounty }, (_, k) => {
      const category = categories[(index + k) % categories.length]!;
      const type = k % 5 < 2 ? 'grassroots' : pick(['social_service', 'social_group', 'foundation'] as const);
      const id = ++ids.organization;
      const name = `${short}${categoryThemes[category]}${orgKinds[k % orgKinds.length]}${k >= categories.length ? '（二）' : ''}`;
      const creditCode = type === 'grassroots' ? null : `5233${String(id).padStart(13, '0')}X`;
      run(
        s.organization,
        id,
        name,
        type,
        creditCode,
        JSON.stringify([category]),
        `${short}的${categoryThemes[category]}社会组织，服务新就业形态劳动者和一线职工。`,
        `${pick(lastNames)}老师`,
        `1380000${String(id % 10000).padStart(4, '0')}`,
        int(3, 30),
        int(0, 80),
        isoDay(created - int(365, 3650) * day),
        created,
      );
      const ownerId = ++ids.user;
      run(s.user, ownerId, `owner-o${id}@scale.gonghui.cn`, `${name}负责人`, passwordHash, created, created);
      run(s.member, id, ownerId, 'owner', created);
      const templates = demoOfferings.filter((o) => o.category === category);
      const offerings = Array.from({ length: proportions.offeringsPerOrganization }, () => {
        const template = templates.length ? pick(templates) : pick(demoOfferings);
        const offeringId = ++ids.offering;
        run(
          s.offering,
          offeringId,
          id,
          `${short}${template.title}`,
          category,
          template.description,
          template.format,
          template.durationMinutes,
          template.capacity,
          template.priceFen,
          JSON.stringify([`${short}城区`, `${short}开发区`]),
          'published',
          created,
          created,
        );
        return { id: offeringId, title: `${short}${template.title}`, priceFen: template.priceFen };
      });
      return { id, ownerId, category, offerings };
    });

    for (const year of yearList) {
      const yearStart = shanghaiYearStart(year);
      const finished = year < currentYear;
      const contracts = Array.from({ length: proportions.contractsPerYear }, (_, k) => {
        const org = orgs[(k * 7 + year) % orgs.length]!;
        const offering = org.offerings[k % org.offerings.length]!;
        const sessions = Math.round(proportions.eventsPerYear / proportions.contractsPerYear);
        const amountFen = sessions * Math.max(offering.priceFen, 200_000);
        const signedAt = yearStart + int(10, 60) * day;
        let tenderId: number | null = null;
        let bidId: number | null = null;
        if (k < proportions.tenderedContractsPerYear) {
          tenderId = ++ids.tender;
          const deadline = signedAt - 20 * day;
          const bidders = [org, ...orgs.filter((o) => o !== org).slice(k, k + proportions.bidsPerTender - 1)];
          const bidIds = bidders.map((bidder) => {
            const id = ++ids.bid;
            run(
              s.bid,
              id,
              tenderId,
              bidder.id,
              'sealed-by-generator',
              'submitted',
              deadline - 2 * day,
              bidder.ownerId,
              deadline - 5 * day,
            );
            return id;
          });
          bidId = bidIds[0]!;
          run(
            s.tender,
            tenderId,
            county.id,
            county.departmentId,
            commissioner,
            `${year}年${offering.title}服务采购`,
            org.category,
            '面向辖区职工的服务项目',
            sessions,
            amountFen,
            isoDay(yearStart),
            isoDay(yearStart + 364 * day),
            weights,
            deadline,
            'contracted',
            deadline - 30 * day,
            bidId,
            deadline + 5 * day,
            deadline + 10 * day,
            deadline + 11 * day,
            deadline - 31 * day,
          );
        }
        const id = ++ids.contract;
        run(
          s.contract,
          id,
          county.id,
          county.departmentId,
          org.id,
          tenderId,
          bidId,
          tenderId ? null : offering.id,
          `${year}年${offering.title}`,
          org.category,
          amountFen,
          sessions,
          sessions * 30,
          isoDay(yearStart),
          isoDay(yearStart + 364 * day),
          finished ? 'completed' : 'active',
          signedAt - day,
          commissioner,
          signedAt,
          org.ownerId,
          // Completed by the final payment (below), as completeIfFulfilled would.
          finished ? yearStart + 365 * day : null,
          signedAt - 2 * day,
        );
        run(s.ledger, id, null, null, 'committed', amountFen, signedAt);
        const halves = [Math.floor(amountFen / 2), amountFen - Math.floor(amountFen / 2)];
        halves.forEach((amount, m) => {
          const milestoneId = ++more.milestone;
          const paid = m === 0 || finished;
          const dueAt = m === 0 ? signedAt : yearStart + 360 * day;
          run(
            s.milestone,
            milestoneId,
            id,
            m === 0 ? '签约首付款' : '结项尾款',
            amount,
            m === 0 ? 'signing' : 'final',
            null,
            paid ? 'confirmed' : 'pending',
            paid ? dueAt : null,
            signedAt,
          );
          if (!paid) return;
          const paymentId = ++more.payment;
          const paidAt = dueAt + 5 * day;
          run(
            s.payment,
            paymentId,
            milestoneId,
            'bank_transfer',
            amount,
            `BANK-${paymentId}`,
            isoDay(paidAt),
            finance,
            paidAt + day,
            paidAt,
          );
          for (const kind of ['approved', 'paid', 'confirmed'])
            run(s.ledger, id, milestoneId, paymentId, kind, amount, paidAt);
        });
        return { id, org, title: offering.title };
      });

      for (let e = 0; e < proportions.eventsPerYear; e++) {
        const contract = contracts[e % contracts.length]!;
        const startsAt = yearStart + int(0, 364) * day + int(1, 11) * 3600_000;
        const endsAt = startsAt + 2 * 3600_000;
        const past = endsAt < now;
        const roll = rand();
        const state = !past
          ? 'scheduled'
          : roll < 0.03
            ? 'cancelled'
            : roll < 0.06 || endsAt > now - 7 * day
              ? 'reported'
              : 'accepted';
        const eventId = ++more.event;
        const delivered = state === 'accepted' || state === 'reported';
        const walkIns = delivered ? int(0, 6) : 0;
        // Walk-ins are only asserted: most accepted events' walk-ins were admitted by a reviewer.
        const admitted = state === 'accepted' && walkIns > 0 && rand() < 0.9;
        run(
          s.event,
          eventId,
          contract.org.id,
          contract.id,
          `${contract.title}（第${Math.floor(e / contracts.length) + 1}场）`,
          startsAt,
          endsAt,
          pick(venueTypes),
          `${short}职工服务驿站`,
          60,
          proportions.checkinsPerEvent,
          walkIns,
          randomBytes(32).toString('hex'),
          state,
          delivered ? '活动按计划完成，职工反响良好。' : null,
          delivered ? endsAt + day : null,
          state === 'accepted' ? endsAt + 3 * day : null,
          startsAt - 14 * day,
          admitted ? 'admitted' : null,
          admitted ? '现场登记表已核对' : null,
          admitted ? endsAt + 4 * day : null,
        );
        if (!delivered) continue;
        const checkins = proportions.checkinsPerEvent + int(-8, 8);
        const hashes = randomBytes(32 * checkins).toString('hex');
        const networks = randomBytes(8 * 4).toString('hex');
        const firstCheckin = more.checkin + 1;
        const attendee = int(0, proportions.workersPerCounty - 1);
        for (let c = 0; c < checkins; c++) {
          rows++;
          const verified = rand() < 0.97;
          s.checkins.add(
            ++more.checkin,
            eventId,
            verified ? firstWorker + ((attendee + c) % proportions.workersPerCounty) : null,
            verified ? 'sms' : 'code',
            hashes.slice(c * 64, c * 64 + 64),
            rand() < 0.85 ? pick(occupations) : null,
            rand() < 0.6 ? 1 : 0,
            networks.slice((c % 4) * 16, (c % 4) * 16 + 16),
            startsAt + int(-20, 30) * 60_000,
          );
        }
        const ratings = Math.round((checkins * proportions.ratingsPerEvent) / proportions.checkinsPerEvent);
        for (let r = 0; r < ratings; r++) {
          const x = rand();
          const score = x < 0.02 ? 1 : x < 0.05 ? 2 : x < 0.15 ? 3 : x < 0.5 ? 4 : 5;
          rows++;
          s.ratings.add(
            firstCheckin + r,
            eventId,
            score,
            rand() < 0.15 ? pick(comments) : '',
            rand() < 0.3 ? JSON.stringify([pick(ratingTags)]) : '[]',
            endsAt + int(1, 120) * 60_000,
          );
        }
        report();
      }
      if (finished) {
        for (const org of orgs) {
          const score = int(55, 98);
          run(
            s.evaluation,
            org.id,
            null,
            isoDay(yearStart),
            isoDay(yearStart + 364 * day),
            'period',
            score,
            gradeFor(score),
            JSON.stringify({ completion: score, satisfaction: score, compliance: score }),
            evaluationModel,
            commissioner,
            yearStart + 370 * day,
          );
        }
      }
    }

    s.checkins.flush();
    s.ratings.flush();
    for (let k = 0; k < proportions.openTendersPerCounty; k++) {
      const org = orgs[k]!;
      const deadline = now + int(5, 40) * day;
      run(
        s.tender,
        ++ids.tender,
        county.id,
        county.departmentId,
        commissioner,
        `${currentYear + 1}年${categoryThemes[org.category]}服务项目采购`,
        org.category,
        '面向辖区职工的服务项目',
        20,
        40_000_000,
        isoDay(deadline + 30 * day),
        isoDay(deadline + 395 * day),
        weights,
        deadline,
        'published',
        now - int(1, 20) * day,
        null,
        null,
        null,
        null,
        now - 25 * day,
      );
    }
  });

  for (let index = 0; index < options.counties; index++) {
    generateCounty(index);
    report();
  }
  for (const index of indexes) {
    sqlite.exec(index.sql);
    options.onProgress?.(rows, expected);
  }
  restoreRollups(sqlite, rollupTriggers);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  const counts = rowCounts(sqlite);
  sqlite.close();
  return { rows, counts, accounts, password: scalePassword, provinceUnionId: province.union.id };
}

/** Rows per table, biggest first. */
export function rowCounts(sqlite: Database.Database) {
  const tables = sqlite
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
        and name not like '%fts_%' and name not like '\\_\\_%' escape '\\'`,
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables
      .map(
        ({ name }) => [name, (sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n] as const,
      )
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]),
  );
}
