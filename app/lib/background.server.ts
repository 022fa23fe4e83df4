import { closeDueTenders } from '~/procurement/tenders.server';
import { finalizeDueAwards } from '~/procurement/award.server';
import { remindUpcomingEvents } from '~/delivery/reminders.server';
import { recordDuePeriodEvaluations } from '~/evaluation/evaluations.server';
import { startDeliveryWorker, stopDeliveryWorker } from '~/notifications/outbox.server';

/**
 * The tender deadlines and award standstill: procurement pages run this before they read, so a
 * page never shows a tender open after its deadline between two ticks.
 */
export function runTenderClock() {
  closeDueTenders();
  finalizeDueAwards();
}

/** Everything the clock decides without a person: run every few seconds and after a clock move. */
export function runClock() {
  runTenderClock();
  recordDuePeriodEvaluations();
  remindUpcomingEvents();
}

const state = globalThis as unknown as { __clock?: ReturnType<typeof setInterval> };

export function startBackgroundWork() {
  if (state.__clock || process.env.NODE_ENV === 'test') return;
  const tick = () => {
    try {
      runClock();
    } catch (error) {
      console.error('clock tick failed', error);
    }
  };
  tick();
  state.__clock = setInterval(tick, 5_000).unref();
  startDeliveryWorker();
}

/** Stops the clock and the email worker, waiting for a delivery under way (server shutdown). */
export async function stopBackgroundWork() {
  clearInterval(state.__clock);
  state.__clock = undefined;
  await stopDeliveryWorker();
}
