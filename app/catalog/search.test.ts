import { eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogPageSize, catalogSorts, parseCatalogQuery, searchTerms, type CatalogQuery } from './query';
import { areaSuggestionLimit, catalogAreas, countedResults, searchCatalog, termQuery } from './search.server';
import { organizationIdByName } from '../../tests/fixtures/catalog';
import { recordStatements } from '../../tests/support/statements';
import { evaluations, offerings, organizations } from '../../db/schema';
import { seedDemo } from '../../db/seed';
import { offerings as demoOfferings } from '../../db/demo-data';
import { organizationFigures, satisfactionByOrganization } from '~/delivery/figures.server';
import { db, sqlite } from '~/lib/db.server';

beforeAll(async () => {
  await seedDemo();
});

const search = (q: string, rest: Partial<CatalogQuery> = {}) =>
  searchCatalog({ q, sort: q ? 'relevance' : 'newest', page: 1, ...rest });

/** Every published offering of an active organization, with the text the search covers. */
function publishedTexts() {
  return db.all<{ id: number; title: string; text: string }>(sql`
    select o.id, o.title, o.title || ' ' || o.description || ' ' || g.name as text
    from offerings o join organizations g on g.id = o.organization_id
    where o.state = 'published' and g.status = 'active'`);
}

/** All result ids over every page. */
function allIds(q: string, rest: Partial<CatalogQuery> = {}) {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const r = searchCatalog({ q, sort: 'relevance', ...rest, page });
    ids.push(...r.results.map((x) => x.id));
    if (!r.hasNext) return ids;
  }
}

function addOffering(title: string, values: Partial<typeof offerings.$inferInsert> = {}) {
  return db
    .insert(offerings)
    .values({
      organizationId: organizationIdByName('象山县职工艺术团'),
      title,
      category: 'performance',
      format: 'on_site',
      durationMinutes: 60,
      capacity: 10,
      priceFen: 100_000,
      areas: ['石浦镇'],
      state: 'published',
      ...values,
    })
    .returning()
    .get().id;
}

describe('the demo county’s offerings', () => {
  it('are newest first by the day each was published, every one before it was first commissioned', () => {
    const demoTitles = new Set(demoOfferings.map((o) => o.title));
    const shown: string[] = [];
    for (let page = 1; ; page++) {
      const r = searchCatalog({ q: '', sort: 'newest', page });
      shown.push(...r.results.map((x) => x.title).filter((title) => demoTitles.has(title)));
      if (!r.hasNext) break;
    }
    const byPublication = [...demoOfferings].sort((a, b) => b.publishedDay - a.publishedDay).map((o) => o.title);
    expect(shown).toEqual(byPublication);
    expect(db.all(sql`select id from offerings where state = 'published' and published_at is null`)).toEqual([]);
    const commissionedBefore = db.all(sql`
      select o.title from offerings o
      where exists (select 1 from commissions c where c.offering_id = o.id and c.created_at < o.published_at)
         or exists (select 1 from contracts k where k.offering_id = o.id and k.signed_at < o.published_at)`);
    expect(commissionedBefore).toEqual([]);
  });
});

