import { describe, expect, it } from 'vitest';
import { readFormMessage } from './form-message';
import { resources } from './i18n';
import { translate } from './translate';
import { yuan } from './validation';
import { deadlineTooSoon } from '~/procurement/bidding-period';

// Decision 110: a refusal states its limit in words that read well in each language.
const say = (language: 'zh-CN' | 'zh-TW' | 'en', text: string) => {
  const { key, values } = readFormMessage(text);
  return translate(resources[language], language, key, values);
};

describe('the limits a refusal states', () => {
  it('name the largest amount with its digits grouped', () => {
    const refusal = yuan.safeParse('100000000.01').error!.issues[0]!.message;
    expect(say('zh-CN', refusal)).toBe('金额不能超过 100,000,000 元。');
    expect(say('zh-TW', refusal)).toBe('金額不能超過 100,000,000 元。');
    expect(say('en', refusal)).toBe('The amount cannot be more than 100,000,000 yuan.');
  });

  it('name a one-day bidding period without "1 days"', () => {
    const refusal = deadlineTooSoon(new Date(0), new Date(0), 1)!;
    const en = translate(resources.en, 'en', refusal.key, refusal.values);
    expect(en).toContain('1-day minimum bidding period');
    expect(en).not.toMatch(/\b1 days\b/);
    expect(translate(resources['zh-CN'], 'zh-CN', refusal.key, refusal.values)).toContain('发布后 1 天');
  });
});
