import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  title: 'Red flags',
  pageTitle: '{{union}} · Red flags',
  signal:
    'A red flag is a signal to explain, never a verdict: the commissioner or an auditor records an explanation or a confirmed concern on each.',
  indicators: {
    single_bid: 'Single bid',
    short_period: 'Short bidding period',
    price_at_ceiling: 'Price at the ceiling',
    lowest_passed_over: 'Lowest price passed over',
    late_bid_won: 'Late bid won',
    disqualifications: 'Bids rejected',
    concentration: 'Concentration',
    split_purchase: 'Split purchases',
    contract_growth: 'Contract growth',
    scoring_outlier: 'Scoring outlier',
    delivery_gap: 'Delivery gap',
  },
  explain: {
    single_bid: { default: 'Only {{bids}} valid bid at the deadline (competition needs at least {{limit_bids}}).' },
    short_period: {
      short:
        'Only {{days}} days from publication to the bidding deadline, less than the union’s minimum bidding period of {{limit_days}} days.',
      moved: 'The bidding deadline was moved earlier {{moves}} time(s).',
    },
    price_at_ceiling: {
      default:
        'The awarded price {{priceFen}} is {{percent}}% of the budget ceiling {{budgetFen}}: at or above {{limit_percent}}%.',
    },
    lowest_passed_over: {
      default:
        'The awarded price {{priceFen}} is above the lowest valid price {{lowestFen}}, by {{differenceFen}}; the scoring is below.',
    },
    late_bid_won: {
      default:
        'The winning bid was submitted {{minutes}} minutes before the deadline ({{submittedAt}}), within the last {{limit_minutes}} minutes.',
    },
    disqualifications: {
      allOthers: 'All {{rejected}} bids other than the winner’s were rejected by the panel ({{bids}} bids in all).',
      lowest: 'The lowest bid ({{lowestFen}}) was rejected by the panel.',
    },
    concentration: {
      share:
        'This organization holds {{organizationFen}} of the union’s {{totalFen}} purchased this year: {{percent}}%, more than {{limit_percent}}%.',
      streak: 'This organization has won {{wins}} of the union’s tenders in a row, more than {{limit_wins}}.',
    },
    split_purchase: {
      default:
        '{{commissions}} direct commissions to one organization within {{days}} days add up to {{sumFen}}, above the direct-commission threshold of {{limit_thresholdFen}}.',
    },
    contract_growth: {
      value:
        'Amendments raised the contract from {{originalFen}} to {{currentFen}}: {{percent}}%, more than {{limit_percent}}%.',
      period: 'The contract was extended to {{periodEnd}}, past its tender’s service period (to {{tenderPeriodEnd}}).',
    },
    scoring_outlier: {
      default:
        'Reviewer {{reviewer}} scored the winning bid {{score}} on “{{criterion}}”, the other reviewers {{othersMean}} on average: {{gap}} points apart, more than {{limit_gap}}.',
    },
    delivery_gap: {
      unverified: 'A paid milestone rests on {{events}} event(s) with no verified check-in.',
      short:
        'The contract is paid in full with {{sessionsDelivered}} sessions and {{workerVisits}} worker-visits delivered (contracted: {{limit_sessions}} sessions, at least {{limit_workerVisits}} worker-visits).',
    },
  },
  subjects: { tender: 'Tender', commission: 'Direct commission', contract: 'Contract' },
  records: {
    title: 'The records behind it',
    tender: 'Tender',
    bid: 'Bid',
    contract: 'Contract',
    commission: 'Direct commission',
    milestone: 'Payment milestone',
    event: 'Event',
    amendment: 'Amendment',
    open: 'Open',
  },
  responses: {
    title: 'Responses',
    none: 'No response yet.',
    kinds: { explanation: 'Explanation', concern: 'Concern confirmed' },
    latest: 'Latest response',
    add: 'Record a response',
    kind: 'Kind of response',
    text: 'Text',
    save: 'Save the response',
    saved: 'The response is recorded.',
    by: '{{name}} · {{at}}',
  },
  list: {
    subject: 'Subject',
    indicator: 'Flag',
    organization: 'Organization',
    department: 'Department',
    value: 'At stake',
    raised: 'Raised',
    details: 'Details',
    empty: 'No red flags in this selection.',
    noResponse: 'Not answered',
  },
  summary: {
    title: 'By indicator',
    flags: 'Flags',
    value: 'At stake',
    total: 'Total',
  },
  filters: {
    year: 'Year',
    indicator: 'Indicator',
    department: 'Department',
    organization: 'Organization',
    all: 'All',
    apply: 'Filter',
  },
  csv: 'Download CSV',
  print: 'Print',
  flagTitle: '{{indicator}} · {{subject}}',
  flagOn: '{{subject}}: {{title}}',
  scoring: {
    title: 'The scoring that decided the award',
    bidder: 'Bidder',
    price: 'Price',
    total: 'Total score',
    rank: 'Rank',
    winner: 'Winner',
  },
  onPage: {
    title: 'Red flags',
    staffNote: 'Shown to the union’s staff only; a tender’s flags become public when its award is published.',
    publicNote: 'Red flags published with the award: signals to explain, never verdicts.',
  },
  thresholds: {
    title: 'The union’s thresholds',
    ceiling: 'Awarded price at {{value}}% of the budget ceiling or above',
    lateBid: 'Winning bid submitted within {{value}} minutes of the deadline',
    concentration: 'One organization holding more than {{value}}% of a year’s purchases',
    streak: 'One organization winning more than {{value}} tenders in a row',
    split: 'Direct commissions to one organization within {{value}} days above the direct-commission threshold',
    growth: 'Amendments raising a contract by more than {{value}}%',
    scoreGap: 'A reviewer’s score more than {{value}} points from the others’ mean',
    minBidding: 'Minimum bidding period {{value}} days',
  },
  settings: {
    title: 'Red-flag thresholds',
    explanation:
      'Red flags are computed with these thresholds; saving recomputes every flag of the union at once. The defaults follow the Open Contracting Partnership’s red-flags guide and Ukraine’s DOZORRO.',
    riskCeilingPercent: 'Awarded price as a share of the ceiling (%)',
    riskLateBidMinutes: 'Last minutes before the deadline',
    riskConcentrationPercent: 'One organization’s share of a year’s purchases (%)',
    riskWinStreak: 'Tenders won in a row',
    riskSplitDays: 'Period for split purchases (days)',
    riskGrowthPercent: 'Contract growth (%)',
    riskScoreGap: 'Scoring gap (points of 100)',
    hint: '{{min}} to {{max}}; default {{default}}.',
    save: 'Save the red-flag thresholds',
    saved: 'The thresholds are saved and the flags recomputed.',
  },
  dashboard: {
    indicator: 'Red flag',
    flags: 'Red flags',
    value: 'At stake',
  },
} satisfies Translation<typeof zhCN>;
