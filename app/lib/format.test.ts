import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatExpectedCount } from './format';

describe('counts', () => {
  it('are whole numbers, grouped as the locale groups digits', () => {
    expect(formatCount(30000, 'zh-CN')).toBe('30,000');
    expect(formatCount(33.9, 'zh-CN')).toBe('34');
  });

  it('expected pro rata are whole too, and never 0 when something is expected', () => {
    expect(formatExpectedCount(33.9, 'zh-CN')).toBe('34');
    expect(formatExpectedCount(0.2, 'en')).toBe('1');
    expect(formatExpectedCount(0, 'en')).toBe('0');
  });
});

describe('dates', () => {
  it('have one form per locale, on the Shanghai calendar', () => {
    // 17:00 UTC on the 6th is 01:00 on the 7th in Shanghai.
    const at = '2026-12-06T17:00:00Z';
    expect(formatDate(at, 'zh-CN')).toBe('2026年12月7日');
    expect(formatDate(at, 'zh-TW')).toBe('2026年12月7日');
    expect(formatDate(at, 'en')).toBe('Dec 7, 2026');
    expect(formatDateTime(at, 'zh-CN')).toBe('2026年12月7日 01:00');
  });
});
