import { afterEach, describe, expect, it, vi } from 'vitest';
import { setClockOffset } from './clock.server';
import { sqlite } from './db.server';
import { hit, limitOf, parseLimit, rateLimited, resetRateLimits, sweepRateWindows } from './rate-limit.server';

process.env.TEST_CLOCK = '1';

afterEach(() => {
  vi.useRealTimers();
  setClockOffset(0);
  resetRateLimits();
  delete process.env.RATE_LIMITS;
  delete process.env.RATE_LIMIT_SIGNUP;
});

/** Stops the clock at `time` (ms since the epoch): a window's last millisecond stays its last. */
function at(time: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(time);
}

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

  it('counts the last millisecond of a window in it, and opens the next one on the millisecond after', () => {
    const limit = { max: 2, windowMs: 60_000 };
    const windowEnd = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
    at(windowEnd - 60_000);
    expect([hit('k', limit), hit('k', limit)]).toEqual([null, null]);
    at(windowEnd - 1);
    expect(hit('k', limit)).toBe(1); // 1 ms to go: a whole second, never 0
    at(windowEnd - 30_500);
    expect(hit('k', limit)).toBe(31);
    at(windowEnd);
    expect([hit('k', limit), hit('k', limit), hit('k', limit)]).toEqual([null, null, 60]);
  });

  it('keeps its windows in the database, where every process of the server counts against them', () => {
    const limit = { max: 2, windowMs: 3600_000 };
    hit('shared', limit);
    // What another process's request does: the same statement on its own connection.
    sqlite.prepare("update rate_windows set count = count + 1 where key = 'shared'").run();
    expect(hit('shared', limit)).toBeGreaterThan(0);
  });

  it('keeps a window another process opened a moment later, rather than going back to ours', () => {
    const limit = { max: 5, windowMs: 60_000 };
    const windowEnd = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
    at(windowEnd);
    hit('k', limit);
    // A request that read the clock just before the boundary but reached the database after it.
    at(windowEnd - 1);
    hit('k', limit);
    expect(sqlite.prepare("select reset_at as resetAt, count from rate_windows where key = 'k'").get()).toEqual({
      resetAt: windowEnd + 60_000,
      count: 2,
    });
  });

  it('sweeps the windows that have ended, however many, and keeps those still open', async () => {
    const insert = sqlite.prepare('insert into rate_windows (key, reset_at, count) values (?, ?, 1)');
    const time = Date.now();
    sqlite.transaction(() => {
      for (let i = 0; i < 1234; i++) insert.run(`ended:${i}`, time - 1 - i);
      for (let i = 0; i < 3; i++) insert.run(`open:${i}`, time + 60_000);
    })();
    await sweepRateWindows();
    expect(sqlite.prepare('select key from rate_windows order by key').pluck().all()).toEqual([
      'open:0',
      'open:1',
      'open:2',
    ]);
    resetRateLimits();
    expect(sqlite.prepare('select count(*) from rate_windows').pluck().get()).toBe(0);
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
