import { now } from './clock.server';
import { sqlite } from './db.server';
import { clientAddress, networkOf } from './network.server';

/** At most `max` requests per `windowMs`; null means no limit. */
export type Limit = { max: number; windowMs: number } | null;

const units: Record<string, number> = { s: 1000, min: 60_000, h: 3600_000, d: 86_400_000 };

/** Reads "10/h", "3000/min", "50/15min" or "off". */
export function parseLimit(text: string): Limit {
  if (text.trim() === 'off') return null;
  const match = /^\s*(\d+)\s*\/\s*(\d*)\s*(s|min|h|d)\s*$/.exec(text);
  if (!match) throw new Error(`Bad rate limit "${text}": write e.g. 10/h, 3000/min, 50/15min or off`);
  return { max: Number(match[1]), windowMs: Number(match[2] || 1) * units[match[3]!]! };
}

/**
 * The limit an environment variable sets, else the default. `RATE_LIMITS=off` turns every limit
 * off (benchmarks); read on each call so a test or an operator's restart sees the change.
 */
export function limitFromEnv(name: string, fallback: string): Limit {
  if (process.env.RATE_LIMITS === 'off') return null;
  return parseLimit(process.env[name] || fallback);
}

/**
 * Every limit, its environment variable and default (README, "Configuration"). Workers check in and
 * rate from one venue behind one NAT address, so they are limited per worker (or device) first and
 * per address only by a generous ceiling.
 */
export const limits = {
  signup: ['RATE_LIMIT_SIGNUP', '10/h'], // per address
  passwordReset: ['RATE_LIMIT_PASSWORD_RESET', '5/h'], // per email address asked for
  passwordResetAddress: ['RATE_LIMIT_PASSWORD_RESET_ADDRESS', '30/h'], // per client address
  checkin: ['RATE_LIMIT_CHECKIN', '10/min'], // per worker (code-only: per device, else per ticket)
  rating: ['RATE_LIMIT_RATING', '20/min'], // per worker (code-only: per device)
  smsResend: ['RATE_LIMIT_SMS_RESEND', '1/min'], // SMS codes per number (persisted)
  smsNumber: ['RATE_LIMIT_SMS_NUMBER', '5/h'], // SMS codes per number (persisted)
  smsAddress: ['RATE_LIMIT_SMS_ADDRESS', '600/h'], // SMS codes per client address (persisted)
  workerAddress: ['RATE_LIMIT_WORKER_ADDRESS', '3000/min'], // check-ins and ratings per address
  loginAccount: ['RATE_LIMIT_LOGIN_ACCOUNT', '10/15min'], // failed sign-ins per account (persisted)
  loginAddress: ['RATE_LIMIT_LOGIN_ADDRESS', '50/15min'], // failed sign-ins per address (persisted)
} as const;
export type LimitName = keyof typeof limits;

export function limitOf(name: LimitName): Limit {
  const [variable, fallback] = limits[name];
  return limitFromEnv(variable, fallback);
}

/**
 * Counts a request against each named limit and key (a null key — e.g. no known client address —
 * is not limited). Returns the seconds to wait if any limit is reached, else null.
 */
export function rateLimited(...checks: [LimitName, string | null][]): number | null {
  const hits = checks.flatMap(([name, key]): [string, Limit][] => {
    const limit = limitOf(name);
    return key === null || !limit ? [] : [[`${name}:${key}`, limit]];
  });
  if (!hits.length) return null;
  const waits = countAll.immediate(hits).filter((seconds) => seconds !== null);
  return waits.length ? Math.max(...waits) : null;
}

/** The header a 429 carries. */
export function retryAfter(seconds: number) {
  return { 'Retry-After': String(seconds) };
}

// Fixed windows, kept in SQLite so that every process of the server counts against the same window
// (decision 106): one UPSERT per key, some 20 µs. A window another process opened later than ours
// (it read the clock a moment after) is kept: a count never goes back.
const countRequest = sqlite.prepare<[string, number], { resetAt: number; count: number }>(`
  insert into rate_windows (key, reset_at, count) values (?, ?, 1)
  on conflict (key) do update set
    count = case when excluded.reset_at > reset_at then 1 else count + 1 end,
    reset_at = max(reset_at, excluded.reset_at)
  returning reset_at as resetAt, count`);

/**
 * Counts one request against `key` in its fixed window. Returns the seconds to wait when the limit
 * is reached, else null.
 */
export function hit(key: string, limit: Limit): number | null {
  if (!limit) return null;
  const time = now().getTime();
  const window = countRequest.get(key, time - (time % limit.windowMs) + limit.windowMs)!;
  if (window.count <= limit.max) return null;
  return Math.max(1, Math.ceil((window.resetAt - time) / 1000));
}

// A request's limits in one transaction: each write transaction takes the database's lock, which
// another process may hold, and SQLite waits for it in sleeps of a millisecond and more.
const countAll = sqlite.transaction((hits: [string, Limit][]) => hits.map(([key, limit]) => hit(key, limit)));

const sweepBatch = 500;
const sweepPauseMs = 20;
const deleteEnded = sqlite.prepare<[number, number]>('delete from rate_windows where reset_at <= ? limit ?');

/**
 * Deletes the windows that have ended (the schedule runs it), a batch of a few milliseconds per
 * write, and pauses between batches: the other processes' writes wait for the lock meanwhile, and
 * without a pause they would find it free for microseconds only, between two batches.
 */
export async function sweepRateWindows() {
  while (deleteEnded.run(now().getTime(), sweepBatch).changes === sweepBatch) {
    await new Promise((resolve) => setTimeout(resolve, sweepPauseMs));
  }
}

/** Every window forgotten (tests). */
export function resetRateLimits() {
  sqlite.prepare('delete from rate_windows').run();
}

/** The client's network (an IPv4 address or an IPv6 /64), or null when no proxy reports one. */
export function clientNetwork(request: Request) {
  const address = clientAddress(request);
  return address ? networkOf(address) : null;
}
