/** The union's red-flag thresholds: their defaults (the columns' defaults) and the limits the form takes. */
export const riskSettingRanges = {
  riskCeilingPercent: { min: 50, max: 100, default: 98 },
  riskLateBidMinutes: { min: 1, max: 1440, default: 60 },
  riskConcentrationPercent: { min: 5, max: 100, default: 40 },
  riskWinStreak: { min: 1, max: 50, default: 3 },
  riskSplitDays: { min: 1, max: 366, default: 90 },
  riskGrowthPercent: { min: 1, max: 100, default: 20 },
  riskScoreGap: { min: 5, max: 100, default: 25 },
} as const;
export type RiskSettingKey = keyof typeof riskSettingRanges;
export const riskSettingKeys = Object.keys(riskSettingRanges) as RiskSettingKey[];
export type RiskSettings = Record<RiskSettingKey, number>;
