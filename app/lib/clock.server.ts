/**
 * The server's clock. Deadlines, check-in windows and rating windows are decided here and only
 * here. Tests move it through `/__test/clock`, which exists only when TEST_CLOCK=1.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function setClockOffset(ms: number) {
  if (process.env.TEST_CLOCK !== '1') throw new Error('The clock can only be moved in tests');
  offsetMs = ms;
}
