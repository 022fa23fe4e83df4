/** The red-flag indicators (docs/decisions/115), in the order the issue and the pages list them. */
export const riskIndicators = [
  'single_bid',
  'short_period',
  'price_at_ceiling',
  'lowest_passed_over',
  'late_bid_won',
  'disqualifications',
  'concentration',
  'split_purchase',
  'contract_growth',
  'scoring_outlier',
  'delivery_gap',
] as const;
export type RiskIndicator = (typeof riskIndicators)[number];

/** What a flag is about. */
export const riskSubjects = ['tender', 'commission', 'contract'] as const;
export type RiskSubject = (typeof riskSubjects)[number];

/** A response to a flag: an explanation of it, or a concern confirmed. */
export const responseKinds = ['explanation', 'concern'] as const;
export type ResponseKind = (typeof responseKinds)[number];
