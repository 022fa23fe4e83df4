import { sql, type SQL } from 'drizzle-orm';
import { catalogPageSize, searchTerms, type CatalogQuery } from './query';
import { latestGradeSql } from './track-record.server';
import { satisfactionByOrganization } from '~/delivery/figures.server';
import { grades, type Grade } from '~/evaluation/grades';
import { db } from '~/lib/db.server';

/** Results are counted up to this many; beyond it the page says "more than" and pages on by "next". */
export const countedResults = 1000;

/** What the index's tokenizer (unicode61) keeps: letters, digits and private-use characters. */
const indexable = /[\p{L}\p{N}\p{Co}]/u;

/**
 * A term as a query of `offerings_fts`, which holds every two-character run of the text as a token
 * (docs/decisions/107): one character is a prefix of those tokens, two a token, more a phrase of
 * their runs. Null for a term without a letter or digit: the index keeps nothing of it.
 */
export function termQuery(term: string) {
  const chars = [...term];
  if (!chars.some((c) => indexable.test(c))) return null;
  const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
  if (chars.length === 1) return `${quoted(term)} *`;
  return quoted(
    chars
      .slice(1)
      .map((c, i) => chars[i] + c)
      .join(' '),
  );
}

/**
 * Relevance: offerings with every term in the title first, then those with every term in the title
 * or the organization's name, then the rest (found in the description too); newest first in each.
 * Each tier is read from the index in rowid order and stops at the page: a common word costs a page,
 * not its thousands of matches (bm25 would score every match before the first row).
 */
function tiers(expression: string) {
  const inTitle = `{title} : (${expression})`;
  const inNames = `{title organization} : (${expression})`;
  return [inTitle, `${inNames} NOT ${inTitle}`, `(${expression}) NOT ${inNames}`];
}

/**
 * The query's filters on an offering `o` (the index holds only published offerings of active
 * organizations). Browsing reads an area's offerings from `offering_areas` itself (`browsed`).
 */
/**
 * Offering areas `a` whose name begins with the filter's text: "丹东" finds 丹东街道 and 丹东新区, and a
 * full name finds itself. A range on the area index (every name from the text up to the text followed
 * by the last code point), so the cost does not grow with the number of areas.
 */
const areaBeginsWith = (text: string) => sql`a.area >= ${text} and a.area < ${text + '\u{10FFFF}'}`;

function filterConditions(query: CatalogQuery, { area = true } = {}) {
  const conditions: SQL[] = [];
  if (query.category) conditions.push(sql`o.category = ${query.category}`);
  if (query.format) conditions.push(sql`o.format = ${query.format}`);
  if (query.area && area)
    conditions.push(sql`o.id in (select a.offering_id from offering_areas a where ${areaBeginsWith(query.area)})`);
  if (query.minPriceFen !== undefined) conditions.push(sql`o.price_fen >= ${query.minPriceFen}`);
  if (query.maxPriceFen !== undefined) conditions.push(sql`o.price_fen <= ${query.maxPriceFen}`);
  if (query.grade) {
    const accepted = grades.slice(0, grades.indexOf(query.grade) + 1);
    conditions.push(sql`${latestGradeSql(sql`o.organization_id`)} in ${accepted}`);
  }
  return conditions;
}

const and = (conditions: SQL[]) => (conditions.length ? sql.join(conditions, sql` and `) : sql`true`);

const newest = sql`coalesce(o.published_at, o.created_at) desc, o.id desc`;

/**
 * Published offerings `o` of active organizations `g` passing the filters, for browsing without words,
 * as `from … where …`: an area's few offerings from `offering_areas`, the others through `index`, read
 * in its order (without statistics the planner would rather sort every published offering).
 */
function browsed(query: CatalogQuery, { index, joins = sql`` }: { index?: string; joins?: SQL } = {}) {
  const where = sql`o.state = 'published' and g.status = 'active' and ${and(filterConditions(query, { area: false }))}`;
  if (query.area)
    return sql`(select distinct a.offering_id from offering_areas a where ${areaBeginsWith(query.area)}) a
      cross join offerings o join organizations g on g.id = o.organization_id ${joins}
      where o.id = a.offering_id and ${where}`;
  const offerings = sql.raw(index ? `offerings o indexed by ${index}` : 'offerings o');
  return sql`${offerings} join organizations g on g.id = o.organization_id ${joins} where ${where}`;
}

/**
 * The ids of one page's offerings in the query's order: `limit` from `offset`. Relevance reads the
 * tiers from the index in rowid order; the other orders of a text query sort its matches; without
 * text, each order but satisfaction is read from an index of published offerings (db/schema/catalog.ts).
 */
