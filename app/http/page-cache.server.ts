import { withValidator } from '~/http/cache.server';
import { now } from '~/lib/clock.server';

/**
 * The copies of anonymous public pages this process keeps (docs/decisions/114): what a shared cache
 * in front of the server would keep under the same headers (`public, max-age`, `Vary: Cookie,
 * Accept-Language`), for deployments that have none. A page is rendered once per address, cookie
 * and language for as long as its max-age allows — a minute at most, less before a deadline — so a
 * change reaches anonymous visitors within that time, as through any shared cache; signed-in people
 * always get a fresh page.
 */
type Copy = { body: string; headers: [string, string][]; storedAt: number; expiresAt: number; size: number };

/** `PAGE_CACHE_MIB`: the memory the copies may take in each process (16 by default); 0 keeps none. */
function capacityBytes() {
  const text = process.env.PAGE_CACHE_MIB;
  const mib = text ? Number(text) : 16;
  if (!Number.isFinite(mib) || mib < 0)
    throw new Error(`PAGE_CACHE_MIB must be a number of MiB (0 or more), not "${text}"`);
  return mib * 2 ** 20;
}

const capacity = capacityBytes();
/** In the order last used: the first is the one to drop when the copies outgrow their memory. */
const copies = new Map<string, Copy>();
let used = 0;

/**
 * What a page is kept under: its address, cookie and language (its `Vary`). The server looks a
 * request up by these strings, before it builds a web Request for the app: a lookup on every GET.
 */
export type PageAddress = { url: string; cookie?: string | null; language?: string | null };

/** Null for an address that is not a URL (a malformed Host): nothing is kept under it. */
const keyOf = ({ url, cookie, language }: PageAddress) =>
  URL.canParse(url) ? `${new URL(url).href}\n${cookie ?? ''}\n${language ?? ''}` : null;

function drop(key: string) {
  const copy = copies.get(key);
  if (!copy) return;
  copies.delete(key);
  used -= copy.size;
}

/** Keeps a page rendered for an anonymous visitor, for the max-age its Cache-Control gives. */
export function keepPage(request: Request, headers: Headers, body: string) {
  const maxAge = Number(/\bmax-age=(\d+)/.exec(headers.get('Cache-Control') ?? '')?.[1] ?? 0);
  const size = body.length * 2 + 1024;
  if (!maxAge || size > capacity / 8) return;
  const key = keyOf({
    url: request.url,
    cookie: request.headers.get('Cookie'),
    language: request.headers.get('Accept-Language'),
  })!;
  drop(key);
  const at = now().getTime();
  copies.set(key, { body, headers: [...headers], storedAt: at, expiresAt: at + maxAge * 1000, size });
  used += size;
  for (const oldest of copies.keys()) {
    if (used <= capacity) break;
    drop(oldest);
  }
}

/** The kept copy of the page asked for, while it is fresh (304 if the client holds it: `ifNoneMatch`). */
export function keptPage(address: PageAddress & { ifNoneMatch?: string | null }) {
  if (!copies.size) return null;
  const key = keyOf(address);
  if (key === null) return null;
  const copy = copies.get(key);
  if (!copy) return null;
  const at = now().getTime();
  if (at >= copy.expiresAt) {
    drop(key);
    return null;
  }
  copies.delete(key);
  copies.set(key, copy);
  const headers = new Headers(copy.headers);
  headers.set('Age', String(Math.floor((at - copy.storedAt) / 1000)));
  return withValidator(address.ifNoneMatch, copy.body, { headers });
}
