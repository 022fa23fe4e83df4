import { z } from 'zod';
import { responseKinds } from './indicators-list';
import { riskSettingRanges } from './settings';
import { requiredText, wholeNumber } from '~/lib/validation';

const setting = (key: keyof typeof riskSettingRanges) =>
  wholeNumber(riskSettingRanges[key].min, riskSettingRanges[key].max);

export const riskSettingsSchema = z.object({
  intent: z.literal('risk-settings'),
  riskCeilingPercent: setting('riskCeilingPercent'),
  riskLateBidMinutes: setting('riskLateBidMinutes'),
  riskConcentrationPercent: setting('riskConcentrationPercent'),
  riskWinStreak: setting('riskWinStreak'),
  riskSplitDays: setting('riskSplitDays'),
  riskGrowthPercent: setting('riskGrowthPercent'),
  riskScoreGap: setting('riskScoreGap'),
});

export const responseSchema = z.object({
  intent: z.literal('respond'),
  kind: z.enum(responseKinds, { error: 'errors.required' }),
  text: requiredText(2000),
});
