import type { Route } from './+types/__test.clock';
import { setClockOffset } from '~/lib/clock.server';
import { runClock } from '~/jobs/ticks.server';

export async function action({ request }: Route.ActionArgs) {
  if (process.env.TEST_CLOCK !== '1') throw new Response('Not Found', { status: 404 });
  const { offsetMs } = (await request.json()) as { offsetMs: number };
  setClockOffset(offsetMs);
  runClock();
  return Response.json({ ok: true });
}

export function loader() {
  throw new Response('Not Found', { status: 404 });
}
