// A bigger database for timing the page loaders (bench/loaders/time.ts) until `npm run seed:scale` exists:
// one province union with N counties, each with about 20 organizations, 12 contracts and 250 events
// a year over three years, 40 check-ins and 30 ratings per event.
// Usage: DATABASE_PATH=data/perf.db npx tsx bench/loaders/make-db.ts 30
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { openDatabase } from '~/lib/db.server';

const counties = Number(process.argv[2] ?? 30);
const path = process.env.DATABASE_PATH ?? 'data/perf.db';
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
const { sqlite } = openDatabase(path);
sqlite.pragma('synchronous = OFF');
const started = Date.now();
const prepare = (q: string) => sqlite.prepare(q);
const union = prepare('insert into unions (name, level, parent_id) values (?, ?, ?)');
const user = prepare("insert into users (email, name, password_hash) values (?, ?, 'x')");
const role = prepare('insert into staff_roles (union_id, user_id, role) values (?, ?, ?)');
const org = prepare("insert into organizations (name, type, fields) values (?, 'grassroots', '[\"counselling\"]')");
const member = prepare("insert into organization_members (organization_id, user_id, role) values (?, ?, 'owner')");
const offering = prepare(
  `insert into offerings (organization_id, title, category, format, duration_minutes, capacity, price_fen, state, published_at, description)
   values (?, ?, ?, 'on_site', 90, 30, 200000, 'published', ?, '为新就业形态劳动者提供服务')`,
);
const contract = prepare(
  `insert into contracts (union_id, organization_id, title, category, amount_fen, sessions, state, period_start, period_end, signed_at)
   values (?, ?, ?, ?, 2000000, 20, 'active', ?, ?, ?)`,
);
const ledger = prepare(
  "insert into ledger_entries (contract_id, kind, amount_fen, created_at) values (?, 'committed', 2000000, ?)",
);
const tender = prepare(
  `insert into tenders (union_id, created_by, title, category, sessions, budget_fen, weights, deadline_at, state, published_at)
   values (?, ?, ?, ?, 20, 2000000, '{"price":40,"plan":30,"team":20,"record":10}', ?, 'published', ?)`,
);
const event = prepare(
  `insert into events (organization_id, contract_id, title, starts_at, ends_at, venue_type, capacity, checkin_secret, state, walk_ins, accepted_at)
   values (?, ?, '驿站服务活动', ?, ?, 'station', 60, ?, ?, 3, ?)`,
);
const checkin = prepare(
  "insert into checkins (event_id, device_hash, verification, created_at) values (?, ?, 'sms', ?)",
);
const rating = prepare('insert into ratings (checkin_id, event_id, score, created_at) values (?, ?, ?, ?)');
const categories = ['counselling', 'legal_aid', 'skills_training', 'health_care', 'sports_culture'];
const day = 24 * 3600_000;
const now = Date.now();
let rows = 0;

sqlite.transaction(() => {
  const province = Number(union.run('某省总工会', 'province', null).lastInsertRowid);
  const leader = Number(user.run('leadership@province.test', '省总领导').lastInsertRowid);
  role.run(province, leader, 'leadership');
  for (let c = 0; c < counties; c++) {
    const county = Number(union.run(`第${c + 1}县总工会`, 'county', province).lastInsertRowid);
    const commissioner = Number(user.run(`commissioner${c}@province.test`, '采购专员').lastInsertRowid);
    role.run(county, commissioner, 'commissioner');
    const orgs = Array.from({ length: 20 }, (_, o) => {
      const id = Number(org.run(`第${c + 1}县社会组织${o + 1}`).lastInsertRowid);
      member.run(id, Number(user.run(`owner${c}-${o}@province.test`, '负责人').lastInsertRowid));
      offering.run(id, `职工心理疏导服务${o}`, categories[o % categories.length], now - o * day);
      return id;
    });
    for (let year = 0; year < 3; year++) {
      for (let k = 0; k < 12; k++) {
        const organizationId = orgs[(k + year) % orgs.length]!;
        const startMs = now - (year + 1) * 365 * day;
        const id = Number(
          contract.run(
            county,
            organizationId,
            `服务合同${k}`,
            categories[k % categories.length],
            '2023-01-01',
            '2027-12-31',
            startMs,
          ).lastInsertRowid,
        );
        ledger.run(id, startMs);
        tender.run(
          county,
          commissioner,
          `采购项目${k}`,
          categories[k % categories.length],
          now + (k - 6) * day,
          startMs,
        );
        for (let e = 0; e < 21; e++) {
          const startsAt = startMs + Math.floor(((e + 0.5) * 365 * day) / 21);
          const state = startsAt < now - 7 * day ? 'accepted' : 'scheduled';
          const eventId = Number(
            event.run(
              organizationId,
              id,
              startsAt,
              startsAt + 2 * 3600_000,
              randomBytes(8).toString('hex'),
              state,
              startsAt + 3 * day,
            ).lastInsertRowid,
          );
          for (let w = 0; w < 40; w++) {
            const checkinId = Number(checkin.run(eventId, `${eventId}-${w}`, startsAt).lastInsertRowid);
            if (w < 30) rating.run(checkinId, eventId, (w * 7 + eventId) % 5 === 0 ? 2 : 3 + (w % 3), startsAt);
            rows += w < 30 ? 2 : 1;
          }
          rows += 1;
        }
      }
    }
  }
})();
sqlite.exec('analyze');
const seconds = (Date.now() - started) / 1000;
console.log(
  `${path}: ${counties} counties, ${rows} delivery rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s)`,
);
