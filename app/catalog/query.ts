import { z } from 'zod';
import { catalogSorts, categories, offeringFormats, type CatalogSort } from './taxonomy';
import { passingGrades, type PassingGrade } from '~/evaluation/grades';
import { parseYuan } from '~/lib/money';

export { catalogSorts, type CatalogSort } from './taxonomy';
export const catalogPageSize = 12;

export type CatalogQuery = {
  q: string;
  category?: (typeof categories)[number];
  area?: string;
  format?: (typeof offeringFormats)[number];
  minPriceFen?: number;
  maxPriceFen?: number;
  /** "At least" this grade. */
  grade?: PassingGrade;
  sort: CatalogSort;
  page: number;
};

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const paramsSchema = z.object({
  q: z.string().trim().max(100).catch(''),
  category: optional(z.enum(categories)),
  area: optional(z.string().trim().min(1).max(50)),
  format: optional(z.enum(offeringFormats)),
  grade: optional(z.enum(passingGrades)),
  sort: optional(z.enum(catalogSorts)),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/**
 * The whole query lives in the URL so results can be shared. Unknown or malformed values are
 * dropped; a price that is not an amount is reported back so the form can say so.
 */
export function parseCatalogQuery(params: URLSearchParams) {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
  const parsed = paramsSchema.parse(raw);
  const price = (name: 'minPrice' | 'maxPrice') => {
    const value = params.get(name)?.trim();
    if (!value) return { fen: undefined, error: undefined };
    const fen = parseYuan(value);
    return fen === null ? { fen: undefined, error: 'errors.money' } : { fen, error: undefined };
  };
  const min = price('minPrice');
  const max = price('maxPrice');
  const query: CatalogQuery = {
    ...parsed,
    minPriceFen: min.fen,
    maxPriceFen: max.fen,
    sort: parsed.sort ?? (parsed.q ? 'relevance' : 'newest'),
  };
  return { query, errors: { minPrice: min.error, maxPrice: max.error } };
}

/** Terms separated by spaces (ASCII or ideographic); quotes are not syntax here. */
export function searchTerms(q: string) {
  const terms = q
    .replace(/["\u201c\u201d]/g, ' ')
    .split(/[\s\u3000]+/)
    .filter(Boolean);
  return [...new Set(terms)].slice(0, 8);
}
