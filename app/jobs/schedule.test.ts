import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { schedule, startBackgroundWork, stopBackgroundWork } from './schedule.server';
import { viewerFor } from '../../tests/fixtures/accounts';
import { advanceHours, hoursFromNow, resetClock, seedCounty, tenderInput } from '../../tests/fixtures/procurement';
import { createTender, requireTender } from '~/procurement/tenders.server';

beforeAll(seedCounty);
afterEach(async () => {
  await stopBackgroundWork();
  vi.unstubAllEnvs();
  resetClock();
});

describe('the schedule', () => {
  it('names every job the server runs by itself, with its interval', () => {
    expect(schedule.map(({ name, everyMs }) => [name, everyMs])).toEqual([
      ['clock', 5_000],
      ['email delivery', 2_000],
      ['rate-limit sweep', 60_000],
    ]);
  });

  it('runs the clock one interval after the server starts, so catching up never holds up its first requests', async () => {
    const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2) }));
    advanceHours(3);
    vi.stubEnv('NODE_ENV', 'production');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      startBackgroundWork();
      expect(requireTender(id).state).toBe('published');
      vi.advanceTimersByTime(5_000);
      await stopBackgroundWork();
    } finally {
      vi.useRealTimers();
    }
    expect(requireTender(id).state).toBe('unsuccessful');
  });

  it('runs nothing in tests unless asked, and stopping twice is harmless', async () => {
    const commissioner = await viewerFor('commissioner@demo.gonghui.cn');
    const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2) }));
    advanceHours(3);
    startBackgroundWork();
    await stopBackgroundWork();
    await stopBackgroundWork();
    expect(requireTender(id).state).toBe('published');
  });
});
