// One contender in the booking race (app/incubation/bookings.concurrency.test.ts): its own process
// and its own connection to the test database. It prepares, says "ready", waits for "go" on stdin,
// then tries to book each slot it was given, in its own order, and prints the outcomes as JSON.
import { createInterface } from 'node:readline';
import { getViewer } from '~/accounts/auth.server';
import { createSession } from '~/accounts/session.server';
import { bookRoom } from '~/incubation/bookings.server';
import { UserError } from '~/lib/errors';

const [residencyId, userId, roomId, slotsJson] = process.argv.slice(2);
const slots = JSON.parse(slotsJson!) as { startsAt: string; endsAt: string }[];
const { token } = createSession(Number(userId));
const viewer = (await getViewer(new Request('http://worker/', { headers: { cookie: `session=${token}` } })))!;

function attempt(slot: { startsAt: string; endsAt: string }) {
  try {
    const id = bookRoom(viewer, Number(residencyId), {
      roomId: Number(roomId),
      startsAt: new Date(slot.startsAt),
      endsAt: new Date(slot.endsAt),
      purpose: `worker ${process.pid}`,
    });
    return { slot: slot.startsAt, ok: true, id };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { slot: slot.startsAt, ok: false, key: error.messageKey };
  }
}

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line !== 'go') continue;
  process.stdout.write(`${JSON.stringify(slots.map(attempt))}\n`);
  break;
}
lines.close();
process.exit(0);
