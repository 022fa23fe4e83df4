import { afterEach, describe, expect, it } from 'vitest';
import { setClockOffset } from './clock.server';
import { hit, limitOf, parseLimit, rateLimited, resetRateLimits } from './rate-limit.server';

process.env.TEST_CLOCK = '1';

afterEach(() => {
  setClockOffset(0);
  resetRateLimits();
  delete process.env.RATE_LIMITS;
  delete process.env.RATE_LIMIT_SIGNUP;
});

describe('rate limits', () => {
  it('reads "n/unit", "n/kunit" and "off"', () => {
    expect(parseLimit('10/h')).toEqual({ max: 10, windowMs: 3600_000 });
    expect(parseLimit('3000/min')).toEqual({ max: 3000, windowMs: 60_000 });
    expect(parseLimit('50/15min')).toEqual({ max: 50, windowMs: 15 * 60_000 });
    expect(parseLimit('off')).toBeNull();
    expect(() => parseLimit('ten per hour')).toThrow(/Bad rate limit/);
  });

  it('allows max requests per window, then gives the seconds to wait, then allows again', () => {
    const limit = { max: 3, windowMs: 60_000 };
    // Start at the beginning of a window so the test does not straddle two.
    setClockOffset(60_000 - (Date.now() % 60_000) + 1);
    expect([hit('k', limit), hit('k', limit), hit('k', limit)]).toEqual([null, null, null]);
    const wait = hit('k', limit);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(hit('other', limit)).toBeNull();
    setClockOffset(60_000 - (Date.now() % 60_000) + 1 + 60_000);
    expect(hit('k', limit)).toBeNull();
  });

  it('takes its limits from the environment, and RATE_LIMITS=off turns them all off', () => {
    expect(limitOf('signup')).toEqual({ max: 10, windowMs: 3600_000 });
    process.env.RATE_LIMIT_SIGNUP = '2/h';
    expect(rateLimited(['signup', '10.0.0.1'])).toBeNull();
    expect(rateLimited(['signup', '10.0.0.1'])).toBeNull();
    expect(rateLimited(['signup', '10.0.0.1'])).toBeGreaterThan(0);
    process.env.RATE_LIMITS = 'off';
    expect(limitOf('signup')).toBeNull();
    expect(rateLimited(['signup', '10.0.0.1'])).toBeNull();
  });

  it('does not limit an unknown key (no client address)', () => {
    process.env.RATE_LIMIT_SIGNUP = '1/h';
    for (let i = 0; i < 5; i++) expect(rateLimited(['signup', null])).toBeNull();
  });

  it('gives check-ins from one venue address a ceiling far above one event', () => {
    const ceiling = limitOf('workerAddress')!;
    expect(ceiling.max / (ceiling.windowMs / 60_000)).toBeGreaterThanOrEqual(2 * 463);
  });
});
