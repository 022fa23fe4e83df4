/**
 * Brings a benchmark database to the state of a deployment whose clock has kept up: the quarter's
 * evaluations recorded. Without it the app's clock would catch up during the run, 20 organizations
 * a tick, each holding the write lock, and the first scenarios would measure that instead.
 * Run: DATABASE_PATH=… tsx bench/steady.ts
 */
import { recordDuePeriodEvaluations } from '~/evaluation/evaluations.server';

const started = performance.now();
let recorded = 0;
for (let batch = recordDuePeriodEvaluations(1000); batch > 0; batch = recordDuePeriodEvaluations(1000))
  recorded += batch;
if (recorded)
  console.log(`  recorded ${recorded.toLocaleString('en')} due evaluations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
