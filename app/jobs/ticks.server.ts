import { remindReportsDue, remindUpcomingEvents } from '~/delivery/reminders.server';
import { remindExitReviewsDue } from '~/incubation/residencies.server';
import { recordDuePeriodEvaluations } from '~/evaluation/evaluations.server';
import { finalizeDueAwards } from '~/procurement/award.server';
import { closeDueTenders } from '~/procurement/tenders.server';

/**
 * The tender deadlines and award standstill: procurement pages run this before they read, so a
 * page never shows a tender open after its deadline between two ticks.
 */
export function runTenderClock() {
  closeDueTenders();
  finalizeDueAwards();
}

/** Everything the clock decides without a person, in order: each tick, and after a test moves the clock. */
export function runClock() {
  runTenderClock();
  recordDuePeriodEvaluations();
  remindUpcomingEvents();
  remindReportsDue();
  remindExitReviewsDue();
}
