import { closeDueTenders } from '~/procurement/tenders.server';
import { finalizeDueAwards } from '~/procurement/award.server';
import { remindUpcomingEvents } from '~/delivery/reminders.server';
import { recordDuePeriodEvaluations } from '~/evaluation/evaluations.server';
import { startDeliveryWorker } from '~/notifications/outbox.server';

/** Everything the clock decides without a person: run every few seconds and after a clock move. */
export function runClock() {
  closeDueTenders();
  finalizeDueAwards();
  recordDuePeriodEvaluations();
  remindUpcomingEvents();
}

const state = globalThis as unknown as { __backgroundStarted?: boolean };

export function startBackgroundWork() {
  if (state.__backgroundStarted || process.env.NODE_ENV === 'test') return;
  state.__backgroundStarted = true;
  const tick = () => {
    try {
      runClock();
    } catch (error) {
      console.error('clock tick failed', error);
    }
  };
  tick();
  setInterval(tick, 5_000).unref();
  startDeliveryWorker();
}