function pageIds(query: CatalogQuery, match: string | null, limit: number, offset: number) {
  const filters = and(filterConditions(query));
  if (match && query.sort === 'relevance') {
    // The tiers in turn, each from its newest match, until the page is full: a tier the page does not
    // reach is not read. Rows before `offset` are read and dropped.
    const ids: number[] = [];
    for (const expression of tiers(match)) {
      const wanted = offset + limit - ids.length;
      const tier = db.all<{ id: number }>(sql`
        select f.rowid as id from offerings_fts f join offerings o on o.id = f.rowid
        where offerings_fts match ${expression} and ${filters} order by f.rowid desc limit ${wanted}`);
      ids.push(...tier.map((r) => r.id));
      if (tier.length === wanted) break;
    }
    return ids.slice(offset).map((id) => ({ id }));
  }
  const order = {
    relevance: newest,
    newest,
    price_asc: sql`o.price_fen, ${newest}`,
    price_desc: sql`o.price_fen desc, ${newest}`,
    satisfaction: sql`s.satisfied * 1.0 / s.ratings desc nulls last, s.ratings desc, ${newest}`,
  }[query.sort];
  const satisfaction =
    query.sort === 'satisfaction'
      ? sql`left join organization_rollups s on s.organization_id = o.organization_id and s.ratings > 0`
      : sql``;
  const index = {
    relevance: 'offerings_newest_idx',
    newest: 'offerings_newest_idx',
    price_asc: 'offerings_cheapest_idx',
    price_desc: 'offerings_dearest_idx',
    satisfaction: undefined,
  }[query.sort];
  const from = match
    ? sql`offerings_fts f join offerings o on o.id = f.rowid ${satisfaction} where offerings_fts match ${match} and ${filters}`
    : browsed(query, { index, joins: satisfaction });
  return db.all<{ id: number }>(sql`select o.id as id from ${from} order by ${order} limit ${limit} offset ${offset}`);
}

/** How many offerings match, up to `countedResults` + 1; without filters, from the index alone. */
function countUpTo(query: CatalogQuery, match: string | null) {
  const conditions = filterConditions(query);
  const rows = conditions.length
    ? match
      ? sql`select 1 from offerings_fts f join offerings o on o.id = f.rowid
          where offerings_fts match ${match} and ${and(conditions)}`
      : sql`select 1 from ${browsed(query)}`
    : match
      ? sql`select 1 from offerings_fts where offerings_fts match ${match}`
      : sql`select 1 from offerings_fts`;
  return db.get<{ n: number }>(sql`select count(*) as n from (${rows} limit ${countedResults + 1})`)!.n;
}

type Row = {
  id: number;
  title: string;
  category: string;
  format: string;
  description: string;
  durationMinutes: number;
  capacity: number;
  priceFen: number;
  areas: string;
  organizationId: number;
  organizationName: string;
  grade: Grade | null;
  ratings: number | null;
  satisfied: number | null;
  photoId: number | null;
};

/**
 * Published offerings of active organizations matching the query, one page of them, and how many
 * there are up to `countedResults` (`pageCount` null beyond: the page links to the next while there is one).
 */
export function searchCatalog(query: CatalogQuery) {
  const terms = searchTerms(query.q);
  const queries = terms.map(termQuery);
  const match = queries.length ? queries.join(' AND ') : null;
  const none = queries.some((q) => q === null);
  const counted = none ? 0 : countUpTo(query, match);
  const total = Math.min(counted, countedResults);
  const pageCount = counted > countedResults ? null : Math.max(1, Math.ceil(total / catalogPageSize));
  const page = pageCount === null ? query.page : Math.min(query.page, pageCount);
  const ids = none ? [] : pageIds(query, match, catalogPageSize + 1, (page - 1) * catalogPageSize).map((r) => r.id);
  const shown = ids.slice(0, catalogPageSize);
  const rows = shown.length
    ? db.all<Row>(sql`
        select o.id, o.title, o.category, o.format, o.description, o.duration_minutes as durationMinutes,
          o.capacity, o.price_fen as priceFen, o.areas, o.organization_id as organizationId,
          g.name as organizationName, ${latestGradeSql(sql`o.organization_id`)} as grade,
          s.ratings, s.satisfied,
          (select min(ph.id) from offering_photos ph where ph.offering_id = o.id) as photoId
        from offerings o join organizations g on g.id = o.organization_id
        left join (${satisfactionByOrganization(sql`select organization_id from offerings where id in ${shown}`)}) s
          on s.organization_id = o.organization_id
        where o.id in ${shown}`)
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    terms,
    total,
    totalCapped: counted > countedResults,
    page,
    pageCount,
    hasNext: ids.length > catalogPageSize,
    results: shown
      .map((id) => byId.get(id)!)
      .map(({ areas, ratings, satisfied, ...row }) => ({
        ...row,
        areas: JSON.parse(areas) as string[],
        ratings: ratings ?? 0,
        satisfaction: ratings ? (satisfied ?? 0) / ratings : null,
      })),
  };
}

/** Areas suggested under the area filter: a county's or a city's all fit; a province's do not. */
export const areaSuggestionLimit = 100;

/**
 * The areas named by published offerings, for the area filter's suggestions, when there are at most
 * `areaSuggestionLimit`; none beyond (the filter is typed): one index step per area, stopping there.
 */
export function catalogAreas() {
  const areas = db
    .all<{ area: string }>(
      sql`with recursive a(area) as (
            select min(area) from offering_areas
            union all select (select min(area) from offering_areas where area > a.area) from a where a.area is not null
            limit ${areaSuggestionLimit + 2})
          select area from a where area is not null`,
    )
    .map((r) => r.area);
  return areas.length > areaSuggestionLimit ? [] : areas;
}
