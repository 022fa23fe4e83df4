import cluster from 'node:cluster';
import { sweepRateWindows } from '~/lib/rate-limit.server';
import { deliverDueEmail, smtpConfigured } from '~/notifications/outbox.server';
import { runClock } from './ticks.server';

type Job = {
  name: string;
  everyMs: number;
  run: () => unknown;
  /** Left out of the schedule when this says no (email without an SMTP server). */
  enabled?: () => boolean;
};

/** Every job the server runs by itself, and how often: the whole schedule. */
export const schedule: Job[] = [
  { name: 'clock', everyMs: 5_000, run: runClock },
  { name: 'email delivery', everyMs: 2_000, run: () => deliverDueEmail(), enabled: smtpConfigured },
  { name: 'rate-limit sweep', everyMs: 60_000, run: sweepRateWindows },
];

/**
 * A server alone runs the schedule; of a cluster's workers (server.mjs, decision 106), only the one
 * its primary started with BACKGROUND_WORKER=1 does: one clock, one mailer.
 */
function runsSchedule() {
  return !cluster.isWorker || process.env.BACKGROUND_WORKER === '1';
}

type Running = { timer: ReturnType<typeof setInterval>; running: Promise<unknown> | null };
const state = globalThis as unknown as { __jobs?: Running[] };

/**
 * Starts each enabled job on its interval, the first run one interval after start: the clock's first
 * tick catches up on what fell due while the server was down (a national file: seconds of queries),
 * and must not hold up the first requests. A run still under way is never started again.
 */
export function startBackgroundWork() {
  if (state.__jobs || process.env.NODE_ENV === 'test' || !runsSchedule()) return;
  const jobs = schedule.filter((job) => job.enabled?.() ?? true);
  state.__jobs = jobs.map((job) => {
    const started: Running = { timer: setInterval(() => tick(job, started), job.everyMs).unref(), running: null };
    return started;
  });
  console.log(`Background work in process ${process.pid}: ${jobs.map((job) => job.name).join(', ')}`);
}

function tick(job: Job, started: Running) {
  if (started.running) return;
  started.running = Promise.resolve()
    .then(() => job.run())
    .catch((error) => console.error(`${job.name} failed`, error))
    .finally(() => (started.running = null));
}

/** Stops every job, waiting for runs under way to finish (server shutdown). */
export async function stopBackgroundWork() {
  const jobs = state.__jobs ?? [];
  state.__jobs = undefined;
  for (const job of jobs) clearInterval(job.timer);
  await Promise.all(jobs.map((job) => job.running));
}
