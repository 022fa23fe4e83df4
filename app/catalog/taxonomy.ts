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
