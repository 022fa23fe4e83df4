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
];

type Running = { timer: ReturnType<typeof setInterval>; running: Promise<unknown> | null };
const state = globalThis as unknown as { __jobs?: Running[] };

/** Starts each enabled job now and then on its interval; a run still under way is never started again. */
export function startBackgroundWork() {
  if (state.__jobs || process.env.NODE_ENV === 'test') return;
  state.__jobs = schedule
    .filter((job) => job.enabled?.() ?? true)
    .map((job) => {
      const started: Running = { timer: setInterval(() => tick(job, started), job.everyMs).unref(), running: null };
      tick(job, started);
      return started;
    });
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
