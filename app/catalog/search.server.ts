import { sql, type SQL } from 'drizzle-orm';
import { catalogPageSize, searchTerms, type CatalogQuery, type CatalogSort } from './query';
import { latestGradeSql } from './track-record.server';
import { satisfactionByOrganization } from '~/delivery/figures.server';
import { grades, type Grade } from '~/evaluation/grades';
import { db } from '~/lib/db.server';

/** The trigram tokenizer indexes runs of three characters; shorter terms are matched with LIKE. */
const trigram = 3;

/** A LIKE pattern matching `term` literally anywhere, for use with ESCAPE '\'. */
export function likePattern(term: string) {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const characters = (term: string) => [...term].length;

/** Title hits weigh most, then the organization's name, then the description (as in bm25 below). */
function likeScore(term: string) {
  const p = likePattern(term);
  return sql`((f.title like ${p} escape '\\') * 10 + (f.organization like ${p} escape '\\') * 3 + (f.description like ${p} escape '\\'))`;
}

function textConditions(terms: string[]) {
  const long = terms.filter((t) => characters(t) >= trigram);
  const short = terms.filter((t) => characters(t) < trigram);
  const conditions: SQL[] = [];
  if (long.length) {
    const expression = long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
    conditions.push(sql`offerings_fts match ${expression}`);
  }
  for (const term of short) conditions.push(sql`${likeScore(term)} > 0`);
  // Lower is better, as with bm25: FTS rank when there is one, minus the short terms' hits.
  const rank = sql.join(
    [
      long.length ? sql`bm25(offerings_fts, 10.0, 1.0, 3.0)` : sql`0`,
      ...short.map((term) => sql`- ${likeScore(term)}`),
    ],
    sql` `,
  );
  return { conditions, rank };
}

function filterConditions(query: CatalogQuery) {
  const conditions: SQL[] = [sql`o.state = 'published'`, sql`g.status = 'active'`];
  if (query.category) conditions.push(sql`o.category = ${query.category}`);
  if (query.format) conditions.push(sql`o.format = ${query.format}`);
  if (query.area) conditions.push(sql`exists (select 1 from json_each(o.areas) a where a.value = ${query.area})`);
  if (query.minPriceFen !== undefined) conditions.push(sql`o.price_fen >= ${query.minPriceFen}`);
  if (query.maxPriceFen !== undefined) conditions.push(sql`o.price_fen <= ${query.maxPriceFen}`);
  if (query.grade) {
    const accepted = grades.slice(0, grades.indexOf(query.grade) + 1);
    conditions.push(sql`${latestGradeSql(sql`o.organization_id`)} in ${accepted}`);
  }
  return conditions;
}

const newest = sql`coalesce(c.published_at, c.created_at) desc, c.id desc`;
const orderings: Record<CatalogSort, SQL> = {
  relevance: sql`c.relevance, ${newest}`,
  satisfaction: sql`s.satisfied * 1.0 / s.ratings desc nulls last, s.ratings desc, c.relevance, ${newest}`,
  price_asc: sql`c.price_fen, c.relevance, ${newest}`,
  price_desc: sql`c.price_fen desc, c.relevance, ${newest}`,
  newest,
};

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

/** Published offerings of active organizations matching the query, one page of them. */
export function searchCatalog(query: CatalogQuery) {
  const terms = searchTerms(query.q);
  const text = textConditions(terms);
  const where = sql.join([...filterConditions(query), ...text.conditions], sql` and `);
  const candidates = sql`
    select o.*, g.name as organization_name, ${text.rank} as relevance
    from offerings o
    join organizations g on g.id = o.organization_id
    join offerings_fts f on f.rowid = o.id
    where ${where}`;
  const total = db.get<{ n: number }>(sql`select count(*) as n from (${candidates})`)!.n;
  const pageCount = Math.max(1, Math.ceil(total / catalogPageSize));
  const page = Math.min(query.page, pageCount);
  const rows = db.all<Row>(sql`
    with c as (${candidates}),
    s as (${satisfactionByOrganization(sql`select organization_id from c`)})
    select c.id, c.title, c.category, c.format, c.description, c.duration_minutes as durationMinutes,
      c.capacity, c.price_fen as priceFen, c.areas, c.organization_id as organizationId,
      c.organization_name as organizationName, ${latestGradeSql(sql`c.organization_id`)} as grade,
      s.ratings, s.satisfied,
      (select min(p.id) from offering_photos p where p.offering_id = c.id) as photoId
    from c left join s on s.organization_id = c.organization_id
    order by ${orderings[query.sort]}
    limit ${catalogPageSize} offset ${(page - 1) * catalogPageSize}`);
  return {
    terms,
    total,
    page,
    pageCount,
    results: rows.map(({ areas, ratings, satisfied, ...row }) => ({
      ...row,
      areas: JSON.parse(areas) as string[],
      ratings: ratings ?? 0,
      satisfaction: ratings ? (satisfied ?? 0) / ratings : null,
    })),
  };
}

/** The areas named by published offerings, for the area filter. */
export function catalogAreas() {
  return db
    .all<{ area: string }>(
      sql`select distinct a.value as area from offerings o, json_each(o.areas) a
          where o.state = 'published' order by a.value`,
    )
    .map((r) => r.area);
}