describe('Chinese search over the seeded catalog', () => {
  it('finds exactly the two counselling offerings for 心理, and nothing unrelated', () => {
    const result = search('心理');
    expect(result.results.map((r) => r.title).sort()).toEqual(['心理知识讲座', '职工心理关爱'].sort());
    const expected = publishedTexts().filter((o) => o.text.includes('心理'));
    expect(result.results.map((r) => r.id).sort()).toEqual(expected.map((o) => o.id).sort());
  });

  it('finds rescue training for 救援', () => {
    const result = search('救援');
    const titleHits = result.results.filter((r) => r.title.includes('救援'));
    expect(titleHits.map((r) => r.title).sort()).toEqual(
      ['应急救援与心肺复苏实操培训', '职工应急救援常识培训', '防溺水与水上救援技能培训'].sort(),
    );
    expect(titleHits.every((r) => r.category === 'rescue_training')).toBe(true);
    expect(result.results.slice(0, 3).every((r) => r.title.includes('救援'))).toBe(true);
    const expected = publishedTexts().filter((o) => o.text.includes('救援'));
    expect(allIds('救援').sort()).toEqual(expected.map((o) => o.id).sort());
  });

  it('answers a one-character query with exactly the offerings containing it', () => {
    for (const char of ['心', '工']) {
      const expected = publishedTexts().filter((o) => o.text.includes(char));
      const ids = allIds(char);
      expect(ids.sort()).toEqual(expected.map((o) => o.id).sort());
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(search('工').total).toBeGreaterThan(catalogPageSize); // so one of the checks spans pages
    const titles = search('心').results.map((r) => r.title);
    expect(titles).toContain('心理知识讲座');
    expect(titles).toContain('应急救援与心肺复苏实操培训');
  });

  it('matches three or more characters inside words through the index', () => {
    expect(search('理知识').results.map((r) => r.title)).toEqual(['心理知识讲座']);
    expect(search('心肺复苏').results.map((r) => r.title)).toEqual(['应急救援与心肺复苏实操培训']);
    expect(search('AED').results.map((r) => r.title)).toEqual(['应急救援与心肺复苏实操培训']);
    expect(search('aed').total).toBe(1);
  });

  it('requires every term: 心理 讲座 finds the lecture only', () => {
    expect(search('心理 讲座').results.map((r) => r.title)).toEqual(['心理知识讲座']);
    expect(search('心理　关爱').results.map((r) => r.title)).toEqual(['职工心理关爱']);
    expect(search('心理 不存在的词').total).toBe(0);
  });

  it('finds offerings by the organization name', () => {
    const result = search('雄鹰');
    expect(result.results.map((r) => r.organizationName)).toEqual(['象山县雄鹰应急救援队', '象山县雄鹰应急救援队']);
  });

  it('treats symbols and FTS syntax in queries as plain text', () => {
    // The index keeps letters and digits: a term of symbols alone finds nothing.
    expect(search('%').total).toBe(0);
    expect(search('_').total).toBe(0);
    expect(search('\\').total).toBe(0);
    const id = addOffering('满意率100%_保证演出');
    expect(search('%_').total).toBe(0);
    expect(search('0%').results.map((r) => r.id)).toEqual([id]);
    expect(search('100%_').results.map((r) => r.id)).toEqual([id]);
    expect(search('100%_保证').results.map((r) => r.id)).toEqual([id]);
    expect(search('"心理" OR 讲座*').total).toBe(0);
    expect(search('NEAR(心理').total).toBe(0);
    expect(search('心理 AND').total).toBe(0);
    db.delete(offerings).where(eq(offerings.id, id)).run();
  });

  it('asks the index for one character as a prefix, two as a token, more as a phrase of pairs', () => {
    expect(termQuery('心')).toBe('"心" *');
    expect(termQuery('心理')).toBe('"心理"');
    expect(termQuery('心理健康')).toBe('"心理 理健 健康"');
    expect(termQuery('a"b')).toBe('"a"" ""b"');
    expect(termQuery('%_')).toBeNull();
    expect(searchTerms('  心理  讲座 心理 "x"')).toEqual(['心理', '讲座', 'x']);
  });
});

describe('relevance', () => {
  it('puts title matches first, then the organization name, then the description; newest first in each', () => {
    const older = addOffering('测试排序团体操表演');
    const newer = addOffering('测试排序团体操表演（新编）');
    const inDescription = addOffering('广场舞展演', { description: '含测试排序团体操环节' });
    const organization = db
      .insert(organizations)
      .values({ name: '测试排序团体操协会', type: 'grassroots' })
      .returning()
      .get().id;
    const byOrganization = addOffering('广播操教学', { organizationId: organization });
    expect(search('测试排序团体操').results.map((r) => r.id)).toEqual([newer, older, byOrganization, inDescription]);
    expect(search('排序 团体操').results.map((r) => r.id)).toEqual([newer, older, byOrganization, inDescription]);
    for (const id of [older, newer, inDescription, byOrganization])
      db.delete(offerings).where(eq(offerings.id, id)).run();
  });

  it("suggests no areas once there are more than a county's or a city's (the filter is then typed)", () => {
    const extra = areaSuggestionLimit - catalogAreas().length;
    const id = addOffering('百区演出', {
      areas: Array.from({ length: extra }, (_, i) => `百区${String(i).padStart(3, '0')}`),
    });
    expect(catalogAreas()).toHaveLength(areaSuggestionLimit);
    db.update(offerings)
      .set({ areas: Array.from({ length: extra + 1 }, (_, i) => `百区${String(i).padStart(3, '0')}`) })
      .where(eq(offerings.id, id))
      .run();
    expect(catalogAreas()).toEqual([]);
    db.delete(offerings).where(eq(offerings.id, id)).run();
  });
});

describe('what a search reads', () => {
  const plans = async (q: string) => {
    const statements = await recordStatements(() => search(q));
    return statements.flatMap((statement) =>
      (sqlite.prepare(`explain query plan ${statement.sql}`).all(...statement.params) as { detail: string }[]).map(
        (step) => step.detail,
      ),
    );
  };

  it('finds words of one, two or more characters through the index, sorting nothing to rank them', async () => {
    for (const q of ['心', '心理', '心理健康', '心理 讲座']) {
      const steps = await plans(q);
      expect(
        steps.some((d) => /offerings_fts VIRTUAL TABLE INDEX \d+:\S*M/.test(d)),
        q,
      ).toBe(true);
      // Neither a full read of the index (LIKE) nor a sort of every match (bm25, then newest).
      expect(
        steps.filter((d) => / VIRTUAL TABLE INDEX 0:$|TEMP B-TREE/.test(d)),
        q,
      ).toEqual([]);
    }
  });
});

describe('a word in thousands of offerings', () => {
  it(`is counted up to ${countedResults}; beyond, the page says so and pages on by "next"`, () => {
    const ids = db.transaction(() =>
      Array.from({ length: countedResults + 5 }, (_, i) => addOffering(`批量测试节目${i}`, { areas: ['批量区'] })),
    );
    try {
      const first = search('批量测试');
      expect(first).toMatchObject({
        total: countedResults,
        totalCapped: true,
        pageCount: null,
        page: 1,
        hasNext: true,
      });
      expect(first.results.map((r) => r.id)).toEqual(ids.slice(-catalogPageSize).reverse());
      const deep = search('批量测试', { page: 80 });
      expect(deep).toMatchObject({ page: 80, hasNext: true });
      expect(deep.results.map((r) => r.id)).toEqual(ids.slice(-80 * catalogPageSize, -79 * catalogPageSize).reverse());
      // 1,005 offerings: the 84th page holds the 9 oldest, and no next page.
      const last = search('批量测试', { page: 84 });
      expect(last).toMatchObject({ page: 84, hasNext: false });
      expect(last.results.map((r) => r.id)).toEqual(ids.slice(0, 9).reverse());
      // Browsing without words, and with a filter, counts the same way.
      expect(searchCatalog({ q: '', sort: 'newest', page: 1 })).toMatchObject({
        total: countedResults,
        totalCapped: true,
      });
      expect(search('批量测试', { area: '批量区', sort: 'price_asc' })).toMatchObject({
        totalCapped: true,
        hasNext: true,
      });
      expect(search('批量测试节目1000')).toMatchObject({ total: 1, totalCapped: false, pageCount: 1, hasNext: false });
    } finally {
      db.delete(offerings).where(inArray(offerings.id, ids)).run();
    }
    expect(search('批量测试').total).toBe(0);
  });
});

describe('the index follows the data', () => {
  it('reindexes an edited title and a renamed organization, and forgets deleted offerings', () => {
    const id = addOffering('临时测试演出甲');
    expect(search('测试演出甲').results.map((r) => r.id)).toEqual([id]);
    db.update(offerings).set({ title: '更名后的节目乙' }).where(eq(offerings.id, id)).run();
    expect(search('测试演出甲').total).toBe(0);
    expect(search('节目乙').results.map((r) => r.id)).toEqual([id]);

    const orgId = organizationIdByName('象山县职工艺术团');
    db.update(organizations).set({ name: '象山县职工文工团' }).where(eq(organizations.id, orgId)).run();
    expect(search('文工团').results.map((r) => r.id)).toContain(id);
    expect(search('职工艺术团').total).toBe(0);
    db.update(organizations).set({ name: '象山县职工艺术团' }).where(eq(organizations.id, orgId)).run();

    db.delete(offerings).where(eq(offerings.id, id)).run();
    expect(search('节目乙').total).toBe(0);
    expect(db.get<{ n: number }>(sql`select count(*) as n from offerings_fts where rowid = ${id}`)!.n).toBe(0);
  });

  it('lists only published offerings of active organizations', () => {
    const draft = addOffering('草稿状态的节目丙', { state: 'draft' });
    const archived = addOffering('已归档的节目丙', { state: 'archived' });
    expect(search('节目丙').total).toBe(0);
    db.update(offerings).set({ state: 'published' }).where(eq(offerings.id, draft)).run();
    expect(search('节目丙').results.map((r) => r.id)).toEqual([draft]);
    const orgId = organizationIdByName('象山县职工艺术团');
    db.update(organizations).set({ status: 'suspended' }).where(eq(organizations.id, orgId)).run();
    expect(search('节目丙').total).toBe(0);
    db.update(organizations).set({ status: 'active' }).where(eq(organizations.id, orgId)).run();
    expect(search('节目丙').results.map((r) => r.id)).toEqual([draft]);
    db.update(offerings).set({ state: 'archived' }).where(eq(offerings.id, draft)).run();
    expect(search('节目丙').total).toBe(0);
    db.delete(offerings).where(eq(offerings.id, draft)).run();
    db.delete(offerings).where(eq(offerings.id, archived)).run();
  });

  it('offers the areas that published offerings name', () => {
    expect(catalogAreas()).toEqual([...new Set(publishedAreas())].sort());
    const id = addOffering('新区专场演出', { areas: ['测试新区', '石浦镇'] });
    expect(catalogAreas()).toContain('测试新区');
    db.update(offerings)
      .set({ areas: ['测试新区二期'] })
      .where(eq(offerings.id, id))
      .run();
    expect(catalogAreas()).toContain('测试新区二期');
    expect(catalogAreas()).not.toContain('测试新区');
    db.update(offerings).set({ state: 'archived' }).where(eq(offerings.id, id)).run();
    expect(catalogAreas()).toEqual([...new Set(publishedAreas())].sort());
    db.delete(offerings).where(eq(offerings.id, id)).run();
  });
});

function publishedAreas() {
  return db
    .select({ areas: offerings.areas })
    .from(offerings)
    .where(eq(offerings.state, 'published'))
    .all()
    .flatMap((o) => o.areas);
}

describe('filters', () => {
  const everything = () => allIds('');

  it('by category, format and area', () => {
    const rows = db.select().from(offerings).where(eq(offerings.state, 'published')).all();
    const category = allIds('', { category: 'rescue_training' });
    expect(category.sort()).toEqual(
      rows
        .filter((r) => r.category === 'rescue_training')
        .map((r) => r.id)
        .sort(),
    );
    const station = allIds('', { format: 'station' });
    expect(station.sort()).toEqual(
      rows
        .filter((r) => r.format === 'station')
        .map((r) => r.id)
        .sort(),
    );
    const shipu = allIds('', { area: '石浦镇' });
    expect(shipu.sort()).toEqual(
      rows
        .filter((r) => r.areas.includes('石浦镇'))
        .map((r) => r.id)
        .sort(),
    );
    expect(shipu.length).toBeLessThan(everything().length);
    expect(allIds('心理', { format: 'station' }).length).toBe(1);
  });

  it("by the beginning of an area's name, each offering once, with or without words", () => {
    const both = addOffering('两镇巡演', { areas: ['测试甲镇', '测试乙镇'] });
    const one = addOffering('一镇巡演', { areas: ['测试乙镇'] });
    const elsewhere = addOffering('他镇巡演', { areas: ['另一测试镇'] });
    try {
      for (const q of ['', '巡演']) {
        expect(allIds(q, { area: '测试' }).sort()).toEqual([both, one].sort());
        expect(allIds(q, { area: '测试乙镇' }).sort()).toEqual([both, one].sort());
        expect(allIds(q, { area: '测试甲' })).toEqual([both]);
        expect(search(q, { area: '测试' }).total).toBe(2);
        expect(allIds(q, { area: '测试丙' })).toEqual([]);
      }
      expect(allIds('', { area: '测试', sort: 'price_asc' }).sort()).toEqual([both, one].sort());
    } finally {
      db.delete(offerings)
        .where(inArray(offerings.id, [both, one, elsewhere]))
        .run();
    }
  });

  it('by price range, bounds included', () => {
    const rows = db.select().from(offerings).where(eq(offerings.state, 'published')).all();
    const inRange = allIds('', { minPriceFen: 150_000, maxPriceFen: 300_000 });
    expect(inRange.sort()).toEqual(
      rows
        .filter((r) => r.priceFen >= 150_000 && r.priceFen <= 300_000)
        .map((r) => r.id)
        .sort(),
    );
  });

  it("by the organization's latest evaluation grade, at least the one chosen", () => {
    const psych = organizationIdByName('象山县心理咨询师协会');
    const rescue = organizationIdByName('象山县雄鹰应急救援队');
    const evaluation = {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      indicators: {},
      basis: 'review',
      model: { weights: {}, thresholds: [] },
    };
    // Only these evaluations: the seed's own acceptance evaluations would be the latest otherwise.
    db.delete(evaluations).run();
    db.insert(evaluations)
      .values([
        { ...evaluation, organizationId: psych, score: 70, grade: 'pass', createdAt: new Date('2025-06-01') },
        { ...evaluation, organizationId: psych, score: 92, grade: 'excellent', createdAt: new Date('2026-01-05') },
        { ...evaluation, organizationId: rescue, score: 95, grade: 'excellent', createdAt: new Date('2025-06-01') },
        { ...evaluation, organizationId: rescue, score: 80, grade: 'good', createdAt: new Date('2026-01-05') },
      ])
      .run();
    const orgsOf = (ids: number[]) =>
      new Set(ids.map((id) => db.select().from(offerings).where(eq(offerings.id, id)).get()!.organizationId));
    expect(orgsOf(allIds('', { grade: 'excellent' }))).toEqual(new Set([psych]));
    expect(orgsOf(allIds('', { grade: 'good' }))).toEqual(new Set([psych, rescue]));
    expect(orgsOf(allIds('', { grade: 'pass' }))).toEqual(new Set([psych, rescue]));
    expect(search('心理').results.find((r) => r.title === '心理知识讲座')!.grade).toBe('excellent');
    db.delete(evaluations).run();
  });
});

describe('words and filters together', () => {
  it('find exactly the offerings containing every word and passing every filter, in each order', () => {
    const rows = publishedTexts();
    const byId = new Map(
      db
        .select()
        .from(offerings)
        .all()
        .map((o) => [o.id, o]),
    );
    const cases: [string, Partial<CatalogQuery>, (o: typeof offerings.$inferSelect) => boolean][] = [
      ['心', { category: 'counselling' }, (o) => o.category === 'counselling'],
      ['工', { format: 'station' }, (o) => o.format === 'station'],
      ['职工', { area: '石浦镇' }, (o) => o.areas.includes('石浦镇')],
      ['培训', { minPriceFen: 150_000 }, (o) => o.priceFen >= 150_000],
      [
        '职工 服务',
        { maxPriceFen: 300_000, format: 'on_site' },
        (o) => o.priceFen <= 300_000 && o.format === 'on_site',
      ],
    ];
    for (const [q, filters, passes] of cases) {
      const words = searchTerms(q);
      const want = rows
        .filter((r) => words.every((w) => r.text.toLowerCase().includes(w.toLowerCase())) && passes(byId.get(r.id)!))
        .map((r) => r.id)
        .sort();
      expect(want.length, q).toBeGreaterThan(0);
      for (const sort of catalogSorts) {
        const ids = allIds(q, { ...filters, sort });
        expect([...ids].sort(), `${q} ${sort}`).toEqual(want);
        const prices = ids.map((id) => byId.get(id)!.priceFen);
        if (sort === 'price_asc') expect(prices).toEqual([...prices].sort((a, b) => a - b));
        if (sort === 'price_desc') expect(prices).toEqual([...prices].sort((a, b) => b - a));
      }
      expect(search(q, filters).total).toBe(want.length);
    }
  });
});

describe('sorting and pages', () => {
  it('sorts by price both ways and by newest', () => {
    const prices = (sort: CatalogQuery['sort']) =>
      searchCatalog({ q: '', sort, page: 1 }).results.map((r) => r.priceFen);
    const ascending = prices('price_asc');
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    const descending = prices('price_desc');
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    const id = addOffering('最新上架的节目丁', { publishedAt: new Date(Date.now() + 60_000) });
    expect(searchCatalog({ q: '', sort: 'newest', page: 1 }).results[0]!.id).toBe(id);
    db.delete(offerings).where(eq(offerings.id, id)).run();
  });

  it('sorts by satisfaction, organizations without ratings last', () => {
    const rows = searchCatalog({ q: '', sort: 'satisfaction', page: 1 }).results;
    const rated = rows.filter((r) => r.satisfaction !== null);
    expect(rated.length).toBeGreaterThan(1);
    expect(rows.slice(0, rated.length)).toEqual(rated);
    const values = rated.map((r) => r.satisfaction!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    for (const r of rated) expect(r.satisfaction).toBe(organizationFigures(r.organizationId).satisfaction);
  });

  it('pages through all results without overlap, clamping past the end', () => {
    const total = search('').total;
    const first = searchCatalog({ q: '', sort: 'newest', page: 1 });
    const second = searchCatalog({ q: '', sort: 'newest', page: 2 });
    expect(first.results).toHaveLength(Math.min(total, catalogPageSize));
    expect(first.pageCount).toBe(Math.ceil(total / catalogPageSize));
    expect(first.results.length + second.results.length).toBe(Math.min(total, 2 * catalogPageSize));
    const ids = [...first.results, ...second.results].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(searchCatalog({ q: '', sort: 'newest', page: 99 }).page).toBe(first.pageCount);
  });
});

describe('the URL carries the query', () => {
  it('parses every parameter and drops what is not valid', () => {
    const { query, errors } = parseCatalogQuery(
      new URLSearchParams(
        'q=心理&category=counselling&area=丹东街道&format=station&minPrice=1,000&maxPrice=2500.5&grade=good&sort=price_asc&page=2',
      ),
    );
    expect(query).toEqual({
      q: '心理',
      category: 'counselling',
      area: '丹东街道',
      format: 'station',
      minPriceFen: 100_000,
      maxPriceFen: 250_050,
      grade: 'good',
      sort: 'price_asc',
      page: 2,
    });
    expect(errors).toEqual({ minPrice: undefined, maxPrice: undefined });
    const bad = parseCatalogQuery(
      new URLSearchParams('category=nope&format=x&grade=fail&sort=random&page=-3&minPrice=abc'),
    );
    expect(bad.query).toEqual({
      q: '',
      category: undefined,
      area: undefined,
      format: undefined,
      grade: undefined,
      minPriceFen: undefined,
      maxPriceFen: undefined,
      sort: 'newest',
      page: 1,
    });
    expect(bad.errors.minPrice).toBe('errors.money');
    expect(parseCatalogQuery(new URLSearchParams('q=救援')).query.sort).toBe('relevance');
  });
});

describe('satisfaction per organization', () => {
  it('equals the one definition in figures.server for every organization', () => {
    const rows = db.all<{ organization_id: number; ratings: number; satisfied: number }>(
      satisfactionByOrganization(sql`select id from organizations`),
    );
    const byOrg = new Map(rows.map((r) => [r.organization_id, r]));
    expect(rows.length).toBeGreaterThan(0);
    for (const { id } of db.select({ id: organizations.id }).from(organizations).all()) {
      const figures = organizationFigures(id);
      const row = byOrg.get(id);
      expect(row?.ratings ?? 0).toBe(figures.ratings);
      expect(row ? row.satisfied / row.ratings : null).toBe(figures.satisfaction);
    }
  });
});
