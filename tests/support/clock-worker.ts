// One of several processes running the tender clock at once (app/procurement/award.concurrency.test.ts),
// as a page in one server worker and the schedule in another do: at the clock offset it is given, on
// "go", it runs the clock once and prints "[]".
import { createInterface } from 'node:readline';
import { runTenderClock } from '~/jobs/ticks.server';
import { setClockOffset } from '~/lib/clock.server';

setClockOffset(Number(process.argv[2]));
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line !== 'go') continue;
  runTenderClock();
  process.stdout.write('[]\n');
  break;
}
lines.close();
process.exit(0);
