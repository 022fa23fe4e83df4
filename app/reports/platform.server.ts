import { platformBasis, platformFigures } from '~/delivery/figures.server';
import { incubatedOrganizations } from '~/incubation/residencies.server';
import { now } from '~/lib/clock.server';

/**
 * What the whole platform has delivered, for its public home page: the delivery figures (sessions,
 * worker-visits, satisfaction) over every accepted contracted event, with the attendance standard
 * they rest on, and the organizations incubated and graduated. They add up one rollup row per
 * organization and count residencies, so an anonymous page at national scale reads them at most
 * once a minute (on the server's clock): figures a minute old are as true as the seeds' reports.
 */
const freshForMs = 60_000;
let kept: { at: number; totals: ReturnType<typeof readTotals> } | null = null;

function readTotals() {
  return { figures: platformFigures(), basis: platformBasis(), ...incubatedOrganizations() };
}

export function platformTotals() {
  const at = now().getTime();
  if (!kept || at - kept.at >= freshForMs || at < kept.at) kept = { at, totals: readTotals() };
  return kept.totals;
}
