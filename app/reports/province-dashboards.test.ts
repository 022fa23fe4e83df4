import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from './dashboard.server';
import type { Filters } from './filters';
import { isEmpty, type Activity } from './leadership-figures.server';
import { buildReportBefore } from './old-dashboard.server';
import { provinceWorld } from '../../tests/fixtures/reports';
import { getT } from '~/lib/i18n.server';
import { sqlite } from '~/lib/db.server';
import { shanghaiYear } from '~/lib/time';

// The dashboards read from the union rollups now; before, they added up every contract-month cell.
// Over a province with cities, counties and a township, every figure must be the same.

let t: TFunction;
let world: ReturnType<typeof provinceWorld>;
const year = shanghaiYear(new Date());

beforeAll(async () => {
  t = (await getT('zh-CN')) as unknown as TFunction;
  world = provinceWorld(year);
});

const unionOf = (id: number) =>
  sqlite.prepare('select id, name from unions where id = ?').get(id) as { id: number; name: string };
const byLabel = (a: { label?: unknown }, b: { label?: unknown }) => String(a.label).localeCompare(String(b.label));

/** The old report, with the organization rows the new one keeps (those with something to show) and rows in label order where only the order changed. */
function comparable(report: ReturnType<typeof buildReport>) {
  return {
    ...report,
    tables: {
      ...report.tables,
      organizations: report.tables.organizations.filter((r) => !isEmpty(r as unknown as Activity)).sort(byLabel),
      contracts: [...report.tables.contracts].sort(byLabel),
    },
  };
}

describe('the dashboards from the union rollups', () => {
  it('show the figures the contract-month computation showed, for every union and filter', () => {
    const filterSets: Partial<Filters>[] = [
      {},
      { granularity: 'quarter' },
      { granularity: 'year' },
      { year: year - 1 },
      { year: year - 4, granularity: 'year' },
      { category: 'counselling' },
      { category: 'legal_aid', granularity: 'quarter' },
      { organizationId: world.organizations[0] },
      { organizationId: world.organizations[1], category: 'rescue_training' },
      { organizationId: world.organizations[2], year: year - 1, granularity: 'year' },
    ];
    let compared = 0;
    for (const unionId of Object.values(world.unions)) {
      for (const overrides of filterSets) {
        const filters: Filters = { year, granularity: 'month', ...overrides };
        const after = buildReport(unionOf(unionId), filters, t);
        const before = buildReportBefore(unionOf(unionId), filters, t);
        expect(comparable(after), `union ${unionId} ${JSON.stringify(overrides)}`).toEqual(comparable(before));
        compared += 1;
      }
    }
    expect(compared).toBe(70);
    // The world is not trivial: the province shows sessions, pending sessions, money and several organizations.
    const province = buildReport(unionOf(world.unions.province), { year, granularity: 'month' }, t);
    expect(province.totals.sessionsDelivered).toBeGreaterThan(10);
    expect(province.totals.pendingSessions).toBeGreaterThan(0);
    expect(province.totals.paidFen).toBeGreaterThan(0);
    expect(province.tables.organizations.length).toBe(4);
    expect(province.tables.contracts.length).toBeGreaterThan(2);
  });
});
