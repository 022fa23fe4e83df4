export const categories = [
  'counselling',
  'rescue_training',
  'performance',
  'legal_aid',
  'mediation',
  'matchmaking',
  'skills_training',
  'childcare',
  'career_planning',
  'health_care',
  'sports_culture',
  'hardship_followup',
  'volunteer_service',
] as const;
export type Category = (typeof categories)[number];

export const offeringFormats = ['on_site', 'station', 'online'] as const;
export const offeringStates = ['draft', 'published', 'archived'] as const;

// The catalog's sorts: here, not in query.ts, so the search page's browser code need not load
// Zod for them.
export const catalogSorts = ['relevance', 'satisfaction', 'price_asc', 'price_desc', 'newest'] as const;
export type CatalogSort = (typeof catalogSorts)[number];
